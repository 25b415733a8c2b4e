import { and, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { meetings, organisations, participants, rooms } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { mayJoinRoom, roleOf } from '../domain/access.ts';
import { seatFree } from '../domain/quota.ts';
import { JOIN_TOKEN_TTL_MS, signJoinToken } from '../domain/signing.ts';
import { meetingError } from '../errors.ts';
import type { ParticipantRole } from '../live-ports.ts';
import { assertOpen, callerOrg, meetingOf, type MeetingRow } from '../queries.ts';

/** What a join answers: the token the live page redeems, and the page (the token in the fragment, never in a log). */
const joinAnswer = (token: string, expiresAt: Date) => ({ joinToken: token, roomUrl: `/meeting/live#${token}`, expiresAt });

/**
 * One participant row and its signed token, in the meeting row's lock: people connected plus unexpired
 * tokens must stay within the room's size (ROOM_FULL), whatever joins at the same moment.
 */
async function issue(d: Deps, ctx: Ctx, m: MeetingRow, who: { userId: string | null; displayName: string; role: ParticipantRole }) {
  const now = d.clock.now();
  const expiresAt = new Date(now.getTime() + JOIN_TOKEN_TTL_MS);
  const id = newId('meetingParticipant', now);
  await d.database.db.transaction(async (tx: Executor) => {
    const [locked] = await tx.select().from(meetings).where(eq(meetings.id, m.id)).for('update');
    if (locked.status === 'ended') throw meetingError('MEETING_ENDED');
    const [room] = await tx.select({ max: rooms.maxParticipants }).from(rooms).where(eq(rooms.id, m.roomId));
    const [taken] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(participants)
      .where(
        and(
          eq(participants.meetingId, m.id),
          or(inArray(participants.state, ['redeemed', 'joined']), and(eq(participants.state, 'issued'), gt(participants.tokenExpiresAt, now))),
        ),
      );
    if (!seatFree(taken.n, room.max)) throw meetingError('ROOM_FULL');
    await tx.insert(participants).values({ id, meetingId: m.id, organisationId: m.organisationId, ...who, state: 'issued', tokenExpiresAt: expiresAt, createdAt: now });
    await d.audit.record(tx, ctx, { action: 'meeting.join_issued', entityType: 'meeting', entityId: m.id, after: { participantId: id, ...who, expiresAt } });
  });
  return joinAnswer(signJoinToken(d.settings.joinSecret, id, expiresAt), expiresAt);
}

/** `POST /meetings/{id}/join`: a signed-in member the room admits; hosts are the creator and admins. */
export async function joinAsMember(d: Deps, ctx: Ctx, meetingId: string) {
  const { org, member } = await callerOrg(d, ctx);
  assertOpen(org);
  const m = await meetingOf(d, org.id, meetingId);
  if (m.status === 'ended') throw meetingError('MEETING_ENDED');
  const [room] = await d.database.db.select().from(rooms).where(eq(rooms.id, m.roomId));
  if (!mayJoinRoom(room, member)) throw meetingError('ROOM_NOT_ALLOWED');
  const displayName = (await d.identity.namesOf([member.userId])).get(member.userId) ?? ctx.actor.name;
  return issue(d, ctx, m, { userId: member.userId, displayName, role: roleOf(member, m.hostUserId) });
}

/** `POST /links/{code}/join`: anyone holding the link, as a guest with the name they give. */
export async function joinAsGuest(d: Deps, ctx: Ctx, code: string, displayName: string) {
  const [m] = await d.database.db.select().from(meetings).where(eq(meetings.linkCode, code));
  if (!m) throw fail('NOT_FOUND', { link: code });
  const [org] = await d.database.db.select().from(organisations).where(eq(organisations.id, m.organisationId));
  assertOpen(org);
  if (m.status === 'ended') throw meetingError('MEETING_ENDED');
  return issue(d, ctx, m, { userId: null, displayName, role: 'guest' });
}

/** What the guest page shows before the name is asked. */
export async function linkInfo(d: Deps, code: string) {
  const [row] = await d.database.db
    .select({ m: meetings, orgName: organisations.name, orgStatus: organisations.status })
    .from(meetings)
    .innerJoin(organisations, eq(organisations.id, meetings.organisationId))
    .where(eq(meetings.linkCode, code));
  if (!row) throw fail('NOT_FOUND', { link: code });
  return { title: row.m.title, organisation: row.orgName, scheduledAt: row.m.scheduledAt, status: row.m.status, open: row.orgStatus === 'active' };
}
