import { describe, expect, it } from 'vitest';
import { issueTicket, readTicket } from './ticket.ts';

describe('media ticket', () => {
  const t = { meetingId: 'm1', participantId: 'p1', feedId: 42, exp: 10_000 };
  it('round-trips until it expires', () => {
    const s = issueTicket('secret', t);
    expect(readTicket('secret', s, 9_999)).toEqual(t);
    expect(readTicket('secret', s, 10_001)).toBeNull();
  });
  it('refuses another key, tampering and junk', () => {
    const s = issueTicket('secret', t);
    expect(readTicket('other', s, 0)).toBeNull();
    const forged = Buffer.from(JSON.stringify(['m1', 'p1', 44, 10_000])).toString('base64url') + '.' + s.split('.')[1];
    expect(readTicket('secret', forged, 0)).toBeNull();
    expect(readTicket('secret', undefined, 0)).toBeNull();
    expect(readTicket('secret', 'a.b.c', 0)).toBeNull();
    expect(readTicket('secret', 'x'.repeat(700), 0)).toBeNull();
  });
});
