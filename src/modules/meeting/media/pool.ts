/**
 * The Janus instances a deployment runs (config `JANUS_URLS`) and which one carries each meeting's room.
 * A meeting's room goes to the least-loaded instance that answers (rooms not ended, counted in the
 * database so every process sees the same load), ties broken by rendezvous hashing on the meeting id;
 * the choice is stored (meeting_live.rooms) so all processes send that meeting to the same instance.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
import type { Clock } from '../../../platform/clock.ts';
import { JanusVideoRoomClient } from './janus-client.ts';

export interface InstanceLoad {
  url: string;
  up: boolean;
  rooms: number;
}

/** Rendezvous score of (meeting, instance): the same on every process. */
function score(meetingId: string, url: string): string {
  return createHash('sha256').update(`${meetingId}|${url}`).digest('hex');
}

/** The instance a new meeting's room goes to: least rooms among those up, ties by rendezvous hash; null when none is up. */
export function chooseInstance(instances: InstanceLoad[], meetingId: string): string | null {
  const up = instances.filter((i) => i.up);
  if (!up.length) return null;
  const least = Math.min(...up.map((i) => i.rooms));
  const tied = up.filter((i) => i.rooms === least);
  tied.sort((a, b) => (score(meetingId, a.url) < score(meetingId, b.url) ? 1 : -1));
  return tied[0].url;
}

export interface RoomRecord {
  meetingId: string;
  instance: string;
  room: number;
  secret: string;
  pin: string;
  maxParticipants: number;
  endsAt: Date | null;
  endedAt: Date | null;
}

const toRecord = (r: Record<string, unknown>): RoomRecord => ({
  meetingId: r.meeting_id as string,
  instance: r.instance as string,
  room: Number(r.janus_room),
  secret: r.secret as string,
  pin: r.pin as string,
  maxParticipants: Number(r.max_participants),
  endsAt: r.ends_at ? new Date(r.ends_at as string) : null,
  endedAt: r.ended_at ? new Date(r.ended_at as string) : null,
});

export interface JanusInstanceConfig {
  /** Janus API base our server uses (admin requests, and the browser proxy), e.g. http://10.0.0.5:8088/janus */
  url: string;
  /** What browsers use instead of our proxy (JANUS_PUBLIC_URLS), when they reach Janus directly. */
  publicUrl?: string;
}

export class JanusPool {
  readonly clients = new Map<string, JanusVideoRoomClient>();
  private health = new Map<string, { up: boolean; at: number }>();

  constructor(
    readonly instances: JanusInstanceConfig[],
    private readonly database: Database,
    private readonly clock: Clock,
    opts: { adminKey?: string; fetch?: typeof fetch } = {},
  ) {
    for (const i of instances) this.clients.set(i.url, new JanusVideoRoomClient({ url: i.url, adminKey: opts.adminKey, fetch: opts.fetch }));
  }

  client(url: string): JanusVideoRoomClient {
    const c = this.clients.get(url);
    if (!c) throw new Error(`Janus instance ${url} is not configured`);
    return c;
  }

  publicUrl(url: string): string | undefined {
    return this.instances.find((i) => i.url === url)?.publicUrl;
  }

  /** Whether each instance answers (cached for 5 s). */
  async status(): Promise<{ url: string; up: boolean }[]> {
    return Promise.all(
      this.instances.map(async ({ url }) => {
        const cached = this.health.get(url);
        if (cached && Date.now() - cached.at < 5000) return { url, up: cached.up };
        const up = await this.client(url)
          .info()
          .then((i) => i.videoroom)
          .catch(() => false);
        this.health.set(url, { up, at: Date.now() });
        return { url, up };
      }),
    );
  }

  async room(meetingId: string): Promise<RoomRecord | null> {
    const [row] = await this.database.rows(sql`select * from meeting_live.rooms where meeting_id = ${meetingId}`);
    return row ? toRecord(row) : null;
  }

  /**
   * The meeting's room: its stored record, else a new one on the chosen instance (stored first, so every
   * process agrees), and the room created on Janus (again, if Janus restarted and lost it).
   */
  async ensureRoom(spec: { meetingId: string; description: string; maxParticipants: number; endsAt: Date | null }): Promise<RoomRecord> {
    let record = await this.room(spec.meetingId);
    if (!record) {
      const status = await this.status();
      const loads = await this.database.rows<{ instance: string; n: number }>(
        sql`select instance, count(*)::int as n from meeting_live.rooms where ended_at is null group by instance`,
      );
      const instance = chooseInstance(
        status.map((s) => ({ ...s, rooms: Number(loads.find((l) => l.instance === s.url)?.n ?? 0) })),
        spec.meetingId,
      );
      if (!instance) throw new Error('no Janus instance is answering');
      await this.database.rows(sql`
        insert into meeting_live.rooms (meeting_id, instance, janus_room, secret, pin, max_participants, ends_at, created_at)
        values (${spec.meetingId}, ${instance}, ${randomInt(1_000_000, 2 ** 47)}, ${randomBytes(18).toString('base64url')},
                ${randomBytes(12).toString('base64url')}, ${Math.min(100, spec.maxParticipants)}, ${spec.endsAt?.toISOString() ?? null},
                ${this.clock.now().toISOString()})
        on conflict (meeting_id) do nothing`);
      record = (await this.room(spec.meetingId))!;
    }
    if (!record.endedAt) {
      await this.client(record.instance).createRoom({
        room: record.room,
        description: spec.description,
        publishers: record.maxParticipants,
        secret: record.secret,
        pin: record.pin,
      });
    }
    return record;
  }

  /** Marks the meeting's room ended; true for the one caller that did it (that caller destroys the Janus room). */
  async markEnded(meetingId: string, reason: string): Promise<RoomRecord | null> {
    const [row] = await this.database.rows(sql`
      update meeting_live.rooms set ended_at = ${this.clock.now().toISOString()}, end_reason = ${reason}
      where meeting_id = ${meetingId} and ended_at is null returning *`);
    return row ? toRecord(row) : null;
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.close()));
  }
}
