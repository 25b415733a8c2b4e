import { asc, desc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { newId } from '../../../platform/ids.ts';
import type { CollectionCase, WriteOff } from '../contract.ts';
import { cases, promises, writeOffs } from '../db/schema.ts';
import type { CollectionDeps } from '../deps.ts';
import { collectionError } from '../errors.ts';
import { assertCanSeeContract, caseRow, seesAllDebt } from '../queries.ts';

const WORKERS = ['collector', 'am', 'kam'];

/** Cases as the caller may see them: the collection staff and the accountant all, an AM/KAM those assigned to them or in their scope. */
export async function listCases(d: CollectionDeps, ctx: Ctx, status?: CollectionCase['status']): Promise<{ items: CollectionCase[] }> {
  const rows = await d.database.db.select().from(cases).where(status ? eq(cases.status, status) : undefined).orderBy(desc(cases.openedAt)).limit(500);
  const visible = [];
  for (const c of rows) {
    if (seesAllDebt(ctx) || c.assigneeUserId === ctx.actor.id || d.contracts.canSee(ctx, await d.contracts.row(c.contractId))) visible.push(c);
  }
  return { items: await presentCases(d, visible) };
}

export async function presentCases(d: CollectionDeps, rows: (typeof cases.$inferSelect)[]): Promise<CollectionCase[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((c) => c.id);
  const [numbers, users, promiseRows, writeOffRows] = await Promise.all([
    d.contracts.numbersOf(rows.map((c) => c.contractId)),
    d.identity.userRefs(rows.map((c) => c.assigneeUserId).filter((x): x is string => !!x)),
    d.database.db.select().from(promises).where(inArray(promises.caseId, ids)).orderBy(asc(promises.createdAt)),
    d.database.db.select().from(writeOffs).where(inArray(writeOffs.caseId, ids)).orderBy(asc(writeOffs.requestedAt)),
  ]);
  const out: CollectionCase[] = [];
  for (const c of rows) {
    const open = await d.billing.openBillsOf(c.contractId);
    out.push({
      id: c.id,
      contractId: c.contractId,
      contractNumber: numbers.get(c.contractId) ?? c.contractId,
      status: c.status,
      assigneeUsername: users.find((u) => u.id === c.assigneeUserId)?.username ?? null,
      openedAt: c.openedAt.toISOString(),
      closedAt: c.closedAt?.toISOString() ?? null,
      outstandingVnd: open.reduce((s, b) => s + b.totalVnd - b.paidVnd, 0n).toString(),
      promises: promiseRows
        .filter((p) => p.caseId === c.id)
        .map((p) => ({ ...p, amountVnd: p.amountVnd.toString(), createdAt: p.createdAt.toISOString() })),
      writeOffs: writeOffRows.filter((w) => w.caseId === c.id).map((w) => presentWriteOff(w, numbers.get(c.contractId) ?? c.contractId)),
    });
  }
  return out;
}

export function presentWriteOff(w: typeof writeOffs.$inferSelect, contractNumber: string): WriteOff {
  const { id, caseId, contractId, reason, status, requestedBy, decidedBy } = w;
  return {
    id,
    caseId,
    contractId,
    contractNumber,
    amountVnd: w.amountVnd.toString(),
    reason,
    status,
    requestedBy,
    requestedAt: w.requestedAt.toISOString(),
    decidedBy,
    decidedAt: w.decidedAt?.toISOString() ?? null,
  };
}

/** Hands an open case to an AM/KAM or a collection staff member (audited on the contract's timeline). */
export async function assignCase(d: CollectionDeps, ctx: Ctx, id: string, assigneeUsername: string): Promise<CollectionCase> {
  const c = await caseRow(d, id);
  await assertCanSeeContract(d, ctx, c.contractId);
  if (c.status !== 'open') throw collectionError('COLLECTION_CASE_CLOSED', { status: c.status });
  const candidates = await d.identity.listUsers({ q: assigneeUsername, page: 1, pageSize: 20 });
  const found = candidates.items.find((u) => u.username.toLowerCase() === assigneeUsername.toLowerCase());
  const canWork = found?.status === 'active' && found.roles.some((r) => WORKERS.includes(r));
  if (!found || !canWork) throw collectionError('COLLECTION_ASSIGNEE_INVALID', { username: assigneeUsername });
  await d.database.db.transaction(async (tx) => {
    await tx.update(cases).set({ assigneeUserId: found.id, version: c.version + 1 }).where(eq(cases.id, id));
    await d.audit.record(tx, ctx, {
      action: 'collection.case_assigned',
      entityType: 'contract',
      entityId: c.contractId,
      before: { assignee: c.assigneeUserId },
      after: { case: id, assignee: found.username },
    });
  });
  return (await presentCases(d, [await caseRow(d, id)]))[0];
}

/** Notes the customer's promise to pay (on the contract's timeline). */
export interface PromiseToPay {
  promisedDate: string;
  amountVnd: bigint;
  note?: string;
}

export async function addPromise(d: CollectionDeps, ctx: Ctx, id: string, p: PromiseToPay): Promise<CollectionCase> {
  const c = await caseRow(d, id);
  await assertCanSeeContract(d, ctx, c.contractId);
  if (c.status !== 'open') throw collectionError('COLLECTION_CASE_CLOSED', { status: c.status });
  await d.database.db.transaction(async (tx) => {
    const now = d.clock.now();
    const row = {
      id: newId('collectionPromise', now),
      caseId: id,
      promisedDate: p.promisedDate,
      amountVnd: p.amountVnd,
      note: p.note ?? null,
      createdBy: ctx.actor.name,
      createdAt: now,
    };
    await tx.insert(promises).values(row);
    const after = { ...row, amountVnd: p.amountVnd.toString() };
    await d.audit.record(tx, ctx, { action: 'collection.promise_to_pay', entityType: 'contract', entityId: c.contractId, after });
  });
  return (await presentCases(d, [c]))[0];
}
