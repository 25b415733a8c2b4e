import { and, count, gte, inArray, lt } from 'drizzle-orm';
import { addDays } from '../../../platform/calendar.ts';
import type { Ctx } from '../../../platform/context.ts';
import { tickets } from '../db/schema.ts';
import type { Stage } from '../contract.ts';
import type { Deps } from '../deps.ts';
import { periodStats } from '../domain/dashboard.ts';
import { unitRef, visibility } from '../queries.ts';

/** Open tickets by level and unit now; SLA compliance, breaches and handling time of those received from `from` to `to`. */
export async function showDashboard(d: Deps, ctx: Ctx, from: string, to: string) {
  const vis = visibility(d, ctx);
  const db = d.database.db;
  const received = and(gte(tickets.createdAt, new Date(`${from}T00:00:00+07:00`)), lt(tickets.createdAt, new Date(`${addDays(to, 1)}T00:00:00+07:00`)));
  const open = and(inArray(tickets.status, ['new', 'in_progress', 'waiting_customer', 'reopened']), vis);
  const [byLevel, byUnit, inPeriod] = await Promise.all([
    db.select({ level: tickets.level, count: count() }).from(tickets).where(open).groupBy(tickets.level).orderBy(tickets.level),
    db
      .select({ unitId: tickets.assigneeUnitId, stage: tickets.assigneeStage, count: count() })
      .from(tickets)
      .where(open)
      .groupBy(tickets.assigneeUnitId, tickets.assigneeStage),
    db.select().from(tickets).where(and(received, vis)),
  ]);
  return {
    openByLevel: byLevel,
    openByUnit: byUnit.map((u) => ({ unit: unitRef(d, u.unitId), stage: u.stage as Stage, count: u.count })),
    ...periodStats(inPeriod, from, to),
  };
}
