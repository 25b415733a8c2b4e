import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The e-mailed payment link (D1): `<paymentId>.<expiry seconds>.<signature>`. Signed so it cannot be
 * forged or pointed at another payment, expiring, and reusable until the payment is made.
 */
export function signPaymentLink(secret: string, paymentId: string, expiresAt: Date): string {
  const exp = Math.floor(expiresAt.getTime() / 1000).toString(36);
  return `${paymentId}.${exp}.${mac(secret, `${paymentId}.${exp}`)}`;
}

export type LinkCheck = { ok: true; paymentId: string; expiresAt: Date } | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

export function verifyPaymentLink(secret: string, token: string, now: Date): LinkCheck {
  const m = /^(pay_[0-9a-z]{26})\.([0-9a-z]{1,10})\.([\w-]{43})$/.exec(token);
  if (!m) return { ok: false, reason: 'malformed' };
  const [, paymentId, exp, sig] = m;
  const expected = Buffer.from(mac(secret, `${paymentId}.${exp}`));
  if (expected.length !== sig.length || !timingSafeEqual(expected, Buffer.from(sig))) return { ok: false, reason: 'forged' };
  const expiresAt = new Date(parseInt(exp, 36) * 1000);
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, paymentId, expiresAt };
}

const mac = (secret: string, data: string) => createHmac('sha256', secret).update(`paylink:${data}`).digest('base64url');

/** When a link made now expires (the configured number of days). */
export const linkExpiry = (now: Date, linkDays: number): Date => new Date(now.getTime() + linkDays * 86_400_000);

/** The link page's address for a payment. */
export const paymentLinkUrl = (publicBaseUrl: string, secret: string, paymentId: string, expiresAt: Date): string =>
  `${publicBaseUrl}/pay/${signPaymentLink(secret, paymentId, expiresAt)}`;
