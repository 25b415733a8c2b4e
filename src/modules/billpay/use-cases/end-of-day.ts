import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { addDays, localDateTime, toLocalDate, type LocalDate } from '../../../platform/calendar.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { DayReport } from '../contract.ts';
import { dayReports, orders } from '../db/schema.ts';
import { SYSTEM, type Deps } from '../deps.ts';
import { endOfDay, type DayOrder } from '../domain/end-of-day.ts';
import { centerOf } from '../queries.ts';

export const EOD_QUEUE = 'billpay.end_of_day';

const str = (v: bigint) => v.toString();

/** The end-of-day reports of a Vietnam day (E10), for every center or one. */
export async function dayReport(d: Deps, date: LocalDate, center: number | null): Promise<DayReport> {
  const where: SQL[] = [gte(orders.paidAt, localDateTime(date, '00:00')), lt(orders.paidAt, localDateTime(addDays(date, 1), '00:00'))];
  if (center !== null) where.push(eq(orders.center, center));
  const rows = await d.database.db.select().from(orders).where(and(...where)).orderBy(orders.paidAt, orders.id);
  const day: DayOrder[] = rows.map((o) => ({
    id: o.id,
    msisdn: o.msisdn,
    kind: o.kind,
    amountVnd: o.amountVnd,
    center: o.center,
    cashierCode: o.bankCode ?? 'VNPAY',
    status: o.status,
    clearedVnd: o.posting && !o.posting.reversedAt ? BigInt(o.posting.amountVnd) : 0n,
  }));
  const r = endOfDay(day);
  return {
    date,
    center,
    collection: r.collection.map((c) => ({ ...c, amountVnd: str(c.amountVnd) })),
    clearing: r.clearing.map((c) => ({ ...c, amountVnd: str(c.amountVnd) })),
    totals: { collectedVnd: str(r.totals.collectedVnd), refundedVnd: str(r.totals.refundedVnd), clearedVnd: str(r.totals.clearedVnd) },
    balanced: r.balanced,
    differences: r.differences.map((x) => ({ ...x, collectedVnd: str(x.collectedVnd), dueVnd: str(x.dueVnd), clearedVnd: str(x.clearedVnd) })),
  };
}

/** As the desk asks: a clearing user sees their own center's part. */
export const dayReportFor = (d: Deps, ctx: Ctx, date: LocalDate) => dayReport(d, date, centerOf(d, ctx));

/** The job after each day: the whole day's comparison kept, with whether it balanced (audited). */
export async function closeDay(d: Deps, date: LocalDate): Promise<DayReport> {
  const report = await dayReport(d, date, null);
  const now = d.clock.now();
  await d.database.db.transaction(async (tx) => {
    const row = { date, balanced: report.balanced, differences: report.differences.length, report, createdAt: now };
    await tx.insert(dayReports).values(row).onConflictDoUpdate({ target: dayReports.date, set: { balanced: row.balanced, differences: row.differences, report, createdAt: now } });
    await d.audit.record(tx, SYSTEM, { action: 'billpay.day_closed', entityType: 'billpay_day', entityId: date, after: { balanced: report.balanced, differences: report.differences.length, totals: report.totals } });
  });
  return report;
}

/** Yesterday's close, once across all processes (the job key), at 01:30 when the day's IPNs and clearings are in. */
export function scheduleEndOfDay(d: Deps, ex: Executor = d.database.db) {
  const today = toLocalDate(d.clock.now());
  const yesterday = addDays(today, -1);
  return d.jobs.enqueue(ex, { queue: EOD_QUEUE, key: `${EOD_QUEUE}:${yesterday}`, payload: { date: yesterday }, runAt: localDateTime(today, '01:30') });
}

export async function listDayReports(d: Deps) {
  const rows = await d.database.db.select().from(dayReports).orderBy(desc(dayReports.date)).limit(90);
  return { items: rows.map((r) => ({ date: r.date, balanced: r.balanced, differences: r.differences, createdAt: r.createdAt.toISOString() })) };
}
