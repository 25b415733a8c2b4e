import { describe, expect, it } from 'vitest';
import { formatBasisPoints, formatDate, formatDateTime, formatMoney, formatNumber, isoWeekday, vnTime } from './format.ts';

describe('money in đồng', () => {
  it('groups thousands with dots and ends with ₫, from strings, numbers and bigints', () => {
    expect(formatMoney('1000000')).toBe('1.000.000 ₫');
    expect(formatMoney(0)).toBe('0 ₫');
    expect(formatMoney(12_345_678_901_234_567_890n)).toBe('12.345.678.901.234.567.890 ₫');
    expect(formatMoney('-1500')).toBe('-1.500 ₫');
  });

  it('rounds a fraction half away from zero by its digits, never through floating point', () => {
    expect(formatMoney('999.5')).toBe('1.000 ₫');
    expect(formatMoney('999.49')).toBe('999 ₫');
    expect(formatMoney('-0.4')).toBe('0 ₫');
    expect(formatMoney('9007199254740993.5')).toBe('9.007.199.254.740.994 ₫');
  });

  it('shows a dash for nothing and passes text that is not a number as it is', () => {
    expect(formatMoney(null)).toBe('—');
    expect(formatMoney('')).toBe('—');
    expect(formatMoney('abc')).toBe('abc');
  });
});

describe('dates in Vietnam time', () => {
  it('shows an instant as its date and time in UTC+7, across midnight', () => {
    expect(formatDateTime('2026-12-05T17:30:00Z')).toBe('06/12/2026 00:30');
    expect(formatDate('2026-12-05T16:59:59Z')).toBe('05/12/2026');
    expect(formatDate('2026-12-05T17:00:00Z')).toBe('06/12/2026');
  });

  it('takes a bare calendar date as it is', () => {
    expect(formatDate('2026-02-28')).toBe('28/02/2026');
    expect(formatDateTime('2026-02-28')).toBe('28/02/2026 00:00');
  });

  it('turns a Vietnamese wall-clock time into its instant, and names weekdays from Monday', () => {
    expect(vnTime(2026, 1, 1, 8).toISOString()).toBe('2026-01-01T01:00:00.000Z');
    expect(isoWeekday('2026-12-06')).toBe(7);
    expect(isoWeekday('2026-12-07')).toBe(1);
  });
});

describe('counts and rates', () => {
  it('groups counts and shows basis points as a Vietnamese percentage', () => {
    expect(formatNumber(50000)).toBe('50.000');
    expect(formatNumber('-1234567')).toBe('-1.234.567');
    expect(formatBasisPoints(4000)).toBe('40 %');
    expect(formatBasisPoints(3550)).toBe('35,5 %');
    expect(formatBasisPoints(5)).toBe('0,05 %');
  });
});
