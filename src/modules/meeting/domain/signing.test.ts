import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readJoinToken, signJoinToken, webhookSignature } from './signing.ts';

const now = new Date('2026-03-02T02:00:00Z');
const pid = 'mtp_01kx0000000000000000000000';

describe('join tokens', () => {
  it('round-trips until it expires', () => {
    const token = signJoinToken('s3cret', pid, new Date(now.getTime() + 120_000));
    expect(readJoinToken('s3cret', token, now)).toMatchObject({ ok: true, participantId: pid });
    expect(readJoinToken('s3cret', token, new Date(now.getTime() + 120_000))).toEqual({ ok: false, why: 'expired' });
  });

  it('refuses a token signed with another secret or altered', () => {
    const token = signJoinToken('s3cret', pid, new Date(now.getTime() + 120_000));
    expect(readJoinToken('other', token, now)).toEqual({ ok: false, why: 'invalid' });
    const [p, , sig] = token.split('.');
    expect(readJoinToken('s3cret', `${p}.${now.getTime() + 999_999}.${sig}`, now)).toEqual({ ok: false, why: 'invalid' });
    expect(readJoinToken('s3cret', 'garbage', now)).toEqual({ ok: false, why: 'invalid' });
  });
});

describe('webhook signature', () => {
  it('is the HMAC-SHA256 of "<t>.<body>"', () => {
    const body = '{"event":"meeting.started"}';
    const expected = createHmac('sha256', 'whsec').update(`1700000000.${body}`).digest('hex');
    expect(webhookSignature('whsec', 1700000000, body)).toBe(`t=1700000000,v1=${expected}`);
  });
});
