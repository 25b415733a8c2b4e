import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, gte, lt, or, sql } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { invitations, meetings, participants, rooms } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { mayJoinRoom, type MemberRef } from '../domain/access.ts';
import { minutesBetween } from '../domain/trial.ts';
import { meetingError } from '../errors.ts';
import { assertOpen, callerOrg, meetingOf, meetingView, roomOf, type OrgRow } from '../queries.ts';
import { endMeeting } from './directory.ts';

/** Who acts on meetings: a member through the web, or an outside system through the organisation's API key (member null). */
export interface Caller {
  ctx: Ctx;
  org: OrgRow;
  member: MemberRef | null;
}

export const memberCaller = async (d: Deps, ctx: Ctx): Promise<Caller> => ({ ctx, ...(await callerOrg(d, ctx)) });

export interface MeetingInput {
  roomId: string;
  title?: string;
  /** Absent: an instant meeting, now. */
  scheduledAt?: Date;
  invite?: string[];
}

const linkCode = () => randomBytes(9).toString('base64url');

/** H1: an instant or scheduled meeting in a room the caller may use; invitations are e-mailed in the same transaction. */
export async function createMeeting(d: Deps, c: Caller, input: MeetingInput) {
  assertOpen(c.org);
  const room = await roomOf(d, c.org.id, input.roomId);
  if (c.member && !mayJoinRoom(room, c.member)) throw meetingError('ROOM_NOT_ALLOWED');
  const now = d.clock.now();
  const row = {
    id: newId('meeting', now),
    organisationId: c.org.id,
    roomId: room.id,
    title: input.title?.trim() || room.name,
    scheduledAt: input.scheduledAt ?? now,
    linkCode: linkCode(),
    status: 'scheduled' as const,
    hostUserId: c.member?.userId ?? null,
    source: c.member ? 'web' : 'api',
    createdBy: c.ctx.actor.id,
    createdAt: now,
  };
  await d.database.db.transaction(async (tx) => {
    await tx.insert(meetings).values(row);
    await d.audit.record(tx, c.ctx, { action: 'meeting.created', entityType: 'meeting', entityId: row.id, after: row });
    for (const email of new Set(input.invite ?? [])) await inviteOne(d, tx, c, { ...row, roomName: room.name }, email);
  });
  return meetingView(await meetingOf(d, c.org.id, row.id), d.settings.publicBaseUrl);
}

async function inviteOne(
  d: Deps,
  tx: Parameters<typeof d.notifications.email>[0],
  c: Caller,
  m: { id: string; title: string; scheduledAt: Date; linkCode: string; roomName: string },
  email: string,
) {
  const now = d.clock.now();
  await tx.insert(invitations).values({ id: newId('meetingInvite', now), meetingId: m.id, email, invitedBy: c.ctx.actor.id, createdAt: now });
  const when = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'short' }).format(m.scheduledAt);
  await d.notifications.email(tx, {
    to: email,
    template: 'meeting.invite',
    locale: c.ctx.locale,
    data: { title: m.title, room: m.roomName, when, link: `${d.settings.publicBaseUrl}/meeting/j/${m.linkCode}`, organisation: c.org.name, inviter: c.ctx.actor.name },
    related: { type: 'meeting', id: m.id },
  });
}

/** H1 invite: e-mails (through the notifications outbox) with the guest link. */
export async function invite(d: Deps, c: Caller, meetingId: string, emails: string[]) {
  const m = await meetingOf(d, c.org.id, meetingId);
  if (m.status === 'ended') throw meetingError('MEETING_ENDED');
  const [room] = await d.database.db.select({ name: rooms.name }).from(rooms).where(eq(rooms.id, m.roomId));
  await d.database.db.transaction(async (tx) => {
    for (const email of new Set(emails)) await inviteOne(d, tx, c, { ...m, roomName: room.name }, email);
    await d.audit.record(tx, c.ctx, { action: 'meeting.invited', entityType: 'meeting', entityId: m.id, after: { emails } });
  });
  return { invited: new Set(emails).size, link: `${d.settings.publicBaseUrl}/meeting/j/${m.linkCode}` };
}

/**
 * History (H1): the organisation's meetings for an admin or an outside system, else those the member
 * hosted or took part in; newest first, optionally within [from, to).
 */
export async function listMeetings(d: Deps, c: Caller, q: { from?: Date; to?: Date; status?: 'scheduled' | 'live' | 'ended'; limit: number }) {
  const mine =
    c.member && c.member.role !== 'admin'
      ? or(
          eq(meetings.hostUserId, c.member.userId),
          sql`exists (select 1 from ${participants} p where p.meeting_id = ${meetings.id} and p.user_id = ${c.member.userId})`,
        )
      : undefined;
  const rows = await d.database.db
    .select()
    .from(meetings)
    .where(
      and(
        eq(meetings.organisationId, c.org.id),
        mine,
        q.from ? gte(meetings.scheduledAt, q.from) : undefined,
        q.to ? lt(meetings.scheduledAt, q.to) : undefined,
        q.status ? eq(meetings.status, q.status) : undefined,
      ),
    )
    .orderBy(desc(meetings.scheduledAt), desc(meetings.id))
    .limit(q.limit);
  return { items: rows.map((m) => meetingView(m, d.settings.publicBaseUrl)) };
}

/** Details and per-meeting report (H1): who, when, how long, and the invitations sent. */
export async function meetingReport(d: Deps, c: Caller, meetingId: string) {
  const m = await meetingOf(d, c.org.id, meetingId);
  const room = await d.database.db.select({ name: rooms.name }).from(rooms).where(eq(rooms.id, m.roomId));
  const people = await d.database.db
    .select()
    .from(participants)
    .where(and(eq(participants.meetingId, m.id), or(eq(participants.state, 'joined'), eq(participants.state, 'left'))))
    .orderBy(asc(participants.joinedAt));
  const invited = await d.database.db.select({ email: invitations.email, at: invitations.createdAt }).from(invitations).where(eq(invitations.meetingId, m.id));
  const now = d.clock.now();
  return {
    ...meetingView(m, d.settings.publicBaseUrl),
    roomName: room[0]?.name ?? '',
    participants: people.map((p) => ({
      participantId: p.id,
      userId: p.userId,
      displayName: p.displayName,
      role: p.role,
      joinedAt: p.joinedAt,
      leftAt: p.leftAt,
      minutes: p.joinedAt ? minutesBetween(p.joinedAt, p.leftAt ?? now) : 0,
      leaveReason: p.leaveReason,
    })),
    invitations: invited,
  };
}

/** Live participants (H4): the live layer's view when attached, else who the rows say is connected. */
export async function listParticipants(d: Deps, c: Caller, meetingId: string) {
  const m = await meetingOf(d, c.org.id, meetingId);
  if (d.live.current && m.status === 'live') {
    const items = await d.live.current.participants(m.id);
    return { items: items.map((p) => ({ participantId: p.participantId, displayName: p.displayName, role: p.role, audioMuted: p.audioMuted, videoMuted: p.videoMuted, handRaised: p.handRaised })) };
  }
  const rows = await d.database.db.select().from(participants).where(and(eq(participants.meetingId, m.id), eq(participants.state, 'joined')));
  return { items: rows.map((p) => ({ participantId: p.id, displayName: p.displayName, role: p.role, audioMuted: null, videoMuted: null, handRaised: null })) };
}

/**
 * Ends a meeting (its host, an admin or the API): the rows first, then the live layer tells everyone
 * (outside the transaction); until the live layer is attached only the rows change.
 */
export async function endByCaller(d: Deps, c: Caller, meetingId: string) {
  const m = await meetingOf(d, c.org.id, meetingId);
  if (c.member && c.member.role !== 'admin' && m.hostUserId !== c.member.userId) throw fail('FORBIDDEN', { meeting: meetingId });
  const reason = c.member ? 'host' : 'api';
  await endMeeting(d, m.id, d.clock.now(), reason);
  await d.live.current?.end(m.id, reason);
  return meetingView(await meetingOf(d, c.org.id, m.id), d.settings.publicBaseUrl);
}
