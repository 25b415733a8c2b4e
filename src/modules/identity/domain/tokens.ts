import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh secret for a session or a reset link (256 bits, URL-safe). */
export const newToken = () => randomBytes(32).toString('base64url');

/** What is stored of a token: its sha256, never the token itself. */
export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A session's CSRF token: derived from its id, so nothing more is stored. */
export function csrfTokenFor(secret: string, sessionId: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionId}`).digest('base64url');
}

export function csrfTokenValid(secret: string, sessionId: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(csrfTokenFor(secret, sessionId));
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
