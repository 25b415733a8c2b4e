import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import type { Deps } from '../deps.ts';
import { callerAdminOrg } from '../queries.ts';

export interface MonthUsage {
  month: string;
  meetings: number;
  minutes: number;
  participantMinutes: number;
  peakParticipants: number;
}

/**
 * Usage for billing and reports (issue #13 item 7): per month (Asia/Ho_Chi_Minh) of the start, the
 * meetings held, their minutes, the participant-minutes and the peak participants of one meeting.
 */
export async function monthlyUsage(d: Deps, organisationId: string, months = 12): Promise<{ items: MonthUsage[] }> {
  const rows = await d.database.rows<MonthUsage>(sql`
    select to_char(m.started_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM') as "month",
           count(*)::int as "meetings",
           coalesce(sum(m.minutes), 0)::int as "minutes",
           coalesce(sum(pm.minutes), 0)::int as "participantMinutes",
           coalesce(max(m.peak_participants), 0)::int as "peakParticipants"
      from meeting.meetings m
      left join (
        select p.meeting_id, sum(ceil(extract(epoch from (p.left_at - p.joined_at)) / 60)) as minutes
          from meeting.participants p
         where p.organisation_id = ${organisationId} and p.joined_at is not null and p.left_at is not null
         group by p.meeting_id
      ) pm on pm.meeting_id = m.id
     where m.organisation_id = ${organisationId} and m.started_at is not null
     group by 1
     order by 1 desc
     limit ${months}`);
  return { items: rows.map((r) => ({ ...r })) };
}

export async function usageOfCaller(d: Deps, ctx: Ctx) {
  const { org } = await callerAdminOrg(d, ctx);
  return monthlyUsage(d, org.id);
}
