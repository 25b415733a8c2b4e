/**
 * The live layer's rows (schema meeting_live): each meeting's room (its Janus instance, room id, secret,
 * PIN, size, trial end), who is connected now from any process, and the events fanned out between
 * processes. Liveness (seen_at, emptied_at) is database time, so all processes agree; business time
 * (the trial cap) comes from the injected clock.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import type { LiveParticipant, ParticipantRole } from '../live-ports.ts';
import type { RosterEntry } from './messages.ts';

export const LIVE_CHANNEL = 'meeting_live';
/** A presence row not refreshed for this long belongs to a process that died. */
export const STALE_SECONDS = 90;

export interface RoomRecord {
  meetingId: string;
  /** The Janus instance's URL; '' when the meeting runs without media. */
  instance: string;
  room: number;
  secret: string;
  pin: string;
  maxParticipants: number;
  endsAt: Date | null;
  endedAt: Date | null;
}

const toRoom = (r: Record<string, unknown>): RoomRecord => ({
  meetingId: r.meeting_id as string,
  instance: r.instance as string,
  room: Number(r.janus_room),
  secret: r.secret as string,
  pin: r.pin as string,
  maxParticipants: Number(r.max_participants),
  endsAt: r.ends_at ? new Date(r.ends_at as string) : null,
  endedAt: r.ended_at ? new Date(r.ended_at as string) : null,
});

const toEntry = (r: Record<string, unknown>): RosterEntry => ({
  participantId: r.participant_id as string,
  displayName: r.display_name as string,
  role: r.role as ParticipantRole,
  feedId: Number(r.feed_id),
  screenFeedId: Number(r.feed_id) + 1,
  audioMuted: !!r.audio_muted,
  videoMuted: !!r.video_muted,
  handRaised: !!r.hand_raised,
  hostMuted: !!r.host_muted,
  screenSharing: !!r.screen_sharing,
});

export const asLiveParticipant = (e: RosterEntry): LiveParticipant => ({
  participantId: e.participantId,
  displayName: e.displayName,
  role: e.role,
  audioMuted: e.audioMuted,
  videoMuted: e.videoMuted,
  handRaised: e.handRaised,
});

export interface EventBody {
  /** Only these participants receive the message; absent: everyone in the meeting. */
  to?: string[];
  message: unknown;
  /** Connections the owning process closes after delivering (kick, end). */
  close?: { participantIds: string[] | 'all'; reason: 'kicked' | 'ended' };
}

export class LiveStore {
  constructor(private readonly database: Database) {}

  async room(meetingId: string): Promise<RoomRecord | null> {
    const [row] = await this.database.rows(sql`select * from meeting_live.rooms where meeting_id = ${meetingId}`);
    return row ? toRoom(row) : null;
  }

  /** The meeting's room row, made on first use (every process then agrees on instance, room id and secrets). */
  async ensureRoom(spec: { meetingId: string; instance: string; maxParticipants: number; endsAt: Date | null; now: Date }): Promise<RoomRecord> {
    await this.database.rows(sql`
      insert into meeting_live.rooms (meeting_id, instance, janus_room, secret, pin, max_participants, ends_at, created_at)
      values (${spec.meetingId}, ${spec.instance}, ${randomInt(1_000_000, 2 ** 47)}, ${randomBytes(18).toString('base64url')},
              ${randomBytes(12).toString('base64url')}, ${Math.max(1, Math.min(100, spec.maxParticipants))},
              ${spec.endsAt?.toISOString() ?? null}, ${spec.now.toISOString()})
      on conflict (meeting_id) do nothing`);
    // A later grant may bring an earlier end (the trial cap): the earliest wins.
    if (spec.endsAt)
      await this.database.rows(sql`update meeting_live.rooms set ends_at = ${spec.endsAt.toISOString()}
        where meeting_id = ${spec.meetingId} and (ends_at is null or ends_at > ${spec.endsAt.toISOString()})`);
    return (await this.room(spec.meetingId))!;
  }

  /** Records that the meeting ended; the row only for the one caller that did it. */
  async markEnded(meetingId: string, reason: string, now: Date): Promise<RoomRecord | null> {
    const [row] = await this.database.rows(sql`
      update meeting_live.rooms set ended_at = ${now.toISOString()}, end_reason = ${reason}
      where meeting_id = ${meetingId} and ended_at is null returning *`);
    return row ? toRoom(row) : null;
  }

  /** Adds a participant unless the room is full (the room row locked, so two processes cannot both take the last seat). */
  async join(p: { meetingId: string; participantId: string; displayName: string; role: ParticipantRole; process: string; now: Date }): Promise<'ok' | 'full' | 'ended'> {
    return this.database.db.transaction(async (tx) => {
      const [room] = await this.database.rows(sql`select * from meeting_live.rooms where meeting_id = ${p.meetingId} for update`, tx);
      if (!room || room.ended_at) return 'ended';
      const [{ n }] = await this.database.rows<{ n: number }>(
        sql`select count(*)::int as n from meeting_live.presence where meeting_id = ${p.meetingId} and participant_id <> ${p.participantId}
            and seen_at > now() - make_interval(secs => ${STALE_SECONDS})`,
        tx,
      );
      if (Number(n) >= Number(room.max_participants)) return 'full';
      // Even feed ids: camera+mic; the next odd one: the screen share.
      const feed = randomInt(1, 2 ** 46) * 2;
      await this.database.rows(
        sql`insert into meeting_live.presence (participant_id, meeting_id, display_name, role, feed_id, process, joined_at)
            values (${p.participantId}, ${p.meetingId}, ${p.displayName}, ${p.role}, ${feed}, ${p.process}, ${p.now.toISOString()})
            on conflict (participant_id) do update set process = excluded.process, seen_at = now()`,
        tx,
      );
      await this.database.rows(sql`update meeting_live.rooms set emptied_at = null where meeting_id = ${p.meetingId}`, tx);
      return 'ok';
    });
  }

  /** Removes the participant; the row as it was (null when already gone). Marks the room emptied when it was the last. */
  async leave(participantId: string): Promise<RosterEntry | null> {
    const [row] = await this.database.rows(sql`delete from meeting_live.presence where participant_id = ${participantId} returning *`);
    if (!row) return null;
    await this.database.rows(sql`update meeting_live.rooms set emptied_at = now()
      where meeting_id = ${row.meeting_id as string} and ended_at is null
        and not exists (select 1 from meeting_live.presence where meeting_id = ${row.meeting_id as string})`);
    return toEntry(row);
  }

  async roster(meetingId: string): Promise<RosterEntry[]> {
    const rows = await this.database.rows(sql`select * from meeting_live.presence where meeting_id = ${meetingId}
      and seen_at > now() - make_interval(secs => ${STALE_SECONDS}) order by joined_at, participant_id`);
    return rows.map(toEntry);
  }

  async entry(participantId: string): Promise<(RosterEntry & { meetingId: string }) | null> {
    const [row] = await this.database.rows(sql`select * from meeting_live.presence where participant_id = ${participantId}`);
    return row ? { ...toEntry(row), meetingId: row.meeting_id as string } : null;
  }

  async update(
    participantId: string,
    patch: Partial<Pick<RosterEntry, 'audioMuted' | 'videoMuted' | 'handRaised' | 'hostMuted' | 'screenSharing'>>,
  ): Promise<RosterEntry | null> {
    const v = (x: boolean | undefined) => (x === undefined ? null : x);
    const [row] = await this.database.rows(sql`update meeting_live.presence set
        audio_muted = coalesce(${v(patch.audioMuted)}::boolean, audio_muted),
        video_muted = coalesce(${v(patch.videoMuted)}::boolean, video_muted),
        hand_raised = coalesce(${v(patch.handRaised)}::boolean, hand_raised),
        host_muted = coalesce(${v(patch.hostMuted)}::boolean, host_muted),
        screen_sharing = coalesce(${v(patch.screenSharing)}::boolean, screen_sharing)
      where participant_id = ${participantId} returning *`);
    return row ? toEntry(row) : null;
  }

  /** Keeps this process's participants fresh. */
  async heartbeat(process: string): Promise<void> {
    await this.database.rows(sql`update meeting_live.presence set seen_at = now() where process = ${process}`);
  }

  /** Presence rows of processes that died: removed, returned so their leaving is reported. */
  async pruneStale(): Promise<(RosterEntry & { meetingId: string })[]> {
    const rows = await this.database.rows(sql`delete from meeting_live.presence
      where seen_at < now() - make_interval(secs => ${STALE_SECONDS}) returning *`);
    return rows.map((r) => ({ ...toEntry(r), meetingId: r.meeting_id as string }));
  }

  /** Meetings nobody has been in for `graceSeconds`. */
  async emptyMeetings(graceSeconds: number): Promise<string[]> {
    const rows = await this.database.rows<{ meeting_id: string }>(sql`select meeting_id from meeting_live.rooms
      where ended_at is null and emptied_at is not null and emptied_at < now() - make_interval(secs => ${graceSeconds})`);
    return rows.map((r) => r.meeting_id);
  }

  /** Open meetings whose end (trial cap) has come. */
  async dueMeetings(now: Date): Promise<string[]> {
    const rows = await this.database.rows<{ meeting_id: string }>(sql`select meeting_id from meeting_live.rooms
      where ended_at is null and ends_at is not null and ends_at <= ${now.toISOString()}`);
    return rows.map((r) => r.meeting_id);
  }

  async publish(meetingId: string, body: EventBody): Promise<void> {
    await this.database.db.transaction(async (tx) => {
      await this.database.rows(sql`insert into meeting_live.events (meeting_id, body) values (${meetingId}, ${JSON.stringify(body)}::jsonb)`, tx);
      await this.database.rows(sql`select pg_notify(${LIVE_CHANNEL}, '')`, tx);
    });
  }

  async lastSeq(): Promise<number> {
    const [row] = await this.database.rows<{ s: string | number }>(sql`select coalesce(max(seq), 0) as s from meeting_live.events`);
    return Number(row.s);
  }

  async eventsAfter(seq: number, limit = 500): Promise<{ seq: number; meetingId: string; body: EventBody }[]> {
    const rows = await this.database.rows(sql`select seq, meeting_id, body from meeting_live.events where seq > ${seq} order by seq limit ${limit}`);
    return rows.map((r) => ({ seq: Number(r.seq), meetingId: r.meeting_id as string, body: (typeof r.body === 'string' ? JSON.parse(r.body) : r.body) as EventBody }));
  }

  async pruneEvents(olderThanSeconds: number): Promise<void> {
    await this.database.rows(sql`delete from meeting_live.events where at < now() - make_interval(secs => ${olderThanSeconds})`);
  }
}
