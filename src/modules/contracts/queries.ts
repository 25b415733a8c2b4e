import { and, asc, count, eq, gt, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { prepared } from '../../db/prepared.ts';
import type { Ctx } from '../../platform/context.ts';
import { fail } from '../../platform/errors.ts';
import { NO_CONTRACT } from './errors.ts';
import { hasPermission, withinScope } from '../identity/index.ts';
import { amendments, contracts } from './db/schema.ts';
import type { Deps } from './deps.ts';
import { approvalLevelOf, type ApprovalLevel } from './domain/lifecycle.ts';

export type ContractRow = typeof contracts.$inferSelect;
export type AmendmentRow = typeof amendments.$inferSelect;

export async function contractRow(d: Deps, id: string, ex: Executor = d.database.db): Promise<ContractRow> {
  const [c] = await ex.select().from(contracts).where(eq(contracts.id, id));
  if (!c) throw fail('NOT_FOUND', { contract: id }, NO_CONTRACT);
  return c;
}

const contractForUpdate = prepared('contracts.forUpdate', (tx) => tx.select().from(contracts).where(eq(contracts.id, sql.placeholder('id'))).for('update'));

export async function lockContract(tx: Executor, id: string): Promise<ContractRow> {
  const [c] = await contractForUpdate(tx, { id });
  if (!c) throw fail('NOT_FOUND', { contract: id }, NO_CONTRACT);
  return c;
}

/** Whether a renewal of the contract is under way or running (one at a time). */
export async function hasLiveRenewal(ex: Executor, parentId: string): Promise<boolean> {
  const [r] = await ex
    .select({ id: contracts.id })
    .from(contracts)
    .where(and(eq(contracts.parentId, parentId), sql`${contracts.status} not in ('cancelled', 'rejected', 'expired', 'terminated')`))
    .limit(1);
  return !!r;
}

/** Contract numbers by id, for other modules' lists. */
export async function numbersOf(d: Deps, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await d.database.db.select({ id: contracts.id, number: contracts.number }).from(contracts).where(inArray(contracts.id, ids));
  return new Map(rows.map((r) => [r.id, r.number]));
}

/** The contracts a staff member sold themselves (the notification feed's "payments on my contracts"). */
export async function idsSoldBy(d: Deps, userId: string): Promise<string[]> {
  const rows = await d.database.db.select({ id: contracts.id }).from(contracts).where(eq(contracts.salesUserId, userId));
  return rows.map((r) => r.id);
}

/** Postpaid contracts that ran on some day of [first, last] (the billing run's month), in id order. */
const postpaidRunning = (first: string, last: string) =>
  and(
    eq(contracts.billing, 'postpaid'),
    inArray(contracts.status, ['active', 'suspended', 'terminated', 'expired']),
    lte(contracts.startDate, last),
    or(isNull(contracts.terminationDate), gte(contracts.terminationDate, first)),
  );

/** What a bill run needs of a contract (a narrow row: runs read a hundred thousand of them). */
const billable = {
  id: contracts.id,
  number: contracts.number,
  customerId: contracts.customerId,
  productId: contracts.productId,
  priceModel: contracts.priceModel,
  vatRate: contracts.vatRate,
  quantity: contracts.quantity,
  status: contracts.status,
  startDate: contracts.startDate,
  endDate: contracts.endDate,
  terminationDate: contracts.terminationDate,
};
export type BillableContract = Pick<ContractRow, keyof typeof billable>;

export const postpaidRunningBetween = (d: Deps, first: string, last: string, afterId: string, limit: number): Promise<BillableContract[]> =>
  d.database.db.select(billable).from(contracts).where(and(postpaidRunning(first, last), gt(contracts.id, afterId))).orderBy(asc(contracts.id)).limit(limit);

export const countPostpaidRunningBetween = async (d: Deps, first: string, last: string): Promise<number> =>
  (await d.database.db.select({ n: count() }).from(contracts).where(postpaidRunning(first, last)))[0].n;

// ---- who may see and act ---------------------------------------------------------------------------

/** The caller sold it, or its selling or managing unit lies in the caller's scope. */
export function inScope(d: Deps, ctx: Ctx, c: Pick<ContractRow, 'sellingUnitId' | 'managingUnitId' | 'salesUserId'>): boolean {
  if (ctx.actor.id && c.salesUserId === ctx.actor.id) return true;
  const scope = d.identity.scopePathOf(ctx.actor);
  return [c.sellingUnitId, c.managingUnitId].some((u) => withinScope(ctx.actor, scope, (u && d.identity.orgUnit(u)?.path) || '/'));
}

export function canSee(d: Deps, ctx: Ctx, c: ContractRow): boolean {
  if (ctx.actor.kind === 'system') return true;
  if (ctx.actor.customerId) return ctx.actor.customerId === c.customerId;
  return hasPermission(ctx.actor, 'contract.read') && inScope(d, ctx, c);
}

export function assertCanSee(d: Deps, ctx: Ctx, c: ContractRow): void {
  if (canSee(d, ctx, c)) return;
  // Customers and outsiders learn nothing about other people's contracts; staff are told it is not theirs.
  throw fail(ctx.actor.customerId || ctx.actor.roles.length === 0 ? 'NOT_FOUND' : 'FORBIDDEN', { contract: c.id });
}

/** The seller of the contract: may declare contracts and has it in scope. */
export const isSeller = (d: Deps, ctx: Ctx, c: ContractRow): boolean => hasPermission(ctx.actor, 'contract.declare') && inScope(d, ctx, c);

export function assertSeller(d: Deps, ctx: Ctx, c: ContractRow): void {
  if (!isSeller(d, ctx, c)) throw fail('FORBIDDEN', { contract: c.id });
}

/** The level the caller approves or rejects this contract at (see `approvalLevelOf`). */
export function approvalLevel(d: Deps, ctx: Ctx, c: ContractRow): ApprovalLevel {
  const approver = {
    approvesCtkv: hasPermission(ctx.actor, 'contract.approve_ctkv'),
    approvesTtcntt: hasPermission(ctx.actor, 'contract.approve_ttcntt'),
    inScope: inScope(d, ctx, c),
  };
  return approvalLevelOf(approver, { id: c.id, status: c.status, ...approvalsOf(c) });
}

/** The approvals given so far, in the terms of `domain/lifecycle.ts`. */
export const approvalsOf = (c: ContractRow) => ({
  needsCtkv: c.needsCtkvApproval === 1,
  ctkvApproved: !!c.ctkvApprovedAt,
  ttcnttApproved: !!c.ttcnttApprovedAt,
});

// ---- org units ---------------------------------------------------------------------------------------

export function unitRef(d: Deps, id: string | null) {
  const u = id ? d.identity.orgUnit(id) : undefined;
  return u ? { id: u.id, code: u.code, name: u.name } : null;
}

/** The ids of a unit and every unit below it. */
export function unitIdsUnder(d: Deps, path: string): string[] {
  return d.identity
    .orgUnitList()
    .filter((u) => u.path.startsWith(path))
    .map((u) => u.id);
}

/** The regional company (or center) that encloses a unit. */
export function scopeUnitId(d: Deps, unitId: string): string | null {
  const u = d.identity.orgUnit(unitId);
  if (!u) return null;
  const ids = u.path.split('/').filter(Boolean).reverse();
  return ids.find((id) => ['regional_company', 'center', 'agent'].includes(d.identity.orgUnit(id)?.kind ?? '')) ?? unitId;
}

/** A unit inside a regional company (CTKV): its contracts need that CTKV's approval too. */
export function soldByCtkv(d: Deps, unitId: string | null): boolean {
  const u = unitId ? d.identity.orgUnit(unitId) : undefined;
  return !!u && u.path.split('/').some((id) => d.identity.orgUnit(id)?.kind === 'regional_company');
}

export const ttcnttUnitId = (d: Deps): string | null => d.identity.orgUnitByCode('TTCNTT')?.id ?? null;

// ---- presenters ----------------------------------------------------------------------------------------

/** The columns the list view shows (a list page reads these, not the price model and the rest of a contract). */
export const listedColumns = {
  id: contracts.id,
  number: contracts.number,
  status: contracts.status,
  customerId: contracts.customerId,
  productId: contracts.productId,
  planId: contracts.planId,
  channel: contracts.channel,
  billing: contracts.billing,
  quantity: contracts.quantity,
  periodMonths: contracts.periodMonths,
  totalVnd: contracts.totalVnd,
  startDate: contracts.startDate,
  endDate: contracts.endDate,
  sellingUnitId: contracts.sellingUnitId,
  createdAt: contracts.createdAt,
};
export type ListedContract = Pick<ContractRow, keyof typeof listedColumns>;

/** The list view of contracts: customer, product and plan by name, the selling unit. */
export async function summaries(d: Deps, rows: ListedContract[]) {
  if (rows.length === 0) return [];
  const distinct = (f: (r: ListedContract) => string) => [...new Set(rows.map(f))];
  const [customersById, names] = await Promise.all([
    d.customers.briefsOf(distinct((r) => r.customerId)),
    d.catalog.namesOf(distinct((r) => r.productId), distinct((r) => r.planId)),
  ]);
  const { products, plans: plansById } = names;
  return rows.map((c) => {
    const customer = customersById.get(c.customerId);
    const product = products.get(c.productId);
    const plan = plansById.get(c.planId);
    return {
      id: c.id,
      number: c.number,
      status: c.status,
      customer: customer ? { id: customer.id, name: customer.name, type: customer.type } : null,
      product: product ? { code: product.code, name: product.name, nameEn: product.nameEn } : null,
      plan: plan ? { code: plan.code, name: plan.name, nameEn: plan.nameEn } : null,
      channel: c.channel,
      billing: c.billing,
      quantity: c.quantity,
      periodMonths: c.periodMonths,
      totalVnd: c.totalVnd,
      startDate: c.startDate,
      endDate: c.endDate,
      sellingUnit: unitRef(d, c.sellingUnitId),
      createdAt: c.createdAt,
    };
  });
}
