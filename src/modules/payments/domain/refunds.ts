import { transition } from '../../../platform/state-machine.ts';
import { PAYMENT_MACHINE, type PaymentStatus, type RefundStatus } from './payment-lifecycle.ts';

/**
 * Refunds (pure). A refund is reserved when created, so what is left to refund counts the refunds
 * in flight as well as the done ones; a refused refund releases its amount.
 */

export function refundableVnd(paidVnd: bigint, refunds: { amountVnd: bigint; status: RefundStatus }[]): bigint {
  return refunds.filter((r) => r.status !== 'failed').reduce((left, r) => left - r.amountVnd, paidVnd);
}

/** VNPay's transaction type: 02 refunds the whole payment at once, 03 a part of it. */
export const refundType = (paidVnd: bigint, amountVnd: bigint): '02' | '03' => (amountVnd === paidVnd ? '02' : '03');

/**
 * What a VNPay refund answer means: 00 done; 94 (already requested, being processed) and 99 (other)
 * say nothing certain, so the job looks the refund up again later; any other code is a refusal.
 */
export function refundAnswer(responseCode: string): 'done' | 'refused' | 'unknown' {
  if (responseCode === '00') return 'done';
  if (responseCode === '94' || responseCode === '99') return 'unknown';
  return 'refused';
}

/**
 * Before sending a refund again, what VNPay knows of it. querydr of the payment answers with
 * transaction type 01 while nothing of it was ever refunded: then this refund was not executed. Once
 * something was refunded (02/03), only a list naming refunds by vnp_RequestId tells which (the
 * simulator's daily list; real VNPay has none, so a person checks VNPay's portal).
 */
export function refundLookup(
  q: { answered: boolean; transactionType: string },
  listed: { requestIds: string[] } | null,
  requestId: string,
): 'absent' | 'done' | 'unknown' {
  if (!q.answered) return 'unknown';
  if (q.transactionType !== '02' && q.transactionType !== '03') return 'absent';
  if (!listed) return 'unknown';
  return listed.requestIds.includes(requestId) ? 'done' : 'absent';
}

/** The payment after a refund is applied: wholly refunded, or a part of it. */
export function afterRefund(p: { status: PaymentStatus; amountVnd: bigint; refundedVnd: bigint }, amountVnd: bigint) {
  const refundedVnd = p.refundedVnd + amountVnd;
  return { refundedVnd, status: transition(PAYMENT_MACHINE, p.status, refundedVnd === p.amountVnd ? 'refund_rest' : 'refund_part') };
}

/** A bank transfer's time: not in the future, not before the contract existed (a day's slack for clocks). */
export function paidAtAcceptable(paidAt: Date, now: Date, contractCreatedAt: Date): boolean {
  const t = paidAt.getTime();
  return Number.isFinite(t) && t <= now.getTime() && t >= contractCreatedAt.getTime() - 86_400_000;
}
