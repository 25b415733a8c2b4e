import type { RefundRow } from '../queries.ts';
import { eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { paymentError } from '../errors.ts';
import { newId } from '../../../platform/ids.ts';
import { payments, refunds } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { refundable } from '../domain/payment-lifecycle.ts';
import { refundableVnd, refundType } from '../domain/refunds.ts';
import { REFUND_QUEUE } from './send-refund.ts';


/**
 * A refund: reserved under the payment's row lock (what is left counts the refunds in flight), then
 * sent to VNPay by a job keyed by the refund, with the row's stable vnp_RequestId. Answers at once
 * with the pending row; the job applies the outcome once.
 */
export async function requestRefund(d: Deps, ctx: Ctx, paymentId: string, amountVnd: bigint, reason: string): Promise<RefundRow> {
  if (amountVnd <= 0n) throw fail('VALIDATION_FAILED', { amountVnd: amountVnd.toString() }, {
    vi: 'số tiền hoàn phải lớn hơn 0',
    en: 'the amount must be positive',
  });
  return d.database.db.transaction(async (tx) => {
    // A purpose's payment (a subscriber's bill or top-up) is refunded by its own module, with its state.
    const [owner] = await tx.select({ purpose: payments.purpose }).from(payments).where(eq(payments.id, paymentId));
    if (owner?.purpose) throw paymentError('PAYMENT_OWNED_ELSEWHERE', { payment: paymentId, purpose: owner.purpose });
    return reserveRefund(d, tx, ctx, paymentId, amountVnd, reason);
  });
}

/**
 * The refund reserved in the caller's transaction (a purpose's module refunds inside its own state
 * change). A contract's payment is checked against the caller's scope; a purpose payment's module
 * has checked its own scope.
 */
export async function reserveRefund(d: Deps, tx: Executor, ctx: Ctx, paymentId: string, amountVnd: bigint, reason: string): Promise<RefundRow> {
  const [p] = await tx.select().from(payments).where(eq(payments.id, paymentId)).for('update');
  if (!p) throw fail('NOT_FOUND', { payment: paymentId });
  if (!p.purpose && !d.contracts.canSee(ctx, await d.contracts.row(p.contractId, tx))) throw fail('FORBIDDEN', { contract: p.contractId });
  if (!refundable(p)) throw paymentError('PAYMENT_NOT_REFUNDABLE', { payment: p.id, status: p.status, method: p.method });
  const earlier = tx.select({ amountVnd: refunds.amountVnd, status: refunds.status }).from(refunds);
  const left = refundableVnd(p.amountVnd, await earlier.where(eq(refunds.paymentId, p.id)));
  if (amountVnd > left) {
    throw paymentError('REFUND_EXCEEDS_REMAINING', { amountVnd: amountVnd.toString(), remainingVnd: left.toString() });
  }
  const now = d.clock.now();
  const id = newId('refund', now);
  const row: RefundRow = {
    id,
    paymentId: p.id,
    txnRef: p.paidTxnRef,
    amountVnd,
    reason,
    status: 'pending',
    requestId: id.replace(/[^A-Za-z0-9]/g, '').slice(0, 32),
    transactionType: refundType(p.amountVnd, amountVnd),
    responseCode: null,
    message: null,
    transactionNo: null,
    createdBy: ctx.actor.id,
    createdAt: now,
    updatedAt: now,
  };
  await tx.insert(refunds).values(row);
  await d.audit.record(tx, ctx, { action: 'payment.refund_requested', entityType: 'payment', entityId: p.id, after: row });
  await d.jobs.enqueue(tx, { queue: REFUND_QUEUE, key: `${REFUND_QUEUE}:${id}`, payload: { refundId: id } });
  return row;
}
