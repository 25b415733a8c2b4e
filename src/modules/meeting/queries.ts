import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import { fail } from '../../platform/errors.ts';
import { meetings, members, organisations, rooms } from './db/schema.ts';
import type { Deps } from './deps.ts';
import type { MemberRef } from './domain/access.ts';
import { meetingError } from './errors.ts';

export type OrgRow = typeof organisations.$inferSelect;
export type RoomRow = typeof rooms.$inferSelect;
export type MeetingRow = typeof meetings.$inferSelect;

/** The caller's organisation and membership, or NO_ORGANISATION. */
export async function callerOrg(d: Deps, ctx: Ctx, ex: Executor = d.database.db): Promise<{ org: OrgRow; member: MemberRef }> {
  if (!ctx.actor.id) throw fail('UNAUTHENTICATED');
  const [row] = await ex
    .select({ org: organisations, role: members.role, unitId: members.unitId })
    .from(members)
    .innerJoin(organisations, eq(organisations.id, members.organisationId))
    .where(eq(members.userId, ctx.actor.id));
  if (!row) throw meetingError('NO_ORGANISATION');
  return { org: row.org, member: { userId: ctx.actor.id, role: row.role, unitId: row.unitId } };
}

export async function callerAdminOrg(d: Deps, ctx: Ctx, ex?: Executor) {
  const r = await callerOrg(d, ctx, ex);
  if (r.member.role !== 'admin') throw meetingError('ORG_ADMIN_ONLY');
  return r;
}

/** Refuses new rooms, meetings and joins while the contract is suspended or ended. */
export function assertOpen(org: Pick<OrgRow, 'status'>): void {
  if (org.status === 'suspended') throw meetingError('ORGANISATION_SUSPENDED');
  if (org.status === 'closed') throw meetingError('ORGANISATION_CLOSED');
}

/** A room of this organisation (another organisation's id is not found). */
export async function roomOf(d: Deps, orgId: string, roomId: string, ex: Executor = d.database.db): Promise<RoomRow> {
  const [r] = await ex.select().from(rooms).where(and(eq(rooms.id, roomId), eq(rooms.organisationId, orgId), isNull(rooms.deletedAt)));
  if (!r) throw fail('NOT_FOUND', { room: roomId });
  return r;
}

export async function meetingOf(d: Deps, orgId: string, meetingId: string, ex: Executor = d.database.db): Promise<MeetingRow> {
  const [m] = await ex.select().from(meetings).where(and(eq(meetings.id, meetingId), eq(meetings.organisationId, orgId)));
  if (!m) throw fail('NOT_FOUND', { meeting: meetingId });
  return m;
}

export const orgView = (o: OrgRow) => ({
  id: o.id,
  name: o.name,
  roomQuota: o.roomQuota,
  roomsUsed: o.roomsUsed,
  trial: o.trial,
  status: o.status,
  contractId: o.contractId,
});

export const roomView = (r: RoomRow) => ({
  id: r.id,
  name: r.name,
  fixed: r.fixed,
  allowedUnitIds: r.allowedUnitIds,
  allowedUserIds: r.allowedUserIds,
  maxParticipants: r.maxParticipants,
  createdAt: r.createdAt,
});

export const meetingView = (m: MeetingRow, baseUrl: string) => ({
  id: m.id,
  roomId: m.roomId,
  title: m.title,
  scheduledAt: m.scheduledAt,
  status: m.status,
  link: `${baseUrl}/meeting/j/${m.linkCode}`,
  linkCode: m.linkCode,
  startedAt: m.startedAt,
  endedAt: m.endedAt,
  endReason: m.endReason,
  peakParticipants: m.peakParticipants,
  minutes: m.minutes,
  source: m.source,
});
