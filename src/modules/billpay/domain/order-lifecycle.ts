import { defineMachine } from '../../../platform/state-machine.ts';

/**
 * A bill payment or top-up order. pending (at VNPay) → paid (money in, risk check) → clearing →
 * cleared; a clearing that fails goes to recovery (retried by the job, raised to TT TC&TK, cleared
 * automatically or by hand within 2 days). Risk rejects a paid order (refund); staff cancel a paid
 * or cleared one found fraudulent later (refund, E7). Money arriving after an order failed,
 * expired or was dropped is still taken and processed (`late_pay`).
 */
export const ORDER_STATUSES = ['pending', 'failed', 'expired', 'cancelled', 'paid', 'rejected', 'clearing', 'recovery', 'cleared', 'fraud_cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_MACHINE = defineMachine<OrderStatus, 'fail' | 'expire' | 'cancel' | 'pay' | 'late_pay' | 'reject' | 'approve' | 'clearing_failed' | 'clear' | 'fraud_cancel'>({
  pending: { fail: 'failed', expire: 'expired', cancel: 'cancelled', pay: 'paid' },
  failed: { late_pay: 'paid' },
  expired: { late_pay: 'paid' },
  cancelled: { late_pay: 'paid' },
  paid: { reject: 'rejected', approve: 'clearing', fraud_cancel: 'fraud_cancelled' },
  rejected: {},
  clearing: { clear: 'cleared', clearing_failed: 'recovery', fraud_cancel: 'fraud_cancelled' },
  recovery: { clear: 'cleared', fraud_cancel: 'fraud_cancelled' },
  cleared: { fraud_cancel: 'fraud_cancelled' },
  fraud_cancelled: {},
});

/** Orders that hold their place in the day's count and amount (E3): all but those that failed, expired or were dropped unpaid. */
export const holdsPlace = (s: OrderStatus): boolean => !['failed', 'expired', 'cancelled'].includes(s);

/** Money was taken for it (what the clearing desk works on). */
export const moneyTaken = (s: OrderStatus): boolean => ['paid', 'rejected', 'clearing', 'recovery', 'cleared', 'fraud_cancelled'].includes(s);

/** E6: money taken but not cleared must be cleared within 2 days of the transaction. */
export const RECOVERY_LIMIT_MS = 2 * 86_400_000;

export const recoveryDueAt = (paidAt: Date): Date => new Date(paidAt.getTime() + RECOVERY_LIMIT_MS);

/** The 2-day clock as the desk shows it: minutes left (negative when overdue). */
export function recoveryClock(dueAt: Date, now: Date): { minutesLeft: number; overdue: boolean } {
  const minutesLeft = Math.floor((dueAt.getTime() - now.getTime()) / 60_000);
  return { minutesLeft, overdue: minutesLeft < 0 };
}
