import { describe, expect, it } from 'vitest';
import { decideIpn, type IpnFacts } from './ipn.ts';
import { signPaymentLink, verifyPaymentLink } from './links.ts';

const ok: IpnFacts = { signatureValid: true, attempt: { amountVnd: 21_000_000n, status: 'pending' }, callback: { amountVnd: 21_000_000n, paid: true, ourTerminal: true } };

describe('IPN decision (checked in VNPay order)', () => {
  it('records a payment: 00 success, and 00 failure for a failed one', () => {
    expect(decideIpn(ok)).toEqual({ rspCode: '00', apply: 'success' });
    expect(decideIpn({ ...ok, callback: { amountVnd: 21_000_000n, paid: false, ourTerminal: true } })).toEqual({ rspCode: '00', apply: 'failure' });
  });

  it('97 bad signature before anything else, then 01, 04, 02', () => {
    expect(decideIpn({ signatureValid: false, attempt: null, callback: null }).rspCode).toBe('97');
    expect(decideIpn({ ...ok, signatureValid: false, attempt: null }).rspCode).toBe('97');
    expect(decideIpn({ ...ok, callback: { amountVnd: 21_000_000n, paid: true, ourTerminal: false } })).toEqual({ rspCode: '97', apply: null });
    expect(decideIpn({ ...ok, attempt: null, callback: { amountVnd: 1n, paid: true, ourTerminal: true } }).rspCode).toBe('01');
    expect(decideIpn({ ...ok, callback: { amountVnd: 20_000_000n, paid: true, ourTerminal: true }, attempt: { amountVnd: 21_000_000n, status: 'success' } }).rspCode).toBe('04');
    expect(decideIpn({ ...ok, attempt: { amountVnd: 21_000_000n, status: 'success' } })).toEqual({ rspCode: '02', apply: null });
    expect(decideIpn({ ...ok, attempt: { amountVnd: 21_000_000n, status: 'failed' } }).rspCode).toBe('02');
  });
});

describe('payment links', () => {
  const secret = 's'.repeat(40);
  const id = 'pay_01kjp4c5805m2032h06fxr0ahw';
  const now = new Date('2026-03-02T02:00:00Z');
  it('round-trips until expiry', () => {
    const token = signPaymentLink(secret, id, new Date('2026-03-09T02:00:00Z'));
    expect(verifyPaymentLink(secret, token, now)).toMatchObject({ ok: true, paymentId: id });
    expect(verifyPaymentLink(secret, token, new Date('2026-03-09T02:00:00Z'))).toEqual({ ok: false, reason: 'expired' });
  });
  it('refuses forged, retargeted and malformed tokens', () => {
    const token = signPaymentLink(secret, id, new Date('2026-03-09T02:00:00Z'));
    expect(verifyPaymentLink('x'.repeat(40), token, now)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyPaymentLink(secret, token.replace(id, 'pay_01kjp4c5805m2032h06fxr0ahx'), now)).toEqual({ ok: false, reason: 'forged' });
    expect(verifyPaymentLink(secret, 'nonsense', now)).toEqual({ ok: false, reason: 'malformed' });
  });
});
