import { describe, expect, it } from 'vitest';
import { isPeriod, periodDates, periodEnd, periodOf, previousPeriod } from './period.ts';

describe('billing periods in Vietnam time', () => {
  it('puts an instant in its local month (UTC+7)', () => {
    expect(periodOf(new Date('2026-01-31T16:59:59.999Z'))).toBe('2026-01');
    expect(periodOf(new Date('2026-01-31T17:00:00Z'))).toBe('2026-02');
  });
  it('knows each month length, leap years included', () => {
    expect(periodDates('2026-02')).toEqual({ first: '2026-02-01', last: '2026-02-28', days: 28 });
    expect(periodDates('2028-02').days).toBe(29);
    expect(periodDates('2026-04').days).toBe(30);
    expect(periodDates('2026-12')).toEqual({ first: '2026-12-01', last: '2026-12-31', days: 31 });
  });
  it('ends a period at local midnight of the next month', () => {
    expect(periodEnd('2026-12').toISOString()).toBe('2026-12-31T17:00:00.000Z');
    expect(previousPeriod('2026-01')).toBe('2025-12');
  });
  it('refuses what is not a month', () => {
    expect(isPeriod('2026-13')).toBe(false);
    expect(isPeriod('2026-1')).toBe(false);
    expect(() => periodDates('2026-00')).toThrow(RangeError);
  });
});
