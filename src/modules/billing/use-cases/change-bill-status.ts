import type { Executor } from '../../../db/client.ts';
import { saveVersioned } from '../../../db/versioned.ts';
import type { Ctx } from '../../../platform/context.ts';
import { transition } from '../../../platform/state-machine.ts';
import { bills } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { BILL_MACHINE } from '../domain/bill-lifecycle.ts';
import { lockBill, type BillRow } from '../queries.ts';

/** An unpaid bill past its due date becomes overdue (collection's daily step), in the caller's transaction. */
export async function markOverdue(d: Deps, tx: Executor, ctx: Ctx, billId: string): Promise<BillRow> {
  const b = await lockBill(tx, billId);
  const patch = { status: transition(BILL_MACHINE, b.status, 'fall_due') };
  return saveVersioned(tx, d.audit, ctx, { table: bills, entityType: 'bill', row: b, patch, now: d.clock.now(), action: 'bill.overdue' });
}

/** Bad debt written off (after its approval, which collection owns), in the caller's transaction. */
export async function markWrittenOff(d: Deps, tx: Executor, ctx: Ctx, billId: string): Promise<BillRow> {
  const b = await lockBill(tx, billId);
  const patch = { status: transition(BILL_MACHINE, b.status, 'write_off') };
  return saveVersioned(tx, d.audit, ctx, { table: bills, entityType: 'bill', row: b, patch, now: d.clock.now(), action: 'bill.written_off' });
}
