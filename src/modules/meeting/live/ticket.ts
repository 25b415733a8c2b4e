/**
 * The media ticket: what the hub gives a joined participant so the Janus proxy (any process) knows,
 * without a lookup, which meeting, participant and publisher ids a browser's Janus requests belong to.
 * HMAC-SHA256 over the fields with the server's secret; expires.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface MediaTicket {
  meetingId: string;
  participantId: string;
  feedId: number;
  /** Expiry, epoch ms. */
  exp: number;
}

/** The tickets' signing secret, derived from the session secret (the same in every process of a deployment). */
export const mediaTicketSecret = (sessionSecret: string) => createHash('sha256').update(`meeting-media|${sessionSecret}`).digest('base64url');

const sign = (secret: string, payload: string) => createHmac('sha256', secret).update(`meeting-media|${payload}`).digest('base64url');

export function issueTicket(secret: string, t: MediaTicket): string {
  const payload = Buffer.from(JSON.stringify([t.meetingId, t.participantId, t.feedId, t.exp])).toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

/** The ticket's fields, or null when forged, malformed or expired. */
export function readTicket(secret: string, ticket: string | undefined, nowMs: number): MediaTicket | null {
  if (!ticket || ticket.length > 600) return null;
  const [payload, mac, extra] = ticket.split('.');
  if (!payload || !mac || extra !== undefined) return null;
  const want = Buffer.from(sign(secret, payload));
  const got = Buffer.from(mac);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
  try {
    const [meetingId, participantId, feedId, exp] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof meetingId !== 'string' || typeof participantId !== 'string' || !Number.isSafeInteger(feedId) || typeof exp !== 'number') return null;
    if (exp < nowMs) return null;
    return { meetingId, participantId, feedId, exp };
  } catch {
    return null;
  }
}
