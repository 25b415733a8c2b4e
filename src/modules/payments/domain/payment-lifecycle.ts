import { canTransition, defineMachine } from '../../../platform/state-machine.ts';
import type { AttemptStatus, PaymentStatus, RefundStatus } from '../contract.ts';

// The statuses are data of the contract (the web lists them too).
export { ATTEMPT_STATUSES, PAYMENT_STATUSES, REFUND_STATUSES, type AttemptStatus, type PaymentStatus, type RefundStatus } from '../contract.ts';

/**
 * The statuses of a payment, of one VNPay attempt and of a refund, as data (SPEC D).
 *
 * payment:  pending --pay--> paid --refund_part--> partially_refunded --refund_rest--> refunded
 *                             └────────────refund_rest (all at once)────────────────────┘
 * attempt:  pending --succeed | fail--> success | failed   (by the IPN or a querydr answer, once)
 * refund:   pending --send--> sending --succeed | refuse--> done | failed (a refused refund releases its amount)
 */
export type PaymentEvent = 'pay' | 'refund_part' | 'refund_rest';

export const PAYMENT_MACHINE = defineMachine<PaymentStatus, PaymentEvent>({
  pending: { pay: 'paid' },
  paid: { refund_part: 'partially_refunded', refund_rest: 'refunded' },
  partially_refunded: { refund_part: 'partially_refunded', refund_rest: 'refunded' },
  refunded: {},
  // No flow cancels a payment yet; the status is kept for the ledger's readers.
  cancelled: {},
});

export type AttemptEvent = 'succeed' | 'fail';

export const ATTEMPT_MACHINE = defineMachine<AttemptStatus, AttemptEvent>({
  pending: { succeed: 'success', fail: 'failed' },
  success: {},
  failed: {},
});

export type RefundEvent = 'send' | 'succeed' | 'refuse';

export const REFUND_MACHINE = defineMachine<RefundStatus, RefundEvent>({
  pending: { send: 'sending' },
  sending: { succeed: 'done', refuse: 'failed' },
  done: {},
  failed: {},
});

/** Whether money can still come in for this payment (a second success on a paid one is money twice). */
export const awaitsMoney = (status: PaymentStatus): boolean => canTransition(PAYMENT_MACHINE, status, 'pay');

/** Whether an attempt still waits for its outcome (a settled one is answered "already confirmed"). */
export const attemptOpen = (status: AttemptStatus): boolean => canTransition(ATTEMPT_MACHINE, status, 'succeed');

/** Whether a refund has not reached its outcome yet (the refund job applies an outcome once). */
export const refundOpen = (status: RefundStatus): boolean => canTransition(REFUND_MACHINE, status, 'send') || canTransition(REFUND_MACHINE, status, 'succeed');

/** Refunds go back through VNPay: only a payment paid there (and not wholly refunded) can have one. */
type Paid = { status: PaymentStatus; method: 'vnpay' | 'bank_transfer'; paidTxnRef: string | null };

export function refundable<P extends Paid>(p: P): p is P & { paidTxnRef: string } {
  return canTransition(PAYMENT_MACHINE, p.status, 'refund_part') && p.method === 'vnpay' && !!p.paidTxnRef;
}
