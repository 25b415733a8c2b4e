import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../platform/errors.ts';
import { transition } from '../../../platform/state-machine.ts';
import { BILL_MACHINE, statusAfterPayment } from './bill-lifecycle.ts';

const bill = (status: 'issued' | 'partly_paid' | 'overdue' | 'paid', paidVnd = 0n) => ({ status, totalVnd: 1_000n, paidVnd });

describe('a bill from issue to paid, overdue or written off', () => {
  it('is paid by money reaching its total, partly paid before that', () => {
    expect(statusAfterPayment(bill('issued'), 1_000n)).toBe('paid');
    expect(statusAfterPayment(bill('issued'), 400n)).toBe('partly_paid');
    expect(statusAfterPayment(bill('partly_paid', 400n), 600n)).toBe('paid');
    expect(statusAfterPayment(bill('overdue', 400n), 100n)).toBe('overdue');
    expect(statusAfterPayment(bill('overdue', 400n), 600n)).toBe('paid');
  });

  it('takes no money once paid, and only an open bill falls due or is written off', () => {
    const refused = (f: () => unknown) => {
      try {
        f();
        return null;
      } catch (e) {
        return isAppError(e) ? e.code : e;
      }
    };
    expect(refused(() => statusAfterPayment(bill('paid', 1_000n), 1n))).toBe('INVALID_TRANSITION');
    expect(transition(BILL_MACHINE, 'issued', 'fall_due')).toBe('overdue');
    expect(transition(BILL_MACHINE, 'overdue', 'write_off')).toBe('written_off');
    expect(refused(() => transition(BILL_MACHINE, 'paid', 'write_off'))).toBe('INVALID_TRANSITION');
    expect(refused(() => transition(BILL_MACHINE, 'draft', 'fall_due'))).toBe('INVALID_TRANSITION');
  });
});
