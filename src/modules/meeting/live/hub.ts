/**
 * The live hub: the WebSocket at GET /api/v1/meeting/live/ws (LIVE_WS_PATH). A browser's first frame is
 * {type:'hello', token}; the hub redeems the join token with the control plane, seats the participant
 * (room size enforced across processes), and then relays chat, private chat, hands, media states, host
 * controls and notices. Every message goes through meeting_live.events + NOTIFY, so participants
 * connected to different processes see each other; each process delivers to its own sockets.
 * Host mute and kick are enforced on Janus (moderate, kick). The trial cap and empty meetings end
 * on the hub's tick.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Database } from '../../../db/client.ts';
import type { Clock } from '../../../platform/clock.ts';
import { isAppError } from '../../../platform/errors.ts';
import type { Logger } from '../../../platform/log.ts';
import { AUDIO_MID, LIVE_WS_PATH } from '../contract.ts';
import type { EndReason, JoinGrant, LeaveReason, LiveMeetings, MeetingDirectory } from '../live-ports.ts';
import { JANUS_INSTALL_HINT } from '../media/launcher.ts';
import type { JanusPool } from '../media/pool.ts';
import { decideHostAction, mayUnmuteSelf } from './host-rules.ts';
import { MAX_FRAME_BYTES, parseClientMessage, RateLimiter, type ClientMessage, type MediaAccess, type ProtocolErrorCode, type ServerMessage } from './messages.ts';
import { asLiveParticipant, LIVE_CHANNEL, LiveStore, type EventBody } from './store.ts';
import { issueTicket } from './ticket.ts';

export const MEDIA_PROXY_PATH = '/api/v1/meeting/media/janus';
/** How long a media ticket lasts (ms, on the injected clock, as the proxy reads it). */
export const TICKET_TTL_MS = 24 * 3600_000;

export interface LiveHubOptions {
  directory: MeetingDirectory;
  /** Null: no Janus configured or found; chat and host controls still work, media is off with a hint. */
  janus: JanusPool | null;
  clock: Clock;
  database: Database;
  log: Logger;
  /** Signs media tickets (any process verifies them). */
  secret: string;
  /** Why media is unavailable, when janus is null. */
  mediaHint?: string;
  /** How often the hub checks trial caps, empty meetings and liveness (ms); 0: never (one-shot CLI commands). */
  tickMs?: number;
  /** How long a meeting may stay empty before it ends (s). */
  emptyGraceSeconds?: number;
  /** Messages per connection: burst and per second. */
  rate?: { burst: number; perSecond: number };
}

interface Conn {
  ws: WebSocket;
  grant: JoinGrant | null;
  feedId: number;
  rate: RateLimiter;
  leaving: boolean;
}

export class LiveHub implements LiveMeetings {
  readonly process = `${process.pid}-${randomBytes(4).toString('hex')}`;
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES * 2 });
  private readonly store: LiveStore;
  /** This process's joined connections by participant id, and by meeting. */
  private readonly conns = new Map<string, Conn>();
  private readonly byMeeting = new Map<string, Set<string>>();
  private readonly warned = new Set<string>();
  private lastSeq = 0;
  private reading: Promise<void> | null = null;
  private readAgain = false;
  private timers: NodeJS.Timeout[] = [];
  private unlisten: (() => Promise<void>) | null = null;
  private ticks = 0;

  constructor(private readonly o: LiveHubOptions) {
    this.store = new LiveStore(o.database);
    this.wss.on('connection', (ws) => this.onConnection(ws));
  }

  /** Starts listening for other processes' events and the tick. */
  async start(): Promise<void> {
    this.lastSeq = await this.store.lastSeq();
    this.unlisten = await this.o.database.listen(LIVE_CHANNEL, () => this.readEvents());
    if (this.o.tickMs === 0) return;
    const tick = setInterval(() => void this.tick().catch((err) => this.o.log.warn({ err }, 'meeting live tick failed')), this.o.tickMs ?? 1000);
    tick.unref();
    this.timers.push(tick);
  }

  /** For the HTTP server's 'upgrade' event: true when this hub took the socket. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    if ((req.url ?? '').split('?')[0] !== LIVE_WS_PATH) return false;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
    return true;
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    await this.unlisten?.().catch(() => {});
    await Promise.all([...this.conns.values()].map((c) => this.leave(c, 'disconnected')));
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }

  // ---- LiveMeetings (the control plane's view) ----

  async end(meetingId: string, reason: EndReason): Promise<void> {
    const now = this.o.clock.now();
    const won = await this.store.markEnded(meetingId, reason, now);
    if (!won) {
      if (!(await this.store.room(meetingId))) await this.o.directory.ended(meetingId, now, reason);
      return;
    }
    if (won.instance && this.o.janus)
      await this.o.janus
        .client(won.instance)
        .destroyRoom(won.room, won.secret)
        .catch((err) => this.o.log.warn({ err, meetingId }, 'Janus room destroy failed'));
    await this.store.publish(meetingId, { message: { type: 'ended', reason } satisfies ServerMessage, close: { participantIds: 'all', reason: 'ended' } });
    await this.o.directory.ended(meetingId, now, reason);
  }

  async participants(meetingId: string) {
    return (await this.store.roster(meetingId)).map(asLiveParticipant);
  }

  async mediaStatus() {
    if (!this.o.janus) return { available: false, instances: [], hint: this.o.mediaHint ?? JANUS_INSTALL_HINT };
    const instances = await this.o.janus.status();
    const available = instances.some((i) => i.up);
    return { available, instances, ...(available ? {} : { hint: 'No Janus instance answers: check JANUS_URLS and that janus is running.' }) };
  }

  // ---- connections ----

  private send(ws: WebSocket, m: ServerMessage) {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
  }

  private error(ws: WebSocket, code: ProtocolErrorCode, reason: string, refusal?: { code: string; vi: string; en: string }) {
    this.send(ws, { type: 'error', code, reason, ...(refusal ? { refusal } : {}) });
  }

  private onConnection(ws: WebSocket) {
    // The rate limit counts wall-clock time on purpose: a test clock that stands still must not starve it.
    const conn: Conn = { ws, grant: null, feedId: 0, rate: new RateLimiter(this.o.rate?.burst ?? 20, this.o.rate?.perSecond ?? 5, Date.now()), leaving: false };
    const helloTimer = setTimeout(() => !conn.grant && ws.close(4000, 'hello expected'), 10_000);
    let queue = Promise.resolve();
    ws.on('message', (data, isBinary) => {
      // One frame at a time per connection, in order; a failure answers with an error frame.
      queue = queue.then(() =>
        this.onFrame(conn, isBinary ? null : (data as Buffer)).catch((err) => {
          this.o.log.warn({ err }, 'meeting live frame failed');
          this.error(ws, 'INTERNAL', 'the message could not be handled');
        }),
      );
    });
    ws.on('error', () => {});
    ws.on('close', () => {
      clearTimeout(helloTimer);
      queue = queue.then(() => this.leave(conn, 'disconnected')).catch((err) => this.o.log.warn({ err }, 'meeting live leave failed'));
    });
  }

  private async onFrame(conn: Conn, data: Buffer | null) {
    const { ws } = conn;
    if (!conn.rate.take(Date.now())) return this.error(ws, 'RATE_LIMITED', 'too many messages; slow down');
    if (!data) return this.error(ws, 'BAD_MESSAGE', 'text frames only');
    const parsed = parseClientMessage(data);
    if (!parsed.ok) return this.error(ws, parsed.code, parsed.reason);
    const m = parsed.message;
    if (m.type === 'ping') return this.send(ws, { type: 'pong' });
    if (m.type === 'hello') return conn.grant ? this.error(ws, 'ALREADY_JOINED', 'already joined') : this.hello(conn, m.token);
    if (!conn.grant || conn.leaving) return this.error(ws, 'HELLO_FIRST', 'send hello with the join token first');
    return this.handle(conn, conn.grant, m);
  }

  private async hello(conn: Conn, token: string) {
    const { ws } = conn;
    let grant: JoinGrant;
    try {
      grant = await this.o.directory.redeem(token);
    } catch (err) {
      if (!isAppError(err)) throw err;
      this.error(ws, 'JOIN_REFUSED', err.localizedMessage('en'), { code: err.code, vi: err.localizedMessage('vi'), en: err.localizedMessage('en') });
      return ws.close(4001, 'join refused');
    }
    const now = this.o.clock.now();
    let instance = '';
    const existing = await this.store.room(grant.meetingId);
    if (existing?.endedAt) {
      this.error(ws, 'MEETING_ENDED', 'the meeting has ended');
      return ws.close(4002, 'ended');
    }
    if (!existing && this.o.janus) instance = (await this.o.janus.pick(grant.meetingId).catch(() => null)) ?? '';
    const room = await this.store.ensureRoom({ meetingId: grant.meetingId, instance, maxParticipants: grant.maxParticipants, endsAt: grant.endsAt, now });
    if (room.endsAt && room.endsAt <= now) {
      await this.end(grant.meetingId, 'trial_cap');
      this.error(ws, 'MEETING_ENDED', 'the meeting has reached its time limit');
      return ws.close(4002, 'ended');
    }
    const seated = await this.store.join({ meetingId: grant.meetingId, participantId: grant.participantId, displayName: grant.displayName, role: grant.role, process: this.process, now });
    if (seated !== 'ok') {
      this.error(ws, seated === 'full' ? 'ROOM_FULL' : 'MEETING_ENDED', seated === 'full' ? `the room holds ${room.maxParticipants} participants` : 'the meeting has ended');
      return ws.close(4003, seated);
    }
    conn.grant = grant;
    this.conns.set(grant.participantId, conn);
    if (!this.byMeeting.has(grant.meetingId)) this.byMeeting.set(grant.meetingId, new Set());
    this.byMeeting.get(grant.meetingId)!.add(grant.participantId);

    let media: MediaAccess = { available: false, hint: this.o.mediaHint ?? JANUS_INSTALL_HINT };
    if (this.o.janus && room.instance) {
      try {
        await this.o.janus.client(room.instance).createRoom({ room: room.room, description: grant.roomName, publishers: room.maxParticipants, secret: room.secret, pin: room.pin });
        const publicUrl = this.o.janus.publicUrl(room.instance);
        const me = (await this.store.entry(grant.participantId))!;
        conn.feedId = me.feedId;
        media = {
          available: true,
          url: publicUrl ?? MEDIA_PROXY_PATH,
          ticket: issueTicket(this.o.secret, { meetingId: grant.meetingId, participantId: grant.participantId, feedId: me.feedId, exp: now.getTime() + TICKET_TTL_MS }),
          room: room.room,
          ...(publicUrl ? { pin: room.pin } : {}),
        };
      } catch (err) {
        this.o.log.warn({ err, instance: room.instance }, 'Janus room unavailable; the meeting runs without media');
        media = { available: false, hint: 'The media server does not answer; chat still works.' };
      }
    } else if (this.o.janus) media = { available: false, hint: 'No Janus instance answers: check JANUS_URLS and that janus is running.' };
    const roster = await this.store.roster(grant.meetingId);
    const me = roster.find((r) => r.participantId === grant.participantId)!;
    conn.feedId = me.feedId;
    this.send(conn.ws, {
      type: 'welcome',
      you: { participantId: grant.participantId, displayName: grant.displayName, role: grant.role, feedId: me.feedId, screenFeedId: me.screenFeedId },
      meeting: { id: grant.meetingId, roomName: grant.roomName, endsAt: room.endsAt?.toISOString() ?? null, maxParticipants: room.maxParticipants },
      media,
      roster,
    });
    await this.store.publish(grant.meetingId, { message: { type: 'joined', participant: me } satisfies ServerMessage });
    await this.o.directory.joined(grant.participantId, now);
  }

  private async handle(conn: Conn, g: JoinGrant, m: Exclude<ClientMessage, { type: 'hello' | 'ping' }>) {
    const at = this.o.clock.now().toISOString();
    const from = { participantId: g.participantId, displayName: g.displayName };
    switch (m.type) {
      case 'chat':
        return this.store.publish(g.meetingId, { message: { type: 'chat', from, text: m.text, at } satisfies ServerMessage });
      case 'private': {
        const target = await this.store.entry(m.to);
        if (!target || target.meetingId !== g.meetingId) return this.error(conn.ws, 'NO_SUCH_PARTICIPANT', 'no such participant in this meeting');
        return this.store.publish(g.meetingId, { to: [m.to, g.participantId], message: { type: 'private', from, to: m.to, text: m.text, at } satisfies ServerMessage });
      }
      case 'hand':
        return this.publishState(g.meetingId, await this.store.update(g.participantId, { handRaised: m.raised }));
      case 'media': {
        const me = await this.store.entry(g.participantId);
        if (!me) return;
        if (m.audioMuted === false && !mayUnmuteSelf(me)) return this.error(conn.ws, 'MUTED_BY_HOST', 'the host has muted you');
        return this.publishState(g.meetingId, await this.store.update(g.participantId, { audioMuted: m.audioMuted, videoMuted: m.videoMuted, screenSharing: m.screen }));
      }
      case 'notice':
        if (g.role !== 'host') return this.error(conn.ws, 'NOT_HOST', 'only the host sends notices');
        return this.store.publish(g.meetingId, { message: { type: 'notice', kind: 'host', text: m.text, by: g.displayName } satisfies ServerMessage });
      case 'host':
        return this.hostAction(conn, g, m);
      case 'leave':
        await this.leave(conn, 'left');
        return conn.ws.close(1000, 'left');
    }
  }

  private async publishState(meetingId: string, entry: Awaited<ReturnType<LiveStore['update']>>) {
    if (entry) await this.store.publish(meetingId, { message: { type: 'state', participant: entry } satisfies ServerMessage });
  }

  private async hostAction(conn: Conn, g: JoinGrant, m: Extract<ClientMessage, { type: 'host' }>) {
    const roster = await this.store.roster(g.meetingId);
    const action = m.action === 'mute_all' || m.action === 'end' ? { action: m.action } : m.action === 'allow_unmute' ? { action: m.action, target: m.target } : { action: m.action, target: m.target! };
    const d = decideHostAction(g.participantId, action, roster);
    if (!d.ok) return this.error(conn.ws, d.code, `refused: ${d.code}`);
    if (d.end) return this.end(g.meetingId, 'host');
    const room = await this.store.room(g.meetingId);
    const janus = room?.instance && this.o.janus ? this.o.janus.client(room.instance) : null;
    for (const [ids, mute] of [[d.mute, true], [d.unmute, false]] as const) {
      for (const id of ids) {
        const p = roster.find((r) => r.participantId === id)!;
        // Enforced on Janus first: the client cannot undo it.
        if (janus && room) await janus.moderate(room.room, room.secret, p.feedId, AUDIO_MID, mute);
        const entry = await this.store.update(id, mute ? { hostMuted: true, audioMuted: true } : { hostMuted: false });
        await this.publishState(g.meetingId, entry);
        await this.store.publish(g.meetingId, { to: [id], message: { type: 'notice', kind: mute ? 'muted_by_host' : 'unmuted_by_host', by: g.displayName, target: id } satisfies ServerMessage });
      }
    }
    for (const id of d.kick) {
      const p = roster.find((r) => r.participantId === id)!;
      if (janus && room) {
        await janus.kick(room.room, room.secret, p.feedId);
        await janus.kick(room.room, room.secret, p.screenFeedId);
      }
      await this.store.publish(g.meetingId, {
        to: [id],
        message: { type: 'notice', kind: 'kicked', by: g.displayName, target: id } satisfies ServerMessage,
        close: { participantIds: [id], reason: 'kicked' },
      });
    }
  }

  /** The participant's presence ends (once): row removed, others told, the control plane told, Janus feeds dropped. */
  private async leave(conn: Conn, reason: LeaveReason) {
    const g = conn.grant;
    if (!g || conn.leaving) return;
    conn.leaving = true;
    this.conns.delete(g.participantId);
    this.byMeeting.get(g.meetingId)?.delete(g.participantId);
    if (!this.byMeeting.get(g.meetingId)?.size) this.byMeeting.delete(g.meetingId);
    const gone = await this.store.leave(g.participantId);
    if (gone && reason !== 'ended') {
      await this.store.publish(g.meetingId, { message: { type: 'left', participantId: g.participantId, reason } satisfies ServerMessage });
      const room = await this.store.room(g.meetingId);
      if (room?.instance && this.o.janus && !room.endedAt) {
        const janus = this.o.janus.client(room.instance);
        await janus.kick(room.room, room.secret, gone.feedId).catch(() => {});
        await janus.kick(room.room, room.secret, gone.screenFeedId).catch(() => {});
      }
    }
    await this.o.directory.left(g.participantId, this.o.clock.now(), reason);
  }

  // ---- fan-out between processes ----

  private readEvents() {
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = (async () => {
      do {
        this.readAgain = false;
        for (;;) {
          const events = await this.store.eventsAfter(this.lastSeq);
          for (const e of events) {
            this.lastSeq = e.seq;
            await this.deliver(e.meetingId, e.body).catch((err) => this.o.log.warn({ err }, 'meeting live delivery failed'));
          }
          if (events.length < 500) break;
        }
      } while (this.readAgain);
    })()
      .catch((err) => this.o.log.warn({ err }, 'meeting live events unreadable'))
      .finally(() => (this.reading = null));
  }

  private async deliver(meetingId: string, body: EventBody) {
    const local = this.byMeeting.get(meetingId);
    if (!local) return;
    const text = JSON.stringify(body.message);
    for (const id of [...local]) {
      if (body.to && !body.to.includes(id)) continue;
      const conn = this.conns.get(id);
      if (conn && conn.ws.readyState === conn.ws.OPEN) conn.ws.send(text);
    }
    if (body.close) {
      const ids = body.close.participantIds === 'all' ? [...local] : body.close.participantIds.filter((id) => local.has(id));
      for (const id of ids) {
        const conn = this.conns.get(id);
        if (!conn) continue;
        await this.leave(conn, body.close.reason);
        conn.ws.close(4004, body.close.reason);
      }
    }
  }

  // ---- the tick: trial caps, ending-soon notices, liveness, empty meetings ----

  async tick(): Promise<void> {
    this.ticks++;
    const now = this.o.clock.now();
    for (const meetingId of await this.store.dueMeetings(now)) await this.end(meetingId, 'trial_cap');
    for (const meetingId of this.byMeeting.keys()) {
      const room = await this.store.room(meetingId);
      if (room?.endsAt && !this.warned.has(meetingId) && room.endsAt.getTime() - now.getTime() <= 5 * 60_000) {
        this.warned.add(meetingId);
        for (const id of this.byMeeting.get(meetingId) ?? [])
          this.send(this.conns.get(id)!.ws, { type: 'notice', kind: 'ending_soon', text: room.endsAt.toISOString() });
      }
    }
    if (this.ticks % 10 === 0) {
      await this.store.heartbeat(this.process);
      for (const gone of await this.store.pruneStale()) {
        await this.store.publish(gone.meetingId, { message: { type: 'left', participantId: gone.participantId, reason: 'disconnected' } satisfies ServerMessage });
        await this.o.directory.left(gone.participantId, now, 'disconnected');
      }
      for (const meetingId of await this.store.emptyMeetings(this.o.emptyGraceSeconds ?? 120)) await this.end(meetingId, 'empty');
    }
    if (this.ticks % 600 === 0) await this.store.pruneEvents(600);
  }
}
