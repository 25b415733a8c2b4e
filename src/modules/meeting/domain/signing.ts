import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a join token may wait before the WebSocket redeems it. */
export const JOIN_TOKEN_TTL_MS = 2 * 60_000;

const mac = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('base64url');

/** `<participantId>.<expiry ms>.<HMAC-SHA256>`: names one participant row; single use is the row's state. */
export function signJoinToken(secret: string, participantId: string, expiresAt: Date): string {
  const body = `${participantId}.${expiresAt.getTime()}`;
  return `${body}.${mac(secret, body)}`;
}

export type TokenReading = { ok: true; participantId: string; expiresAt: Date } | { ok: false; why: 'invalid' | 'expired' };

export function readJoinToken(secret: string, token: string, now: Date): TokenReading {
  const parts = token.split('.');
  if (parts.length !== 3 || !/^[a-z]+_[0-9a-z]{26}$/.test(parts[0]) || !/^\d{1,15}$/.test(parts[1])) return { ok: false, why: 'invalid' };
  const expected = Buffer.from(mac(secret, `${parts[0]}.${parts[1]}`));
  const given = Buffer.from(parts[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, why: 'invalid' };
  const expiresAt = new Date(Number(parts[1]));
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, why: 'expired' };
  return { ok: true, participantId: parts[0], expiresAt };
}

/** The webhook's signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` (the receiver recomputes it). */
export function webhookSignature(secret: string, timestampSeconds: number, body: string): string {
  const v1 = createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
  return `t=${timestampSeconds},v1=${v1}`;
}
