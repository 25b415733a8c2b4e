import type { Executor } from '../../../db/client.ts';
import { saveVersioned } from '../../../db/versioned.ts';
import { fail } from '../../../platform/errors.ts';
import { bills } from '../db/schema.ts';
import { SYSTEM, type BillRow, type Deps } from '../deps.ts';
import { OPEN_BILL_STATUSES } from '../domain/bill-lifecycle.ts';
import { billingError } from '../errors.ts';
import { lockBill } from '../queries.ts';

/**
 * The bill's link payment, awaiting what the bill still owes, opened when it is first needed: by the
 * fee e-mail's job (the link is in the e-mail) or by a transfer recorded before that job ran. The bill
 * run only issues bills, so a month of 100,000 bills is not also 100,000 payments in its transactions.
 * `b` is locked by the caller; a bill with nothing left to pay gets no payment (null).
 */
export async function openBillPayment(d: Deps, tx: Executor, b: BillRow): Promise<string | null> {
  if (b.paymentId) return b.paymentId;
  const owed = b.totalVnd - b.paidVnd;
  if (!OPEN_BILL_STATUSES.includes(b.status) || owed <= 0n) return null;
  const payment = await d.payments.ensurePayment(tx, {
    contractId: b.contractId,
    billId: b.id,
    customerId: b.customerId,
    amountVnd: owed,
    description: d.payments.billPaymentDescription(b.number ?? b.id),
  });
  await saveVersioned(tx, d.audit, SYSTEM, { table: bills, entityType: 'bill', row: b, patch: { paymentId: payment.id }, now: d.clock.now(), action: 'bill.payment_opened' });
  return payment.id;
}

/** For payments recording a transfer on a bill of `contractId` whose link payment is not open yet. */
export async function openPaymentOfContractBill(d: Deps, tx: Executor, billId: string, contractId: string): Promise<string> {
  const b = await lockBill(tx, billId);
  if (b.contractId !== contractId) throw fail('NOT_FOUND', { bill: billId });
  const paymentId = await openBillPayment(d, tx, b);
  if (!paymentId) throw billingError('BILL_NOT_PAYABLE', { bill: b.number ?? b.id, status: b.status });
  return paymentId;
}
