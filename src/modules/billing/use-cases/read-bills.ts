import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { hasPermission } from '../../identity/index.ts';
import type { BillDetail, BillSummary, BillStatusValue } from '../contract.ts';
import { bills } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { OPEN_BILL_STATUSES } from '../domain/bill-lifecycle.ts';
import { billRow, linesOf, type BillRow } from '../queries.ts';

export interface BillFilter {
  contractId?: string;
  period?: string;
  status?: BillStatusValue;
  page: number;
  pageSize: number;
}

/** Staff outside accounting see the bills of contracts in their scope; this many recent ones are looked at. */
const SCOPED_SCAN = 5_000;

/**
 * Bills, newest period first, as the caller may see them: a customer their own, the accountant (and
 * admin) all, other staff (AM, KAM …) those of the contracts in their scope.
 */
export async function listBills(d: Deps, ctx: Ctx, f: BillFilter) {
  const where: SQL[] = [];
  if (f.contractId) {
    d.contracts.assertCanSee(ctx, await d.contracts.row(f.contractId));
    where.push(eq(bills.contractId, f.contractId));
  }
  if (ctx.actor.customerId) where.push(eq(bills.customerId, ctx.actor.customerId));
  if (f.period) where.push(eq(bills.period, f.period));
  if (f.status) where.push(eq(bills.status, f.status));
  const cond = where.length ? and(...where) : undefined;
  const order = [desc(bills.period), desc(bills.number)];
  const offset = (f.page - 1) * f.pageSize;
  if (ctx.actor.customerId || f.contractId || hasPermission(ctx.actor, 'payment.read')) {
    const rows = await d.database.db.select().from(bills).where(cond).orderBy(...order).limit(f.pageSize).offset(offset);
    const [{ total }] = await d.database.db.select({ total: count() }).from(bills).where(cond);
    return { items: await present(d, rows), total, page: f.page, pageSize: f.pageSize };
  }
  const recent = await d.database.db.select().from(bills).where(cond).orderBy(...order).limit(SCOPED_SCAN);
  const visible = await visibleTo(d, ctx, recent);
  return { items: await present(d, visible.slice(offset, offset + f.pageSize)), total: visible.length, page: f.page, pageSize: f.pageSize };
}

async function visibleTo(d: Deps, ctx: Ctx, rows: BillRow[]): Promise<BillRow[]> {
  const seen = new Map<string, boolean>();
  const out: BillRow[] = [];
  for (const b of rows) {
    if (!seen.has(b.contractId)) seen.set(b.contractId, d.contracts.canSee(ctx, await d.contracts.row(b.contractId)));
    if (seen.get(b.contractId)) out.push(b);
  }
  return out;
}

/** A bill the caller may see (its contract's visibility decides), with its lines, the money received and, while open, the payment link. */
export async function getBill(d: Deps, ctx: Ctx, id: string): Promise<BillDetail> {
  const b = await billRow(d, id).catch(() => null);
  const contract = b && (await d.contracts.row(b.contractId));
  if (!b || !contract || !d.contracts.canSee(ctx, contract)) throw fail('NOT_FOUND', { bill: id });
  const [summary] = await present(d, [b]);
  const lines = (await linesOf(d, b.id)).map((l) => ({
    kind: l.kind,
    description: l.description,
    metric: l.metric,
    quantity: l.quantity,
    unit: l.unit,
    unitPriceVnd: l.unitPriceVnd.toString(),
    amountVnd: l.amountVnd.toString(),
    vatRate: l.vatRate,
    vatVnd: l.vatVnd.toString(),
  }));
  const payUrl = b.paymentId && OPEN_BILL_STATUSES.includes(b.status) ? d.payments.linkFor(d.database.db, b.paymentId) : null;
  const payments = (await d.payments.ofBill(b.id))
    .filter((p) => p.status !== 'pending' && p.status !== 'cancelled')
    .map((p) => ({ id: p.id, method: p.method, amountVnd: p.amountVnd.toString(), paidAt: p.paidAt?.toISOString() ?? null, bankRef: p.bankRef }));
  return { ...summary, lines, outstandingVnd: (b.totalVnd - b.paidVnd).toString(), payments, payUrl };
}

/** Bills as lists show them: amounts as strings, with contract numbers and customer names. */
async function present(d: Deps, rows: BillRow[]): Promise<BillSummary[]> {
  const numbers = await d.contracts.numbersOf([...new Set(rows.map((b) => b.contractId))]);
  const names = await d.customers.namesOf([...new Set(rows.map((b) => b.customerId))]);
  return rows.map((b) => ({
    id: b.id,
    number: b.number,
    contractId: b.contractId,
    contractNumber: numbers.get(b.contractId) ?? '',
    customerId: b.customerId,
    customerName: names.get(b.customerId) ?? '',
    period: b.period,
    status: b.status,
    issueDate: b.issueDate,
    dueDate: b.dueDate,
    subtotalVnd: b.subtotalVnd.toString(),
    vatVnd: b.vatVnd.toString(),
    totalVnd: b.totalVnd.toString(),
    paidVnd: b.paidVnd.toString(),
    paidAt: b.paidAt?.toISOString() ?? null,
  }));
}
