import type { Executor } from '../../../db/client.ts';
import { saveVersioned } from '../../../db/versioned.ts';
import type { Ctx } from '../../../platform/context.ts';
import { formatVnd } from '../../../platform/money.ts';
import { bills } from '../db/schema.ts';
import type { BillRow, Deps } from '../deps.ts';
import { OPEN_BILL_STATUSES, statusAfterPayment } from '../domain/bill-lifecycle.ts';
import { billingError } from '../errors.ts';
import { lockBill } from '../queries.ts';

/**
 * Money received for a bill (VNPay IPN, querydr or a recorded transfer of the whole rest or of a part),
 * inside the payment's transaction: the bill becomes paid or partly paid (an overdue bill paid in part
 * stays overdue for what remains), and the paid listeners run in the same transaction. More than the
 * bill still owes is refused with BILL_OVERPAID.
 */
export async function applyBillPayment(d: Deps, tx: Executor, ctx: Ctx, billId: string, p: { paymentId: string; amountVnd: bigint; paidAt: Date }) {
  if (p.amountVnd <= 0n) throw billingError('BILL_AMOUNT_INVALID');
  const b = await lockBill(tx, billId);
  if (!OPEN_BILL_STATUSES.includes(b.status)) throw billingError('BILL_NOT_PAYABLE', { bill: b.number ?? b.id, status: b.status });
  const outstanding = b.totalVnd - b.paidVnd;
  if (p.amountVnd > outstanding) throw billingError('BILL_OVERPAID', { bill: b.number ?? b.id, outstandingVnd: outstanding.toString() });
  const status = statusAfterPayment(b, p.amountVnd);
  const patch = { status, paidVnd: b.paidVnd + p.amountVnd, paidAt: status === 'paid' ? p.paidAt : b.paidAt };
  const after = await saveVersioned(tx, d.audit, ctx, {
    table: bills,
    entityType: 'bill',
    row: b,
    patch,
    now: d.clock.now(),
    action: status === 'paid' ? 'bill.paid' : 'bill.partly_paid',
    extra: { paymentId: p.paymentId, amountVnd: p.amountVnd },
  });
  if (status === 'paid') await confirmToCustomer(d, tx, after);
  for (const listener of d.paidListeners) await listener(tx, ctx, after, p);
  return after;
}

/** C3: the customer who paid 100 % is told so (queued in the payment's transaction). */
async function confirmToCustomer(d: Deps, tx: Executor, b: BillRow) {
  const customer = await d.customers.row(b.customerId, tx);
  if (!customer.email) return;
  const contract = await d.contracts.row(b.contractId, tx);
  const [year, month] = b.period.split('-');
  await d.notifications.email(tx, {
    to: customer.email,
    template: 'bill.paid',
    locale: 'vi',
    data: { customerName: customer.name, number: contract.number, month: `${month}/${year}`, amount: formatVnd(b.paidVnd), billNumber: b.number ?? '' },
    related: { type: 'contract', id: contract.id },
  });
}
