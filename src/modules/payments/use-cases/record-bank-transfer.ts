import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { newId } from '../../../platform/ids.ts';
import type { PaymentRow } from '../queries.ts';
import { saveVersioned } from '../../../db/versioned.ts';
import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { paymentError } from '../errors.ts';
import { contractsError } from '../../contracts/index.ts';
import { transition } from '../../../platform/state-machine.ts';
import { payments } from '../db/schema.ts';
import { billsOf, type Deps } from '../deps.ts';
import { awaitsMoney, PAYMENT_MACHINE } from '../domain/payment-lifecycle.ts';
import { paidAtAcceptable } from '../domain/refunds.ts';
import { contractPaymentDescription, ensurePayment } from './ensure-payment.ts';
import { enqueueInvoice } from './request-invoice.ts';

export interface BankTransfer {
  contractId: string;
  amendmentId?: string;
  /** A postpaid bill of the contract: the transfer pays it, wholly or in part (any amount up to what it still owes). */
  billId?: string;
  amountVnd: bigint;
  paidAt?: Date;
  bankRef: string;
  note?: string;
}

/**
 * A bank transfer an accountant recorded: the same ledger as VNPay payments, the same contract
 * hook as an IPN, and the same e-invoice job as a reconciled payment.
 */
export async function recordBankTransfer(d: Deps, ctx: Ctx, input: BankTransfer) {
  const c = await d.contracts.row(input.contractId);
  if (!d.contracts.canSee(ctx, c)) throw fail('FORBIDDEN', { contract: c.id });
  const now = d.clock.now();
  const paidAt = input.paidAt ?? now;
  if (!paidAtAcceptable(paidAt, now, c.createdAt)) {
    throw paymentError('PAID_AT_INVALID', { paidAt: Number.isFinite(paidAt.getTime()) ? paidAt.toISOString() : null });
  }
  return d.database.db.transaction(async (tx) => {
    const [sameTransfer] = await tx.select({ id: payments.id }).from(payments).where(eq(payments.bankRef, input.bankRef));
    if (sameTransfer) throw paymentError('PAYMENT_ALREADY_RECORDED', { bankRef: input.bankRef, payment: sameTransfer.id });
    if (input.billId) return recordBillTransfer(d, ctx, tx, c.id, input.billId, { ...input, paidAt });
    const appendix = !!input.amendmentId;
    const created = await ensurePayment(d, tx, {
      contractId: c.id,
      amendmentId: input.amendmentId,
      customerId: c.customerId,
      amountVnd: appendix ? input.amountVnd : c.totalVnd,
      description: contractPaymentDescription(c.number, appendix),
    });
    const [p] = await tx.select().from(payments).where(eq(payments.id, created.id)).for('update');
    if (!awaitsMoney(p.status)) throw paymentError('PAYMENT_ALREADY_RECORDED', { payment: p.id, status: p.status });
    if (p.amountVnd !== input.amountVnd) {
      throw contractsError('PAYMENT_MISMATCH', { expectedVnd: p.amountVnd.toString(), gotVnd: input.amountVnd.toString() });
    }
    const payment = { paymentRef: `manual:${input.bankRef}`, amountVnd: input.amountVnd, paidAt, amendmentId: input.amendmentId };
    await d.contracts.confirmPaymentIn(tx, ctx, c.id, payment);
    const patch = {
      status: transition(PAYMENT_MACHINE, p.status, 'pay'),
      method: 'bank_transfer' as const,
      bankRef: input.bankRef,
      note: input.note ?? null,
      recordedBy: ctx.actor.id,
      paidAt,
    };
    const after = await saveVersioned(tx, d.audit, ctx, { table: payments, entityType: 'payment', row: p, patch, now, action: 'payment.recorded' });
    await enqueueInvoice(d, tx, p.id);
    return after;
  });
}

/**
 * A transfer for a postpaid bill, of any amount up to what the bill still owes (the bill refuses more
 * with BILL_OVERPAID). The bill's link payment, awaiting the remaining balance, is locked first, so
 * transfers and a VNPay IPN on the same bill apply one after the other:
 * - the whole remaining balance pays the link payment itself (by transfer), and the bill's one
 *   e-invoice follows, for the whole bill;
 * - a part is a payment of its own (paid at once, in the same ledger, so commissions accrue on it),
 *   and the link payment then asks only for what remains. A part gets no e-invoice of its own.
 */
async function recordBillTransfer(d: Deps, ctx: Ctx, tx: Executor, contractId: string, billId: string, input: BankTransfer & { paidAt: Date }) {
  const now = d.clock.now();
  const ofBill = await tx.select().from(payments).where(and(eq(payments.billId, billId), eq(payments.contractId, contractId)));
  // No payment yet: the fee e-mail's job has not opened the bill's link; the bill opens it now.
  const openId = ofBill.length === 0 ? await billsOf(d).openPayment(tx, billId, contractId) : ofBill.find((p) => awaitsMoney(p.status))?.id;
  if (!openId) throw paymentError('PAYMENT_ALREADY_RECORDED', { bill: billId });
  const [link] = await tx.select().from(payments).where(eq(payments.id, openId)).for('update');
  if (!awaitsMoney(link.status)) throw paymentError('PAYMENT_ALREADY_RECORDED', { payment: link.id, status: link.status });
  const transfer = { method: 'bank_transfer' as const, bankRef: input.bankRef, note: input.note ?? null, recordedBy: ctx.actor.id, paidAt: input.paidAt };
  const whole = input.amountVnd === link.amountVnd;
  const paymentId = whole ? link.id : newId('payment', now);
  // The bill checks the amount (more than it owes is refused) and records the money first.
  await billsOf(d).paidIn(tx, ctx, billId, { paymentId, amountVnd: input.amountVnd, paidAt: input.paidAt });
  if (whole) {
    const patch = { ...transfer, status: transition(PAYMENT_MACHINE, link.status, 'pay') };
    const after = await saveVersioned(tx, d.audit, ctx, { table: payments, entityType: 'payment', row: link, patch, now, action: 'payment.recorded' });
    await enqueueInvoice(d, tx, link.id);
    return after;
  }
  const part: PaymentRow = {
    ...link,
    ...transfer,
    id: paymentId,
    amountVnd: input.amountVnd,
    description: `${link.description} (mot phan)`,
    status: transition(PAYMENT_MACHINE, 'pending', 'pay'),
    paidTxnRef: null,
    refundedVnd: 0n,
    applyError: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  await tx.insert(payments).values(part);
  await d.audit.record(tx, ctx, { action: 'payment.recorded', entityType: 'payment', entityId: part.id, after: part });
  const rest = { amountVnd: link.amountVnd - input.amountVnd };
  await saveVersioned(tx, d.audit, ctx, { table: payments, entityType: 'payment', row: link, patch: rest, now, action: 'payment.balance_reduced' });
  return part;
}
