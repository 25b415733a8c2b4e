/**
 * The live WebSocket's protocol as the hub handles it. The message shapes live in the module's contract
 * (`../contract.ts`, the web's `@contracts/meeting`): the hub and the room page share them. Here: reading a
 * browser's frame (bounded in size, validated) and the per-connection rate limit.
 */
import { clientMessage, MAX_FRAME_BYTES, type ClientMessage, type ProtocolErrorCode } from '../contract.ts';

export {
  MAX_CHAT_CHARS,
  MAX_FRAME_BYTES,
  type ClientMessage,
  type MediaAccess,
  type NoticeKind,
  type ProtocolErrorCode,
  type RosterEntry,
  type ServerMessage,
} from '../contract.ts';

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
