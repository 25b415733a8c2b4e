/**
 * Billing periods: calendar months 'YYYY-MM' in Asia/Ho_Chi_Minh (fixed UTC+7, no DST). Pure.
 */
const OFFSET_MS = 7 * 3_600_000;
const PERIOD_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const isPeriod = (s: string): boolean => PERIOD_RE.test(s) && s >= '2000-01' && s <= '2100-12';

/** The period holding an instant (its local month). */
export function periodOf(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 7);
}

/** The period's first and last local dates. */
export function periodDates(period: string): { first: string; last: string; days: number } {
  const [y, m] = parse(period);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { first: `${period}-01`, last: `${period}-${String(days).padStart(2, '0')}`, days };
}

/** The instant the period ends (local midnight starting the next month). */
export function periodEnd(period: string): Date {
  const [y, m] = parse(period);
  return new Date(Date.UTC(y, m, 1) - OFFSET_MS);
}

/** The period before `period`. */
export function previousPeriod(period: string): string {
  const [y, m] = parse(period);
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
}

function parse(period: string): [number, number] {
  if (!isPeriod(period)) throw new RangeError(`not a period YYYY-MM: ${period}`);
  return [Number(period.slice(0, 4)), Number(period.slice(5, 7))];
}
