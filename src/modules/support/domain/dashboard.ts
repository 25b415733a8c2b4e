import { addDays, toLocalDate, type LocalDate } from '../../../platform/calendar.ts';
import type { RequestType } from '../contract.ts';

/** The figures of the support dashboard over the tickets received in a period. */

export interface PeriodTicket {
  requestType: string;
  createdAt: Date;
  resolvedAt: Date | null;
  breached: boolean;
}

/** At most this many days are counted day by day. */
const MAX_DAYS = 400;

export function periodStats(rows: readonly PeriodTicket[], from: LocalDate, to: LocalDate) {
  const met = rows.filter((r) => !r.breached).length;
  const byType = new Map<string, { minutes: number; count: number }>();
  for (const r of rows) {
    if (!r.resolvedAt) continue;
    const e = byType.get(r.requestType) ?? { minutes: 0, count: 0 };
    e.minutes += (r.resolvedAt.getTime() - r.createdAt.getTime()) / 60_000;
    e.count++;
    byType.set(r.requestType, e);
  }
  const perDay = new Map<string, { created: number; resolved: number }>();
  for (let d = from; d <= to && perDay.size < MAX_DAYS; d = addDays(d, 1)) perDay.set(d, { created: 0, resolved: 0 });
  for (const r of rows) {
    const c = perDay.get(toLocalDate(r.createdAt));
    if (c) c.created++;
    const rd = r.resolvedAt ? perDay.get(toLocalDate(r.resolvedAt)) : undefined;
    if (rd) rd.resolved++;
  }
  return {
    compliance: { total: rows.length, met, breached: rows.length - met, percent: rows.length ? Math.round((met * 1000) / rows.length) / 10 : 100 },
    breaches: rows.length - met,
    avgHandlingMinutesByType: [...byType].map(([requestType, v]) => ({
      requestType: requestType as RequestType,
      minutes: Math.round(v.minutes / v.count),
      count: v.count,
    })),
    perDay: [...perDay].map(([date, v]) => ({ date, ...v })),
  };
}
