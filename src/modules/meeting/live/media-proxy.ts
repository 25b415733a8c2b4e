/**
 * The browser's way to Janus when JANUS_PUBLIC_URLS is not set: Janus's REST API proxied under
 * /api/v1/meeting/media/janus (same origin, so the app's CSP holds and Janus's API port stays private).
 * Every request carries the media ticket (header x-meeting-ticket). The proxy forwards to the meeting's
 * instance only, lets through only the VideoRoom requests a participant needs, and rewrites joins: the
 * meeting's room and PIN (never shown to browsers), the participant's own publisher ids and name, and
 * only while the participant is still seated (a kicked one cannot come back). Media itself (UDP) goes
 * from the browser to Janus directly. Tickets expire on the injected clock, as the hub issues them.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Server } from '../../../http/server.ts';
import type { Clock } from '../../../platform/clock.ts';
import type { Logger } from '../../../platform/log.ts';
import type { JanusPool } from '../media/pool.ts';
import { AUDIO_MID } from '../contract.ts';
import { MEDIA_PROXY_PATH } from './hub.ts';
import { LiveStore, type RoomRecord } from './store.ts';
import { readTicket, type MediaTicket } from './ticket.ts';

const SESSION_REQUESTS = new Set(['attach', 'keepalive', 'destroy']);
const HANDLE_REQUESTS = new Set(['message', 'trickle', 'detach', 'hangup']);
const VIDEOROOM_REQUESTS = new Set(['join', 'joinandconfigure', 'publish', 'configure', 'unpublish', 'start', 'pause', 'leave', 'switch', 'update', 'subscribe', 'unsubscribe']);
const MAX_BODY = 64 * 1024;
const ROOM_CACHE_MS = 5_000;
const ROOM_CACHE_MAX = 10_000;

export interface MediaProxyOptions {
  janus: JanusPool | null;
  store: LiveStore;
  secret: string;
  clock: Clock;
  log: Logger;
}

type Refusal = { status: number; reason: string };

export function mediaProxyRoutes(server: Server, o: MediaProxyOptions) {
  // Rooms are read again after a few seconds, so a meeting ended by another process closes here too;
  // the expiry is infrastructure time (monotonic), not the business clock a test may stop.
  const rooms = new Map<string, { room: RoomRecord; until: number }>();
  const roomOf = async (meetingId: string) => {
    const now = performance.now();
    const cached = rooms.get(meetingId);
    if (cached && cached.until > now) return cached.room;
    const room = await o.store.room(meetingId);
    if (rooms.size >= ROOM_CACHE_MAX) for (const [id, c] of rooms) if (c.until <= now) rooms.delete(id);
    if (room?.instance && rooms.size < ROOM_CACHE_MAX) rooms.set(meetingId, { room, until: now + ROOM_CACHE_MS });
    else rooms.delete(meetingId);
    return room;
  };

  // Janus's long poll takes a request id against caches; a counter will do.
  let rid = 0;
  const refuse = (reply: FastifyReply, r: Refusal) => reply.status(r.status).send({ janus: 'error', error: { code: r.status, reason: r.reason } });

  /** The ticket and the meeting's room, or why not. */
  const context = async (req: FastifyRequest): Promise<{ ticket: MediaTicket; room: RoomRecord } | Refusal> => {
    const header = req.headers['x-meeting-ticket'];
    const ticket = readTicket(o.secret, typeof header === 'string' ? header : undefined, o.clock.now().getTime());
    if (!ticket) return { status: 403, reason: 'media ticket missing, forged or expired' };
    const room = await roomOf(ticket.meetingId);
    if (!room || !room.instance || room.endedAt) return { status: 410, reason: 'the meeting has no media room' };
    return { ticket, room };
  };

  const forward = async (reply: FastifyReply, room: RoomRecord, path: string, init: RequestInit & { timeoutMs?: number }, signal?: AbortSignal) => {
    try {
      const res = await fetch(`${room.instance}${path}`, {
        ...init,
        headers: init.body ? { 'content-type': 'application/json' } : undefined,
        signal: AbortSignal.any([AbortSignal.timeout(init.timeoutMs ?? 10_000), ...(signal ? [signal] : [])]),
      });
      const text = await res.text();
      return reply.status(res.status).header('content-type', 'application/json').header('cache-control', 'no-store').send(text);
    } catch (err) {
      if (signal?.aborted) return reply;
      o.log.warn({ err: (err as Error).message }, 'Janus proxy: instance unreachable');
      return refuse(reply, { status: 502, reason: 'the media server does not answer' });
    }
  };

  const body = (req: FastifyRequest): Record<string, unknown> | null => {
    const b = req.body;
    if (!b || typeof b !== 'object' || Array.isArray(b)) return null;
    if (JSON.stringify(b).length > MAX_BODY) return null;
    return b as Record<string, unknown>;
  };
  const numeric = (v: string) => (/^\d{1,20}$/.test(v) ? v : null);
  // The media ticket (a header no other site can make a browser send) is the proof here, not the session:
  // a signed-in member's cookie travels along, and without csrf: false every POST would be refused for
  // want of the session's CSRF token (the page talks to Janus, not to our API).
  const hide = { schema: { hide: true }, config: { csrf: false } };

  server.post(MEDIA_PROXY_PATH, hide, async (req, reply) => {
    const c = await context(req);
    if ('status' in c) return refuse(reply, c);
    const b = body(req);
    if (b?.janus !== 'create') return refuse(reply, { status: 400, reason: 'only create here' });
    return forward(reply, c.room, '', { method: 'POST', body: JSON.stringify({ janus: 'create', transaction: String(b.transaction ?? '') }) });
  });

  server.get(`${MEDIA_PROXY_PATH}/:session`, hide, async (req, reply) => {
    const c = await context(req);
    if ('status' in c) return refuse(reply, c);
    const session = numeric((req.params as { session: string }).session);
    if (!session) return refuse(reply, { status: 400, reason: 'bad session' });
    const maxev = Math.min(10, Math.max(1, Number((req.query as { maxev?: string }).maxev) || 1));
    const aborted = new AbortController();
    req.raw.on('close', () => aborted.abort());
    return forward(reply, c.room, `/${session}?maxev=${maxev}&rid=${++rid}`, { method: 'GET', timeoutMs: 40_000 }, aborted.signal);
  });

  server.post(`${MEDIA_PROXY_PATH}/:session`, hide, async (req, reply) => {
    const c = await context(req);
    if ('status' in c) return refuse(reply, c);
    const session = numeric((req.params as { session: string }).session);
    const b = body(req);
    if (!session || !b || !SESSION_REQUESTS.has(String(b.janus))) return refuse(reply, { status: 400, reason: 'request not allowed' });
    if (b.janus === 'attach' && b.plugin !== 'janus.plugin.videoroom') return refuse(reply, { status: 403, reason: 'only the VideoRoom plugin' });
    return forward(reply, c.room, `/${session}`, { method: 'POST', body: JSON.stringify(b) });
  });

  server.post(`${MEDIA_PROXY_PATH}/:session/:handle`, hide, async (req, reply) => {
    const c = await context(req);
    if ('status' in c) return refuse(reply, c);
    const { session: s, handle: h } = req.params as { session: string; handle: string };
    const session = numeric(s);
    const handle = numeric(h);
    const b = body(req);
    if (!session || !handle || !b || !HANDLE_REQUESTS.has(String(b.janus))) return refuse(reply, { status: 400, reason: 'request not allowed' });
    let enforceMute = false;
    if (b.janus === 'message') {
      const m = b.body as Record<string, unknown> | undefined;
      if (!m || typeof m !== 'object' || !VIDEOROOM_REQUESTS.has(String(m.request))) return refuse(reply, { status: 403, reason: 'VideoRoom request not allowed' });
      const request = String(m.request);
      if (request === 'join' || request === 'joinandconfigure') {
        const me = await o.store.entry(c.ticket.participantId);
        if (!me || me.meetingId !== c.ticket.meetingId) return refuse(reply, { status: 403, reason: 'not in the meeting' });
        m.room = c.room.room;
        m.pin = c.room.pin;
        if (m.ptype === 'publisher') {
          // Only one's own ids: the camera feed, or the screen-share feed (the next one).
          m.id = m.id === c.ticket.feedId + 1 ? c.ticket.feedId + 1 : c.ticket.feedId;
          m.display = (m.id === c.ticket.feedId ? me.displayName : `${me.displayName} (screen)`).slice(0, 120);
          enforceMute = m.id === c.ticket.feedId && me.hostMuted;
        } else if (m.ptype !== 'subscriber') return refuse(reply, { status: 400, reason: 'ptype must be publisher or subscriber' });
      } else if (request === 'publish' || request === 'configure') {
        const me = await o.store.entry(c.ticket.participantId);
        enforceMute = !!me?.hostMuted;
      }
      if ('room' in m) m.room = c.room.room;
    }
    const sent = await forward(reply, c.room, `/${session}/${handle}`, { method: 'POST', body: JSON.stringify(b) });
    if (enforceMute) reapplyMute(o, c.room, c.ticket.feedId);
    return sent;
  });
}

/** A host-muted participant (re)publishing: the mute is applied again once Janus has the new streams. */
function reapplyMute(o: MediaProxyOptions, room: RoomRecord, feedId: number) {
  for (const delay of [300, 1000, 2500, 5000])
    setTimeout(() => {
      o.janus?.client(room.instance).moderate(room.room, room.secret, feedId, AUDIO_MID, true).catch(() => {});
    }, delay).unref();
}
