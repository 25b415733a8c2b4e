/**
 * A Janus VideoRoom admin client over Janus's HTTP transport: one Janus session with one VideoRoom handle
 * per instance, kept alive, re-created when Janus forgets it (restart, timeout). The synchronous VideoRoom
 * requests used here (create, destroy, exists, kick, moderate, listparticipants, list) answer in the POST
 * reply itself, so no long-poll is needed.
 */
import { randomBytes } from 'node:crypto';

export class JanusError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(`Janus ${code}: ${message}`);
    this.name = 'JanusError';
  }
}

/** VideoRoom error codes this project reacts to. */
export const JANUS_NO_SUCH_ROOM = 426;
export const JANUS_ROOM_EXISTS = 427;
export const JANUS_NO_SUCH_FEED = 428;
/** Janus core: the session or handle is unknown (Janus restarted, or the session timed out). */
const NO_SUCH_SESSION = 458;
const NO_SUCH_HANDLE = 459;

export interface RoomSpec {
  room: number;
  description: string;
  /** Publishers allowed at once = the meeting's room size (≤ 100). */
  publishers: number;
  secret: string;
  pin: string;
}

export interface JanusParticipant {
  id: number;
  display?: string;
  publisher: boolean;
  talking?: boolean;
}

type Fetch = typeof fetch;

export interface JanusClientOptions {
  /** The instance's Janus API base, e.g. http://127.0.0.1:8088/janus */
  url: string;
  /** VideoRoom `admin_key` (the generated config sets it; rooms can be created only with it). */
  adminKey?: string;
  timeoutMs?: number;
  keepaliveMs?: number;
  fetch?: Fetch;
}

export class JanusVideoRoomClient {
  readonly url: string;
  private session: { id: number; handle: number } | null = null;
  private connecting: Promise<{ id: number; handle: number }> | null = null;
  private keepalive: NodeJS.Timeout | null = null;
  private readonly fetch: Fetch;
  private readonly timeoutMs: number;

  constructor(private readonly opts: JanusClientOptions) {
    this.url = opts.url.replace(/\/$/, '');
    this.fetch = opts.fetch ?? fetch;
    this.timeoutMs = opts.timeoutMs ?? 5000;
  }

  /** One Janus API call; a Janus-level error becomes a JanusError. */
  private async call(path: string, body: Record<string, unknown> | null): Promise<any> {
    const res = await this.fetch(`${this.url}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: body ? { 'content-type': 'application/json' } : undefined,
      body: body ? JSON.stringify({ ...body, transaction: randomBytes(6).toString('hex') }) : undefined,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!res.ok) throw new JanusError(res.status, `HTTP ${res.status}`);
    const json = (await res.json()) as any;
    if (json.janus === 'error') throw new JanusError(json.error?.code ?? 0, json.error?.reason ?? 'error');
    return json;
  }

  /** Janus's info (version, plugins): a cheap health check. */
  async info(): Promise<{ version: number; videoroom: boolean }> {
    const json = await this.call('/info', null);
    return { version: json.version, videoroom: !!json.plugins?.['janus.plugin.videoroom'] };
  }

  private async ensureSession(): Promise<{ id: number; handle: number }> {
    if (this.session) return this.session;
    this.connecting ??= (async () => {
      try {
        const created = await this.call('', { janus: 'create' });
        const id = created.data.id as number;
        const attached = await this.call(`/${id}`, { janus: 'attach', plugin: 'janus.plugin.videoroom' });
        this.session = { id, handle: attached.data.id as number };
        this.startKeepalive();
        return this.session;
      } finally {
        this.connecting = null;
      }
    })();
    return this.connecting;
  }

  private startKeepalive() {
    if (this.keepalive) return;
    this.keepalive = setInterval(() => {
      const s = this.session;
      if (!s) return;
      this.call(`/${s.id}`, { janus: 'keepalive' }).catch((err) => {
        if (err instanceof JanusError && err.code === NO_SUCH_SESSION) this.session = null;
      });
    }, this.opts.keepaliveMs ?? 25_000);
    this.keepalive.unref();
  }

  /** A synchronous VideoRoom request; the plugin's error becomes a JanusError. Retries once on a lost session. */
  async request(body: Record<string, unknown>): Promise<any> {
    for (let attempt = 0; ; attempt++) {
      const s = await this.ensureSession();
      try {
        const json = await this.call(`/${s.id}/${s.handle}`, { janus: 'message', body });
        const data = json.plugindata?.data;
        if (!data) throw new JanusError(0, `unexpected reply ${json.janus}`);
        if (data.error_code) throw new JanusError(data.error_code, data.error ?? 'VideoRoom error');
        return data;
      } catch (err) {
        if (attempt === 0 && err instanceof JanusError && (err.code === NO_SUCH_SESSION || err.code === NO_SUCH_HANDLE)) {
          this.session = null;
          continue;
        }
        throw err;
      }
    }
  }

  private withKey(body: Record<string, unknown>) {
    return this.opts.adminKey ? { ...body, admin_key: this.opts.adminKey } : body;
  }

  /** Creates the room (not permanent); an existing room with that id is fine (another process made it). */
  async createRoom(spec: RoomSpec): Promise<void> {
    try {
      await this.request(
        this.withKey({
          request: 'create',
          room: spec.room,
          description: spec.description.slice(0, 100),
          permanent: false,
          is_private: true,
          secret: spec.secret,
          pin: spec.pin,
          publishers: spec.publishers,
          bitrate: 512_000,
          fir_freq: 10,
          audiocodec: 'opus',
          videocodec: 'vp8',
          notify_joining: false,
          audiolevel_event: false,
        }),
      );
    } catch (err) {
      if (err instanceof JanusError && err.code === JANUS_ROOM_EXISTS) return;
      throw err;
    }
  }

  async exists(room: number): Promise<boolean> {
    const data = await this.request({ request: 'exists', room });
    return !!data.exists;
  }

  /** Destroys the room (everyone in it is dropped); a room already gone is fine. */
  async destroyRoom(room: number, secret: string): Promise<void> {
    try {
      await this.request({ request: 'destroy', room, secret, permanent: false });
    } catch (err) {
      if (err instanceof JanusError && err.code === JANUS_NO_SUCH_ROOM) return;
      throw err;
    }
  }

  /** Drops a participant (publisher or not) from the room; one already gone is fine. */
  async kick(room: number, secret: string, id: number): Promise<void> {
    try {
      await this.request({ request: 'kick', room, secret, id });
    } catch (err) {
      if (err instanceof JanusError && (err.code === JANUS_NO_SUCH_FEED || err.code === JANUS_NO_SUCH_ROOM)) return;
      throw err;
    }
  }

  /**
   * Mutes or unmutes one stream (by mid) of a publisher: Janus stops relaying it, whatever the client does.
   * A publisher not (yet) publishing is fine: the hub re-applies the state when it publishes.
   */
  async moderate(room: number, secret: string, id: number, mid: string, mute: boolean): Promise<void> {
    try {
      await this.request({ request: 'moderate', room, secret, id, mid, mute });
    } catch (err) {
      if (err instanceof JanusError && (err.code === JANUS_NO_SUCH_FEED || err.code === JANUS_NO_SUCH_ROOM || err.code === 436)) return;
      throw err;
    }
  }

  async listParticipants(room: number): Promise<JanusParticipant[]> {
    const data = await this.request({ request: 'listparticipants', room });
    return (data.participants ?? []) as JanusParticipant[];
  }

  /** The number of rooms this instance holds now (the pool's load measure). */
  async roomCount(): Promise<number> {
    const data = await this.request(this.withKey({ request: 'list' }));
    return (data.list ?? []).length;
  }

  /** Destroys our Janus session (its handle with it) and stops the keepalives. */
  async close(): Promise<void> {
    if (this.keepalive) clearInterval(this.keepalive);
    this.keepalive = null;
    const s = this.session;
    this.session = null;
    if (s) await this.call(`/${s.id}`, { janus: 'destroy' }).catch(() => {});
  }
}
