/**
 * Prepaid contract terms (SPEC C1, C2, C5–C7). Dates are local business dates 'YYYY-MM-DD'
 * (Asia/Ho_Chi_Minh). Pure: no clock, no db, no env.
 *
 * Rules:
 * - A term of N months starting on day D ends the day before day D of the month N months later, so
 *   the renewal starts on day D again (1 Jan–31 Dec; 15 Jan–14 Feb).
 * - When that day does not exist in the target month (31 Jan + 1 month), the term ends on the last
 *   day of the target month (28 or 29 Feb).
 * - Day counts are inclusive: a term from 1 Jan to 31 Dec lasts 365 days (366 in a leap year).
 */
import { addDays, type LocalDate } from '../../../platform/calendar.ts';
import { fail } from '../../../platform/errors.ts';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;
/** A term longer than a century is a typing mistake, not a contract. */
const MAX_TERM_MONTHS = 1_200;

interface DateParts {
  year: number;
  month: number; // 1–12
  day: number;
}

/**
 * The last day of a term of `months` months starting on `start`: the day before the same
 * day-of-month `months` later, or the last day of the target month when that day does not exist.
 * 2026-01-15 + 1 → 2026-02-14; 2026-01-31 + 1 → 2026-02-28; 2024-01-30 + 1 → 2024-02-29.
 */
export function termEnd(start: string, months: number): string {
  const { year, month, day } = parseDate(start, 'start');
  if (!Number.isSafeInteger(months) || months < 1 || months > MAX_TERM_MONTHS) {
    throw fail('VALIDATION_FAILED', { field: 'months' }, { vi: `số tháng phải là số nguyên từ 1 đến ${MAX_TERM_MONTHS}`, en: `months must be a whole number from 1 to ${MAX_TERM_MONTHS}` });
  }
  const target = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(target / 12);
  const targetMonth = (target % 12) + 1;
  const lastDay = daysInMonth(targetYear, targetMonth);
  return day > lastDay ? formatDate(targetYear, targetMonth, lastDay) : addDays(formatDate(targetYear, targetMonth, day), -1);
}

/** Days from `a` to `b`, both included (a day with itself → 1). `b` must not be before `a`. */
export function daysBetweenInclusive(a: string, b: string): number {
  const days = (dayNumber(b, 'b') - dayNumber(a, 'a')) / DAY_MS + 1;
  if (days < 1) throw fail('VALIDATION_FAILED', { a, b }, { vi: `${b} ở trước ${a}`, en: `${b} is before ${a}` });
  return days;
}

/**
 * How many months of a term starting on `start` have begun by `date` (included): every started
 * month counts, so `start` itself is month 1 and the day after the first month's end is month 2.
 */
export function monthsStarted(start: string, date: string): number {
  const s = parseDate(start, 'start');
  const d = parseDate(date, 'date');
  if (date < start) throw fail('VALIDATION_FAILED', { start, date }, { vi: `${date} ở trước ngày bắt đầu ${start}`, en: `${date} is before the start ${start}` });
  // A calendar-month estimate is off by at most one either way; nudge it onto the month holding `date`.
  let n = Math.max(1, (d.year - s.year) * 12 + (d.month - s.month));
  while (termEnd(start, n) < date) n++;
  while (n > 1 && termEnd(start, n - 1) >= date) n--;
  return n;
}

/** Throws VALIDATION_FAILED unless `value` is a real date 'YYYY-MM-DD' (2026-02-30 is not). */
export function assertLocalDate(value: unknown, field: string): asserts value is string {
  parseDate(value, field);
}

function parseDate(value: unknown, field: string): DateParts {
  const m = typeof value === 'string' ? DATE_RE.exec(value) : null;
  const [year, month, day] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
  // Years before 1900 are typos here, and Date.UTC would read years 0–99 as 19xx.
  if (!m || year < 1900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw fail('VALIDATION_FAILED', { field }, { vi: `${field} phải là ngày dạng YYYY-MM-DD, nhận được ${String(value)}`, en: `${field} must be a date YYYY-MM-DD, got ${String(value)}` });
  }
  return { year, month, day };
}

/** Midnight UTC of the date: UTC arithmetic walks local calendar dates exactly (no DST in Vietnam or UTC). */
function dayNumber(value: string, field: string): number {
  const { year, month, day } = parseDate(value, field);
  return Date.UTC(year, month - 1, day);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate(); // day 0 of the next month = the last of this one
}

function formatDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** 2026-05-31 → 31/05/2026, the way dates are written in Vietnamese documents and e-mails. */
export const vnDate = (date: LocalDate): string => date.split('-').reverse().join('/');
