import { describe, expect, it } from 'vitest';
import { meetingEndsAt, minutesBetween } from './trial.ts';

const policy = { limitFrom: '2026-03-01', meetingMinutesLimit: 40 };

describe('trial cap (A4)', () => {
  it('is unlimited before the configured date (local time)', () => {
    // 2026-02-28 23:30 in Hà Nội is still before 1 March there
    expect(meetingEndsAt({ trial: true, policy, startedAt: new Date('2026-02-28T16:30:00Z') })).toBeNull();
  });

  it('caps a trial meeting at the limit from that date', () => {
    const startedAt = new Date('2026-02-28T17:00:00Z'); // 00:00 on 1 March in Hà Nội
    expect(meetingEndsAt({ trial: true, policy, startedAt })).toEqual(new Date('2026-02-28T17:40:00Z'));
  });

  it('never caps a paying organisation, nor a trial without a policy', () => {
    expect(meetingEndsAt({ trial: false, policy, startedAt: new Date('2026-06-01T00:00:00Z') })).toBeNull();
    expect(meetingEndsAt({ trial: true, policy: null, startedAt: new Date('2026-06-01T00:00:00Z') })).toBeNull();
  });

  it('counts started minutes', () => {
    const t = new Date('2026-03-02T02:00:00Z');
    expect(minutesBetween(t, new Date(t.getTime() + 1000))).toBe(1);
    expect(minutesBetween(t, new Date(t.getTime() + 40 * 60_000))).toBe(40);
    expect(minutesBetween(t, t)).toBe(0);
  });
});
