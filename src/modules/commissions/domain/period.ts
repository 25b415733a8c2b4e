/** Commission and feed periods: calendar months in Asia/Ho_Chi_Minh (tháng N). Pure. */
import { localDateTime, toLocalDate } from '../../../platform/calendar.ts';

export type Period = string; // YYYY-MM

export const periodOf = (instant: Date): Period => toLocalDate(instant).slice(0, 7);

export function nextPeriod(period: Period): Period {
  const [y, m] = period.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export function previousPeriod(period: Period): Period {
  const [y, m] = period.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The instants [from, to) of a local month. */
export function periodRange(period: Period): { from: Date; to: Date } {
  return { from: localDateTime(`${period}-01`, '00:00'), to: localDateTime(`${nextPeriod(period)}-01`, '00:00') };
}

/** A month can be settled once it is over. */
export const periodEnded = (period: Period, now: Date): boolean => periodOf(now) > period;
