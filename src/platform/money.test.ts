import { describe, expect, it } from 'vitest';
import { allocate, formatVnd, MAX_VND, percentOf, vnd, withinLimit } from './money.ts';

describe('money (integer đồng)', () => {
  it('formats with Vietnamese grouping and the đồng sign', () => {
    expect(formatVnd(1_000_000n)).toBe('1.000.000 ₫');
    expect(formatVnd(0n)).toBe('0 ₫');
    expect(formatVnd(950n)).toBe('950 ₫');
    expect(formatVnd(-12_345_678n)).toBe('-12.345.678 ₫');
  });

  it('accepts only whole numbers of đồng', () => {
    expect(vnd('500000')).toBe(500_000n);
    expect(vnd(450_000)).toBe(450_000n);
    expect(() => vnd(1.5)).toThrow(RangeError);
    expect(() => vnd('1.000')).toThrow(RangeError);
    expect(() => vnd('1e6')).toThrow(RangeError);
  });

  it('takes percentages in basis points, rounding half up', () => {
    expect(percentOf(1_000_000n, 4000)).toBe(400_000n); // agent 40 %
    expect(percentOf(1_000_001n, 3500)).toBe(350_000n); // 350 000.35 → 350 000
    expect(percentOf(3n, 5000)).toBe(2n); // 1.5 → 2
    expect(percentOf(-3n, 5000)).toBe(-2n);
  });

  it('allocates without losing a đồng', () => {
    expect(allocate(100n, [1, 1, 1])).toEqual([34n, 33n, 33n]);
    const parts = allocate(1_000_003n, [40, 35, 25]);
    expect(parts.reduce((a, b) => a + b, 0n)).toBe(1_000_003n);
    expect(() => allocate(10n, [0, 0])).toThrow(RangeError);
  });

  it('bounds amounts below 10^15 đ with a coded error', () => {
    expect(withinLimit(MAX_VND, 'totalVnd')).toBe(MAX_VND);
    expect(() => withinLimit(MAX_VND + 1n, 'totalVnd')).toThrow(expect.objectContaining({ code: 'AMOUNT_TOO_LARGE', details: expect.objectContaining({ totalVnd: '1000000000000000' }) }));
    expect(() => withinLimit(-MAX_VND - 1n, 'netVnd')).toThrow(expect.objectContaining({ code: 'AMOUNT_TOO_LARGE' }));
  });
});
