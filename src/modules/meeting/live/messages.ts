/**
 * The live WebSocket's protocol: what a browser may send (validated here, bounded in size) and what the
 * hub sends back. The web page keeps a copy of the shapes in web/src/features/meeting-room/protocol.ts.
 */
import { z } from 'zod';
import type { EndReason, LeaveReason, LiveParticipant, ParticipantRole } from '../live-ports.ts';

/** The largest frame a browser may send (bytes); the WebSocket refuses bigger ones outright. */
export const MAX_FRAME_BYTES = 8 * 1024;
export const MAX_CHAT_CHARS = 2000;

const id = z.string().min(1).max(64);
const text = z.string().trim().min(1).max(MAX_CHAT_CHARS);

export const clientMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), token: z.string().min(8).max(2048) }).strict(),
  z.object({ type: z.literal('chat'), text }).strict(),
  z.object({ type: z.literal('private'), to: id, text }).strict(),
  z.object({ type: z.literal('hand'), raised: z.boolean() }).strict(),
  z.object({ type: z.literal('media'), audioMuted: z.boolean().optional(), videoMuted: z.boolean().optional(), screen: z.boolean().optional() }).strict(),
  z.object({ type: z.literal('notice'), text: z.string().trim().min(1).max(500) }).strict(),
  z
    .object({
      type: z.literal('host'),
      action: z.enum(['mute_all', 'mute_all_except', 'mute', 'allow_unmute', 'kick', 'end']),
      target: id.optional(),
    })
    .strict()
    .refine((m) => !['mute_all_except', 'mute', 'kick'].includes(m.action) || !!m.target, { message: 'target is required', path: ['target'] }),
  z.object({ type: z.literal('leave') }).strict(),
  z.object({ type: z.literal('ping') }).strict(),
]);
export type ClientMessage = z.infer<typeof clientMessage>;

export type ProtocolErrorCode =
  | 'BAD_MESSAGE'
  | 'TOO_LARGE'
  | 'RATE_LIMITED'
  | 'HELLO_FIRST'
  | 'ALREADY_JOINED'
  | 'JOIN_REFUSED'
  | 'ROOM_FULL'
  | 'NOT_HOST'
  | 'NO_SUCH_PARTICIPANT'
  | 'HOST_PROTECTED'
  | 'CANNOT_TARGET_SELF'
  | 'MUTED_BY_HOST'
  | 'MEETING_ENDED'
  | 'INTERNAL';

/** Parses one text frame: the message, or the error code and a short reason. */
export function parseClientMessage(raw: string | Buffer): { ok: true; message: ClientMessage } | { ok: false; code: ProtocolErrorCode; reason: string } {
  const size = typeof raw === 'string' ? Buffer.byteLength(raw) : raw.length;
  if (size > MAX_FRAME_BYTES) return { ok: false, code: 'TOO_LARGE', reason: `frames are at most ${MAX_FRAME_BYTES} bytes` };
  let json: unknown;
  try {
    json = JSON.parse(raw.toString());
  } catch {
    return { ok: false, code: 'BAD_MESSAGE', reason: 'not JSON' };
  }
  const parsed = clientMessage.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, code: 'BAD_MESSAGE', reason: `${issue.path.join('.') || 'message'}: ${issue.message}`.slice(0, 200) };
  }
  return { ok: true, message: parsed.data };
}

/** A token bucket: `burst` messages at once, refilled at `perSecond`. */
export class RateLimiter {
  private tokens: number;
  private last: number;
  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    now: number,
  ) {
    this.tokens = burst;
    this.last = now;
  }
  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export interface RosterEntry extends LiveParticipant {
  /** The participant's Janus publisher ids: camera+mic, and screen share. */
  feedId: number;
  screenFeedId: number;
  hostMuted: boolean;
  screenSharing: boolean;
}

export interface MediaAccess {
  available: boolean;
  /** Janus API base the page uses (our proxy, or JANUS_PUBLIC_URLS). */
  url?: string;
  /** Proof for the proxy (header x-meeting-ticket). */
  ticket?: string;
  room?: number;
  /** Only when the browser talks to Janus directly (no proxy to add it). */
  pin?: string;
  hint?: string;
}

export type NoticeKind = 'muted_by_host' | 'unmuted_by_host' | 'kicked' | 'host' | 'ending_soon' | 'trial_cap';

export type ServerMessage =
  | {
      type: 'welcome';
      you: { participantId: string; displayName: string; role: ParticipantRole; feedId: number; screenFeedId: number };
      meeting: { id: string; roomName: string; endsAt: string | null; maxParticipants: number };
      media: MediaAccess;
      roster: RosterEntry[];
    }
  | { type: 'joined'; participant: RosterEntry }
  | { type: 'left'; participantId: string; reason: LeaveReason }
  | { type: 'state'; participant: RosterEntry }
  | { type: 'chat'; from: { participantId: string; displayName: string }; text: string; at: string }
  | { type: 'private'; from: { participantId: string; displayName: string }; to: string; text: string; at: string }
  | { type: 'notice'; kind: NoticeKind; text?: string; by?: string; target?: string }
  | { type: 'ended'; reason: EndReason }
  | { type: 'error'; code: ProtocolErrorCode; reason: string; /** The control plane's refusal, when it gave one. */ refusal?: { code: string; vi: string; en: string } }
  | { type: 'pong' };
