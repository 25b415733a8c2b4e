import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../platform/calendar.ts';
import { assertLocalDate, daysBetweenInclusive, monthsStarted, termEnd } from './term.ts';
import { codeOf } from '../../../platform/codes.test-util.ts';

describe('termEnd', () => {
  it('ends the day before the same day-of-month, months later', () => {
    expect(termEnd('2026-01-15', 1)).toBe('2026-02-14');
    expect(termEnd('2026-01-01', 1)).toBe('2026-01-31');
    expect(termEnd('2026-01-01', 12)).toBe('2026-12-31');
    expect(termEnd('2026-03-01', 12)).toBe('2027-02-28');
    expect(termEnd('2028-03-01', 12)).toBe('2029-02-28');
    expect(termEnd('2027-03-01', 12)).toBe('2028-02-29'); // leap year
    expect(termEnd('2026-12-15', 1)).toBe('2027-01-14'); // across the year end
    expect(termEnd('2026-07-10', 6)).toBe('2027-01-09');
    expect(termEnd('2026-01-28', 1)).toBe('2026-02-27');
  });

  it('runs to the last day of the target month when the same day does not exist there', () => {
    expect(termEnd('2026-01-31', 1)).toBe('2026-02-28');
    expect(termEnd('2026-01-29', 1)).toBe('2026-02-28');
    expect(termEnd('2024-01-30', 1)).toBe('2024-02-29');
    expect(termEnd('2028-01-29', 1)).toBe('2028-02-28'); // 29 Feb exists in 2028: the day before it
    expect(termEnd('2024-02-29', 12)).toBe('2025-02-28');
    expect(termEnd('2026-03-31', 1)).toBe('2026-04-30');
    expect(termEnd('2026-08-31', 6)).toBe('2027-02-28');
    expect(termEnd('2026-11-30', 3)).toBe('2027-02-28');
  });

  it('refuses a bad start or length', () => {
    for (const months of [0, -1, 1.5, NaN, 1_201]) expect(codeOf(() => termEnd('2026-01-01', months)), String(months)).toBe('VALIDATION_FAILED');
    for (const start of ['2026-02-30', '2026-2-3', '0099-01-01', 'today']) expect(codeOf(() => termEnd(start, 1)), start).toBe('VALIDATION_FAILED');
  });
});

describe('daysBetweenInclusive', () => {
  it('counts both ends', () => {
    expect(daysBetweenInclusive('2026-05-10', '2026-05-10')).toBe(1);
    expect(daysBetweenInclusive('2026-01-01', '2026-12-31')).toBe(365);
    expect(daysBetweenInclusive('2028-01-01', '2028-12-31')).toBe(366);
    expect(daysBetweenInclusive('2026-02-28', '2026-03-01')).toBe(2);
    expect(daysBetweenInclusive('2024-02-28', '2024-03-01')).toBe(3);
  });

  it('refuses a reversed range or a non-date', () => {
    expect(codeOf(() => daysBetweenInclusive('2026-05-10', '2026-05-09'))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => daysBetweenInclusive('2026-04-31', '2026-05-09'))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => assertLocalDate(20260101, 'date'))).toBe('VALIDATION_FAILED');
  });
});

describe('monthsStarted', () => {
  it('counts every started month, the start day being month 1', () => {
    expect(monthsStarted('2026-01-01', '2026-01-01')).toBe(1);
    expect(monthsStarted('2026-01-01', '2026-01-31')).toBe(1);
    expect(monthsStarted('2026-01-01', '2026-02-01')).toBe(2);
    expect(monthsStarted('2026-01-01', '2026-12-31')).toBe(12);
    expect(monthsStarted('2026-01-31', '2026-02-28')).toBe(1);
    expect(monthsStarted('2026-01-31', '2026-03-01')).toBe(2);
    expect(monthsStarted('2026-01-15', '2026-03-14')).toBe(2);
    expect(monthsStarted('2026-01-15', '2026-03-15')).toBe(3);
    expect(codeOf(() => monthsStarted('2026-01-15', '2026-01-14'))).toBe('VALIDATION_FAILED');
  });
});

describe('properties', () => {
  const startArb = fc.integer({ min: 0, max: 365 * 30 }).map((n) => addDays('2020-01-01', n));

  it('terms of n months chain without gaps: month n ends where month n+1 begins, 28–31 days each', () => {
    fc.assert(
      fc.property(startArb, fc.integer({ min: 1, max: 120 }), (start, n) => {
        const end = termEnd(start, n);
        const nextMonthStart = addDays(end, 1);
        const monthLength = daysBetweenInclusive(nextMonthStart, termEnd(start, n + 1));
        expect(monthLength).toBeGreaterThanOrEqual(28);
        expect(monthLength).toBeLessThanOrEqual(31);
        expect(monthsStarted(start, end)).toBe(n);
        expect(monthsStarted(start, nextMonthStart)).toBe(n + 1);
        const days = daysBetweenInclusive(start, end);
        expect(days).toBeGreaterThanOrEqual(28 * n);
        expect(days).toBeLessThanOrEqual(31 * n);
        expect(termEnd(start, n) < termEnd(start, n + 1)).toBe(true);
      }),
    );
  });
});
