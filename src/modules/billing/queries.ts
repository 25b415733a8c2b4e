import { and, asc, desc, eq, inArray, lte, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { fail } from '../../platform/errors.ts';
import { billLines, bills, runs } from './db/schema.ts';
import type { BillRow, Deps } from './deps.ts';

export type { BillRow };
import { OPEN_BILL_STATUSES, type BillStatus } from './domain/bill-lifecycle.ts';

export type BillLineRow = typeof billLines.$inferSelect;
export type RunRow = typeof runs.$inferSelect;

export async function billRow(d: Deps, id: string, ex: Executor = d.database.db): Promise<BillRow> {
  const [b] = await ex.select().from(bills).where(eq(bills.id, id));
  if (!b) throw fail('NOT_FOUND', { bill: id });
  return b;
}

export async function lockBill(tx: Executor, id: string): Promise<BillRow> {
  const [b] = await tx.select().from(bills).where(eq(bills.id, id)).for('update');
  if (!b) throw fail('NOT_FOUND', { bill: id });
  return b;
}

export const linesOf = (d: Deps, billId: string, ex: Executor = d.database.db): Promise<BillLineRow[]> =>
  ex.select().from(billLines).where(eq(billLines.billId, billId)).orderBy(asc(billLines.position));

/** The bills of a contract the customer still owes money on, oldest period first. */
export const openBillsOf = (d: Deps, contractId: string, ex: Executor = d.database.db): Promise<BillRow[]> =>
  ex
    .select()
    .from(bills)
    .where(and(eq(bills.contractId, contractId), inArray(bills.status, OPEN_BILL_STATUSES)))
    .orderBy(asc(bills.period));

/** Bills in the given statuses, due on or before `dueOnOrBefore` when given (collection's daily sweep). */
export const billsByStatus = (d: Deps, f: { statuses: BillStatus[]; dueOnOrBefore?: string; limit?: number }, ex: Executor = d.database.db) =>
  ex
    .select()
    .from(bills)
    .where(and(inArray(bills.status, f.statuses), f.dueOnOrBefore ? lte(bills.dueDate, f.dueOnOrBefore) : undefined))
    .orderBy(asc(bills.dueDate), asc(bills.id))
    .limit(f.limit ?? 10_000);

/** A run as the API shows it. */
export const presentRun = (r: RunRow) => ({ ...r, startedAt: r.startedAt.toISOString(), finishedAt: r.finishedAt?.toISOString() ?? null });

export async function runById(d: Deps, id: string) {
  const [r] = await d.database.db.select().from(runs).where(eq(runs.id, id));
  if (!r) throw fail('NOT_FOUND', { run: id });
  return presentRun(r);
}

/** The latest runs, newest first. */
export const recentRuns = async (d: Deps) => (await d.database.db.select().from(runs).orderBy(desc(runs.startedAt)).limit(20)).map(presentRun);

/** The bills of a month that were issued (whatever happened to them since): the revenue of that month. */
export const billsOfPeriod = (d: Deps, period: string, ex: Executor = d.database.db): Promise<BillRow[]> =>
  ex.select().from(bills).where(and(eq(bills.period, period), ne(bills.status, 'draft'))).orderBy(asc(bills.contractId));
