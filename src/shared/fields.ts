import { z } from 'zod';

/**
 * The field types every module contract shares (server routes and the web alike), so that a date,
 * an instant or an amount is checked the same way everywhere, before anything is read or written.
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

/** An instant as the API sends it: ISO 8601 UTC (a `Date` from the database is serialised). */
export const instantOut = z.union([z.date(), z.string()]).transform((d) => (typeof d === 'string' ? d : d.toISOString()));

/** Money as the API sends it: whole đồng as a decimal string (a `bigint` from the domain is serialised). */
export const vndOut = z.union([z.bigint(), z.string()]).transform((v) => v.toString());

/** A whole list (short ones: holidays of a year, a contract's payments). */
export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** One page of a list. */
export const paged = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** An id as a request names it (ULIDs and the seeded codes fit). */
export const id = z.string().min(1).max(40);

/** The query fields of a paged list: `page` from 1, `pageSize` at most 200. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
