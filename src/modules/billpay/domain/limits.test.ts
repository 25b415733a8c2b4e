import { describe, expect, it } from 'vitest';
import { amountInRange, billPartOf, LIMITS, limitDay, refusalOf } from './limits.ts';

const none = { count: 0, billVnd: 0n };

describe('E3 limits', () => {
  it('one transaction is 50,000 – 10,000,000 đ, both ends included', () => {
    expect(amountInRange(49_999n)).toBe(false);
    expect(amountInRange(50_000n)).toBe(true);
    expect(amountInRange(10_000_000n)).toBe(true);
    expect(amountInRange(10_000_001n)).toBe(false);
    expect(refusalOf(none, { kind: 'topup', amountVnd: 49_999n })).toBe('AMOUNT_OUT_OF_RANGE');
    expect(refusalOf(none, { kind: 'bill', amountVnd: 10_000_001n })).toBe('AMOUNT_OUT_OF_RANGE');
    expect(refusalOf(none, { kind: 'bill', amountVnd: 50_000n })).toBeNull();
    expect(refusalOf(none, { kind: 'bill', amountVnd: 10_000_000n })).toBeNull();
  });

  it('the 5th transaction of the day passes, the 6th is refused', () => {
    expect(refusalOf({ count: 4, billVnd: 0n }, { kind: 'topup', amountVnd: 50_000n })).toBeNull();
    expect(refusalOf({ count: 5, billVnd: 0n }, { kind: 'topup', amountVnd: 50_000n })).toBe('DAILY_COUNT_EXCEEDED');
    expect(LIMITS.perDayCount).toBe(5);
  });

  it('bill payments of a day reach 10,000,000 đ and not one đồng more; top-ups do not count towards it', () => {
    expect(refusalOf({ count: 1, billVnd: 9_950_000n }, { kind: 'bill', amountVnd: 50_000n })).toBeNull();
    expect(refusalOf({ count: 1, billVnd: 9_950_001n }, { kind: 'bill', amountVnd: 50_000n })).toBe('DAILY_AMOUNT_EXCEEDED');
    expect(refusalOf({ count: 1, billVnd: 10_000_000n }, { kind: 'topup', amountVnd: 10_000_000n })).toBeNull();
    expect(billPartOf('topup', 500_000n)).toBe(0n);
    expect(billPartOf('bill', 500_000n)).toBe(500_000n);
  });

  it('the count is checked before the amount', () => {
    expect(refusalOf({ count: 5, billVnd: 10_000_000n }, { kind: 'bill', amountVnd: 50_000n })).toBe('DAILY_COUNT_EXCEEDED');
  });

  it('days turn at 00:00 in Asia/Ho_Chi_Minh, not at UTC midnight', () => {
    expect(limitDay(new Date('2026-03-02T16:59:59.999Z'))).toBe('2026-03-02'); // 23:59:59.999 local
    expect(limitDay(new Date('2026-03-02T17:00:00.000Z'))).toBe('2026-03-03'); // 00:00 local
    expect(limitDay(new Date('2026-03-02T23:30:00.000Z'))).toBe('2026-03-03'); // 06:30 local, still 2 March in UTC
  });
});
