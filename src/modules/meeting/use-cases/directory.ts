import { and, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { systemCtx } from '../../../platform/context.ts';
import { meetings, organisations, participants, rooms } from '../db/schema.ts';
import { MEETING_PRODUCT, type Deps } from '../deps.ts';
import { readJoinToken } from '../domain/signing.ts';
import { meetingEndsAt, minutesBetween, type TrialPolicy } from '../domain/trial.ts';
import { meetingError } from '../errors.ts';
import type { EndReason, JoinGrant, LeaveReason, MeetingDirectory } from '../live-ports.ts';
import { assertOpen, type MeetingRow } from '../queries.ts';
import { queueWebhook } from './webhooks.ts';

const LIVE_CTX = systemCtx('system:meeting-live');

/** The trial policy of the catalog, or null when none is set. */
export async function trialPolicy(d: Deps): Promise<TrialPolicy | null> {
  return d.catalog.trialPolicy(MEETING_PRODUCT).catch(() => null);
}

/** The control plane as the live layer calls it (live-ports.ts). */
export function meetingDirectory(d: Deps): MeetingDirectory {
  return {
    redeem: (token) => redeem(d, token),
    joined: (participantId, at) => joined(d, participantId, at),
    left: (participantId, at, reason) => left(d, participantId, at, reason),
    ended: async (meetingId, at, reason) => {
      await endMeeting(d, meetingId, at, reason);
    },
  };
}

async function redeem(d: Deps, token: string): Promise<JoinGrant> {
  const now = d.clock.now();
  const read = readJoinToken(d.settings.joinSecret, token, now);
  if (!read.ok) throw meetingError(read.why === 'expired' ? 'JOIN_TOKEN_EXPIRED' : 'JOIN_TOKEN_INVALID');
  const [p] = await d.database.db
    .update(participants)
    .set({ state: 'redeemed' })
    .where(and(eq(participants.id, read.participantId), eq(participants.state, 'issued'), gt(participants.tokenExpiresAt, now)))
    .returning();
  if (!p) {
    const [row] = await d.database.db.select().from(participants).where(eq(participants.id, read.participantId));
    throw meetingError(row && row.state !== 'issued' ? 'JOIN_TOKEN_USED' : row ? 'JOIN_TOKEN_EXPIRED' : 'JOIN_TOKEN_INVALID');
  }
  const [m] = await d.database.db.select().from(meetings).where(eq(meetings.id, p.meetingId));
  const [org] = await d.database.db.select().from(organisations).where(eq(organisations.id, m.organisationId));
  const [room] = await d.database.db.select().from(rooms).where(eq(rooms.id, m.roomId));
  if (m.status === 'ended') throw meetingError('MEETING_ENDED');
  assertOpen(org);
  const endsAt = meetingEndsAt({ trial: org.trial, policy: org.trial ? await trialPolicy(d) : null, startedAt: m.startedAt ?? now });
  return {
    meetingId: m.id,
    roomId: room.id,
    roomName: room.name,
    organisationId: org.id,
    participantId: p.id,
    userId: p.userId,
    displayName: p.displayName,
    role: p.role,
    maxParticipants: room.maxParticipants,
    endsAt,
  };
}

/** Connected now: counts and peak move in the meeting row's lock; the first one starts the meeting. */
async function joined(d: Deps, participantId: string, at: Date) {
  await d.database.db.transaction(async (tx) => {
    const [p] = await tx.select().from(participants).where(eq(participants.id, participantId));
    if (!p || (p.state !== 'redeemed' && p.state !== 'issued')) return;
    const m = await lockMeeting(tx, p.meetingId);
    if (m.status === 'ended') return;
    await tx.update(participants).set({ state: 'joined', joinedAt: at }).where(eq(participants.id, p.id));
    const current = await countJoined(tx, m.id);
    const starts = m.status !== 'live';
    await tx
      .update(meetings)
      .set({ status: 'live', startedAt: m.startedAt ?? at, currentParticipants: current, peakParticipants: Math.max(m.peakParticipants, current) })
      .where(eq(meetings.id, m.id));
    if (starts) {
      await d.audit.record(tx, LIVE_CTX, { action: 'meeting.started', entityType: 'meeting', entityId: m.id, after: { startedAt: at } });
      await queueWebhook(d, tx, m, 'meeting.started', { meetingId: m.id, roomId: m.roomId, title: m.title, startedAt: at.toISOString() });
    }
  });
}

async function left(d: Deps, participantId: string, at: Date, reason: LeaveReason) {
  await d.database.db.transaction(async (tx) => {
    const [p] = await tx.select().from(participants).where(eq(participants.id, participantId));
    if (!p || p.state === 'left' || p.state === 'expired') return;
    const m = await lockMeeting(tx, p.meetingId);
    await tx.update(participants).set({ state: 'left', leftAt: at, leaveReason: reason, joinedAt: p.joinedAt ?? at }).where(eq(participants.id, p.id));
    await tx.update(meetings).set({ currentParticipants: await countJoined(tx, m.id) }).where(eq(meetings.id, m.id));
  });
}

/** The meeting is over for everyone: presences close, minutes are counted, the end webhook is queued. Idempotent. */
export async function endMeeting(d: Deps, meetingId: string, at: Date, reason: EndReason): Promise<boolean> {
  return d.database.db.transaction(async (tx) => {
    const m = await lockMeeting(tx, meetingId);
    if (m.status === 'ended') return false;
    await tx
      .update(participants)
      .set({ state: 'left', leftAt: at, leaveReason: 'ended' })
      .where(and(eq(participants.meetingId, m.id), inArray(participants.state, ['joined', 'redeemed'])));
    await tx.update(participants).set({ state: 'expired' }).where(and(eq(participants.meetingId, m.id), eq(participants.state, 'issued')));
    const minutes = m.startedAt ? minutesBetween(m.startedAt, at) : 0;
    await tx.update(meetings).set({ status: 'ended', endedAt: at, endReason: reason, minutes, currentParticipants: 0 }).where(eq(meetings.id, m.id));
    await d.audit.record(tx, LIVE_CTX, { action: 'meeting.ended', entityType: 'meeting', entityId: m.id, after: { endedAt: at, reason, minutes } });
    if (m.startedAt) {
      const payload = { meetingId: m.id, roomId: m.roomId, title: m.title, startedAt: m.startedAt.toISOString(), endedAt: at.toISOString(), reason, minutes, peakParticipants: m.peakParticipants };
      await queueWebhook(d, tx, m, 'meeting.ended', payload);
    }
    return true;
  });
}

async function lockMeeting(tx: Executor, id: string): Promise<MeetingRow> {
  const [m] = await tx.select().from(meetings).where(eq(meetings.id, id)).for('update');
  if (!m) throw meetingError('JOIN_TOKEN_INVALID');
  return m;
}

const countJoined = async (tx: Executor, meetingId: string) => {
  const [r] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(participants)
    .where(and(eq(participants.meetingId, meetingId), or(eq(participants.state, 'joined'))));
  return r.n;
};
