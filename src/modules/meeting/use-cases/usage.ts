import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { meetings, participants } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { callerAdminOrg } from '../queries.ts';

/**
 * Usage for billing and reports (issue #13 item 7): per month (Asia/Ho_Chi_Minh) the meetings held,
 * their minutes, the participant-minutes and the peak participants of one meeting.
 */
export async function monthlyUsage(d: Deps, organisationId: string, months = 12) {
  const month = sql<string>`to_char(${meetings.startedAt} at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM')`;
  const rows = await d.database.db
    .select({
      month,
      meetings: sql<number>`count(*)::int`,
      minutes: sql<number>`coalesce(sum(${meetings.minutes}), 0)::int`,
      peakParticipants: sql<number>`coalesce(max(${meetings.peakParticipants}), 0)::int`,
      participantMinutes: sql<number>`coalesce((select sum(ceil(extract(epoch from (p.left_at - p.joined_at)) / 60)) from ${participants} p
          where p.meeting_id = any(array_agg(${meetings.id})) and p.left_at is not null and p.joined_at is not null), 0)::int`,
    })
    .from(meetings)
    .where(and(eq(meetings.organisationId, organisationId), isNotNull(meetings.startedAt)))
    .groupBy(month)
    .orderBy(sql`1 desc`)
    .limit(months);
  return { items: rows };
}

export async function usageOfCaller(d: Deps, ctx: Ctx) {
  const { org } = await callerAdminOrg(d, ctx);
  return monthlyUsage(d, org.id);
}
