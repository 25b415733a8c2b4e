import { z } from 'zod';

/**
 * The field types every route shares, so that a date, an instant or an amount is checked the same
 * way everywhere, before anything is read or written.
 *
 * Business dates and instants lie in 2000-01-01 … 2100-12-31: the range the holiday calendar
 * (`date-holidays`' lunar tables, the calendar's `year` filter) is defined for, and wide enough for
 * any contract signed, paid or due in this system. Outside it PostgreSQL refuses some values
 * (year 0) and the working-day arithmetic has no holidays to go on.
 */
export const FIRST_DAY = '2000-01-01';
export const LAST_DAY = '2100-12-31';
const inRange = (day: string) => day >= FIRST_DAY && day <= LAST_DAY;
const rangeMessage = `must be between ${FIRST_DAY} and ${LAST_DAY}`;

/** A real calendar date `YYYY-MM-DD` (local, Asia/Ho_Chi_Minh) within the business range. */
export const localDate = z.iso.date().refine(inRange, rangeMessage);

/** An instant: ISO 8601 date-time with `Z` or an offset (no guessing the time zone), within the business range. */
export const instant = z.iso
  .datetime({ offset: true })
  .transform((s) => new Date(s))
  .refine((d) => !Number.isNaN(d.getTime()) && inRange(d.toISOString().slice(0, 10)), rangeMessage);

/** Whole đồng as a string of at most 15 digits (below 10^15 đ: every sum and VAT stays far inside bigint). */
export const vndString = z.string().regex(/^\d{1,15}$/, 'whole đồng as a string of at most 15 digits');

/**
 * True when a string is text we can store and show: well-formed UTF-16 (no lone surrogate) and no
 * U+0000, which PostgreSQL cannot hold in `text` and which no form ever needs.
 */
export const isCleanText = (s: string): boolean => s.isWellFormed() && !s.includes('\u0000');

/** The path (`body.lines.0.description`) of the first string, key or value, that is not clean text; null if none. */
export function firstUncleanText(value: unknown, path: string): string | null {
  // Iterative, so that a deeply nested body cannot exhaust the stack.
  const todo: [unknown, string][] = [[value, path]];
  for (let item = todo.pop(); item; item = todo.pop()) {
    const [v, at] = item;
    if (typeof v === 'string') {
      if (!isCleanText(v)) return at;
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (!isCleanText(k)) return `${at}.<key>`;
        todo.push([child, `${at}.${k}`]);
      }
    }
  }
  return null;
}
