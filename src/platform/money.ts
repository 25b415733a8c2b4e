/**
 * Money is integer đồng, carried as `bigint` in code, `bigint` columns in the database and decimal
 * strings in JSON. No floating point touches an amount.
 */
import { fail } from './errors.ts';

export type Vnd = bigint;

/** The largest amount accepted (just under 10^15 đ): any sum, VAT or proration of it stays far inside bigint. */
export const MAX_VND: Vnd = 999_999_999_999_999n;

/** `amount`, or AMOUNT_TOO_LARGE (400) naming `field`: checked before anything is written. */
export function withinLimit(amount: Vnd, field: string): Vnd {
  if (amount > MAX_VND || amount < -MAX_VND) throw fail('AMOUNT_TOO_LARGE', { [field]: amount.toString(), max: MAX_VND.toString() });
  return amount;
}

const VND_RE = /^-?\d{1,18}$/;

export function vnd(value: bigint | number | string): Vnd {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError(`not a whole number of đồng: ${value}`);
    return BigInt(value);
  }
  if (!VND_RE.test(value)) throw new RangeError(`not a whole number of đồng: ${value}`);
  return BigInt(value);
}

/** `1000000n` → `1.000.000 ₫` (Vietnamese grouping with dots). */
export function formatVnd(amount: Vnd): string {
  const neg = amount < 0n;
  const digits = (neg ? -amount : amount).toString();
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${neg ? '-' : ''}${grouped} ₫`;
}

/** Percentage in basis points (1 % = 100 bp), rounded half up to whole đồng. */
export function percentOf(amount: Vnd, basisPoints: number): Vnd {
  if (!Number.isInteger(basisPoints)) throw new RangeError('basis points must be an integer');
  const num = amount * BigInt(basisPoints);
  const q = num / 10_000n;
  const r = num % 10_000n;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= 10_000n) return num < 0n ? q - 1n : q + 1n;
  return q;
}

/** Splits `amount` into parts proportional to `weights`, the remainder going to the first parts. */
export function allocate(amount: Vnd, weights: number[]): Vnd[] {
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0 || weights.some((w) => !Number.isInteger(w) || w < 0)) throw new RangeError('bad weights');
  const parts = weights.map((w) => (amount * BigInt(w)) / BigInt(total));
  let rest = amount - parts.reduce((a, b) => a + b, 0n);
  for (let i = 0; rest > 0n; i = (i + 1) % parts.length) {
    if (weights[i] > 0) {
      parts[i] += 1n;
      rest -= 1n;
    }
  }
  return parts;
}
