import { asc, desc, eq } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { listFiles } from '../../../platform/files.ts';
import { priceModelFromJson, type VatRate } from '../../catalog/index.ts';
import { hasPermission } from '../../identity/index.ts';
import { amendments, tasks } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { allowedActions, awaitsAccount, requiredApprovals, serviceAccess } from '../domain/lifecycle.ts';
import { appendixPayable } from '../domain/settlement.ts';
import { fieldChanges, referencedIds } from '../domain/timeline.ts';
import { approvalsOf, assertCanSee, contractRow, hasLiveRenewal, inScope, summaries, unitRef } from '../queries.ts';

/** One contract with its tasks, appendices, documents, timeline and the actions the caller may take. */
export async function getContract(d: Deps, ctx: Ctx, id: string, opts: { skipAccess?: boolean } = {}) {
  const c = await contractRow(d, id);
  if (!opts.skipAccess) assertCanSee(d, ctx, c);
  const [summary] = await summaries(d, [c]);
  const db = d.database.db;
  const [taskRows, amendmentRows, timeline, hasRenewal, documents] = await Promise.all([
    db.select().from(tasks).where(eq(tasks.contractId, id)).orderBy(asc(tasks.openedAt)),
    db.select().from(amendments).where(eq(amendments.contractId, id)).orderBy(desc(amendments.createdAt)),
    d.audit.list({ entityType: 'contract', entityId: id, page: 1, pageSize: 200 }),
    hasLiveRenewal(db, id),
    listFiles(db, 'contract', id),
  ]);
  const sales = c.salesUserId ? await d.identity.getUser(c.salesUserId).catch(() => null) : null;
  const mentioned = referencedIds(timeline.items.flatMap((e) => [e.before, e.after]));
  const [names, customerNames] = await Promise.all([
    d.identity.namesOf([c.ctkvApprovedBy, c.ttcnttApprovedBy, ...taskRows.map((t) => t.doneBy), ...mentioned.users]),
    d.customers.namesOf(mentioned.customers),
  ]);
  const rename = (v: string) => names.get(v) ?? customerNames.get(v) ?? v;
  const raw = hasPermission(ctx.actor, 'audit.read');
  const nameOf = (userId: string | null) => (userId ? (names.get(userId) ?? userId) : null);
  const approval = (by: string | null, at: Date | null) => ({ required: true, by, byName: nameOf(by), at });
  const now = d.clock.now();
  const model = priceModelFromJson(c.priceModel);
  const approvalLevels = requiredApprovals({ channel: c.channel, needsCtkv: c.needsCtkvApproval === 1 });
  const scoped = inScope(d, ctx, c);
  const can = {
    sell: hasPermission(ctx.actor, 'contract.declare') && scoped,
    approveCtkv: hasPermission(ctx.actor, 'contract.approve_ctkv') && scoped,
    approveTtcntt: hasPermission(ctx.actor, 'contract.approve_ttcntt'),
    recordPayment: hasPermission(ctx.actor, 'contract.record_payment'),
    provision: hasPermission(ctx.actor, 'contract.provision'),
    suspend: hasPermission(ctx.actor, 'contract.suspend'),
    ownerCustomer: ctx.actor.customerId === c.customerId,
    selfService: c.channel === 'self_service',
  };
  return {
    ...summary,
    kind: c.kind,
    parentId: c.parentId,
    unitPriceVnd: c.unitPriceVnd,
    subtotalVnd: c.subtotalVnd,
    vatRate: c.vatRate,
    vatVnd: c.vatVnd,
    signedDate: c.signedDate,
    managingUnit: unitRef(d, c.managingUnitId),
    salesUser: sales ? { id: sales.id, fullName: sales.fullName } : null,
    // Only the approvals this contract's flow has (none for self-service): null is "does not apply".
    approvals: {
      ctkv: approvalLevels.includes('ctkv') ? approval(c.ctkvApprovedBy, c.ctkvApprovedAt) : null,
      ttcntt: approvalLevels.includes('ttcntt') ? approval(c.ttcnttApprovedBy, c.ttcnttApprovedAt) : null,
    },
    service: serviceAccess(c, taskRows.find((t) => t.kind === 'provision' && t.status === 'open')?.dueAt ?? null),
    paidAt: c.paidAt,
    paymentRef: c.paymentRef,
    activatedAt: c.activatedAt,
    accountRef: c.accountRef,
    accessUrl: c.accessUrl,
    rejectionReason: c.rejectionReason,
    terminatedAt: c.terminatedAt,
    terminationDate: c.terminationDate,
    terminationReason: c.terminationReason,
    settlement: c.settlement,
    note: c.note,
    priceModel: c.priceModel,
    tasks: taskRows.map((t) => ({ ...t, doneByName: nameOf(t.doneBy), overdue: t.status === 'open' && t.dueAt < now })),
    amendments: amendmentRows.map((a) => ({ ...a, payableVnd: appendixPayable(a.netVnd, c.vatRate as VatRate) })),
    allowedActions: allowedActions({
      status: c.status,
      billing: c.billing,
      approvals: approvalsOf(c),
      can,
      amendable: c.billing === 'prepaid' && model.kind !== 'quote' && !c.onpremQuoteId,
      hasLiveRenewal: hasRenewal,
      awaitingAccount: awaitsAccount(c),
    }),
    documents,
    timeline: timeline.items.map((e) => ({
      id: e.id,
      at: e.at,
      actorName: e.actorName,
      action: e.action,
      changes: fieldChanges(e.before, e.after, rename),
      ...(raw ? { before: e.before, after: e.after } : {}),
    })),
  };
}

export type ContractDetail = Awaited<ReturnType<typeof getContract>>;
