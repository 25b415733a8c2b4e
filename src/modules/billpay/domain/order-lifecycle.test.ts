import { describe, expect, it } from 'vitest';
import { canTransition } from '../../../platform/state-machine.ts';
import { holdsPlace, ORDER_MACHINE, ORDER_STATUSES, recoveryClock, recoveryDueAt } from './order-lifecycle.ts';

describe('billpay order lifecycle', () => {
  it('releases the place only for orders that failed, expired or were dropped unpaid', () => {
    expect(ORDER_STATUSES.filter((s) => !holdsPlace(s))).toEqual(['failed', 'expired', 'cancelled']);
  });

  it('E4: the customer may drop only an unpaid order; a cleared one is only cancelled as fraud by staff', () => {
    expect(ORDER_STATUSES.filter((s) => canTransition(ORDER_MACHINE, s, 'cancel'))).toEqual(['pending']);
    expect(canTransition(ORDER_MACHINE, 'cleared', 'fraud_cancel')).toBe(true);
    expect(canTransition(ORDER_MACHINE, 'pending', 'fraud_cancel')).toBe(false);
    expect(canTransition(ORDER_MACHINE, 'rejected', 'fraud_cancel')).toBe(false);
  });

  it('a failed clearing is recovered: recovery clears, automatically or by hand', () => {
    expect(ORDER_MACHINE.clearing.clearing_failed).toBe('recovery');
    expect(ORDER_MACHINE.recovery.clear).toBe('cleared');
  });

  it('E6: the 2-day clock runs from the payment and shows overdue after it', () => {
    const paid = new Date('2026-03-02T02:00:00Z');
    const due = recoveryDueAt(paid);
    expect(due.toISOString()).toBe('2026-03-04T02:00:00.000Z');
    expect(recoveryClock(due, new Date('2026-03-04T01:59:00Z'))).toEqual({ minutesLeft: 1, overdue: false });
    expect(recoveryClock(due, new Date('2026-03-04T02:00:00Z'))).toEqual({ minutesLeft: 0, overdue: false });
    expect(recoveryClock(due, new Date('2026-03-04T02:01:00Z'))).toEqual({ minutesLeft: -1, overdue: true });
  });
});
