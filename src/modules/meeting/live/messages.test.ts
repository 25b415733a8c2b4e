import { describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES, parseClientMessage, RateLimiter } from './messages.ts';

describe('live messages', () => {
  it('accepts the protocol’s messages', () => {
    expect(parseClientMessage('{"type":"hello","token":"abcdefgh1234"}')).toMatchObject({ ok: true });
    expect(parseClientMessage('{"type":"chat","text":"  Xin chào  "}')).toEqual({ ok: true, message: { type: 'chat', text: 'Xin chào' } });
    expect(parseClientMessage('{"type":"private","to":"p1","text":"hi"}')).toMatchObject({ ok: true });
    expect(parseClientMessage('{"type":"host","action":"mute_all"}')).toMatchObject({ ok: true });
    expect(parseClientMessage(Buffer.from('{"type":"host","action":"kick","target":"p2"}'))).toMatchObject({ ok: true });
  });
  it('refuses anything else with a code and a reason', () => {
    expect(parseClientMessage('nope')).toMatchObject({ ok: false, code: 'BAD_MESSAGE', reason: 'not JSON' });
    expect(parseClientMessage('{"type":"shout"}')).toMatchObject({ ok: false, code: 'BAD_MESSAGE' });
    expect(parseClientMessage('{"type":"chat","text":"   "}')).toMatchObject({ ok: false, code: 'BAD_MESSAGE' });
    expect(parseClientMessage(JSON.stringify({ type: 'chat', text: 'x'.repeat(2001) }))).toMatchObject({ ok: false, code: 'BAD_MESSAGE' });
    expect(parseClientMessage('{"type":"chat","text":"a","extra":1}')).toMatchObject({ ok: false, code: 'BAD_MESSAGE' });
    expect(parseClientMessage('{"type":"host","action":"kick"}')).toMatchObject({ ok: false, code: 'BAD_MESSAGE', reason: expect.stringContaining('target') });
    expect(parseClientMessage('{"type":"host","action":"explode","target":"x"}')).toMatchObject({ ok: false, code: 'BAD_MESSAGE' });
    expect(parseClientMessage('x'.repeat(MAX_FRAME_BYTES + 1))).toMatchObject({ ok: false, code: 'TOO_LARGE' });
    expect(parseClientMessage('[]')).toMatchObject({ ok: false, code: 'BAD_MESSAGE' });
    expect(parseClientMessage('null')).toMatchObject({ ok: false, code: 'BAD_MESSAGE' });
  });
  it('limits the rate with a token bucket', () => {
    const r = new RateLimiter(3, 1, 0);
    expect([r.take(0), r.take(0), r.take(0), r.take(0)]).toEqual([true, true, true, false]);
    expect(r.take(500)).toBe(false);
    expect(r.take(1000)).toBe(true);
    expect(r.take(10_000)).toBe(true);
  });
});
