import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { fail } from '../../platform/errors.ts';
import { billLines, bills, runs } from './db/schema.ts';
import type { Deps } from './deps.ts';
import { OPEN_BILL_STATUSES, type BillStatus } from './domain/bill-lifecycle.ts';

export type BillRow = typeof bills.$inferSelect;
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
