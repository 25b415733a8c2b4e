/**
 * The Janus instances a deployment runs (config `JANUS_URLS`) and which one carries each meeting's room.
 * A meeting's room goes to the least-loaded instance that answers (rooms not ended, counted in the
 * database so every process sees the same load), ties broken by rendezvous hashing on the meeting id;
 * the caller stores the choice (meeting_live.rooms) so all processes send that meeting to the same instance.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../../../db/client.ts';
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

  /** The instance for a new meeting's room (null: none answers). The caller stores the choice. */
  async pick(meetingId: string): Promise<string | null> {
    const status = await this.status();
    const loads = await this.database.rows<{ instance: string; n: number }>(
      sql`select instance, count(*)::int as n from meeting_live.rooms where ended_at is null group by instance`,
    );
    return chooseInstance(
      status.map((s) => ({ ...s, rooms: Number(loads.find((l) => l.instance === s.url)?.n ?? 0) })),
      meetingId,
    );
  }

  async close(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.close()));
  }
}
