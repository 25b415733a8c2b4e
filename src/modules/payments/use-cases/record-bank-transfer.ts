import { and, eq } from 'drizzle-orm';
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
  /** A postpaid bill of the contract: the transfer pays it (its payment was made when the bill was issued). */
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
    const appendix = !!input.amendmentId;
    const [billPayment] = input.billId ? await tx.select().from(payments).where(and(eq(payments.billId, input.billId), eq(payments.contractId, c.id))) : [];
    if (input.billId && !billPayment) throw fail('NOT_FOUND', { bill: input.billId });
    const created = billPayment ?? await ensurePayment(d, tx, {
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
    if (p.billId) await billsOf(d).paidIn(tx, ctx, p.billId, { paymentId: p.id, amountVnd: input.amountVnd, paidAt });
    else await d.contracts.confirmPaymentIn(tx, ctx, c.id, payment);
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
