import { describe, expect, it } from 'vitest';
import { screenEvents, type IncomingEvent } from './events.ts';

const now = new Date('2026-03-10T03:00:00Z');
const active = { status: 'active', startDate: '2026-02-15', terminationDate: null };
const ev = (over: Partial<IncomingEvent> = {}): IncomingEvent => ({
  transactionId: 't1',
  metric: 'ekyc.request',
  timestamp: '2026-03-01T08:00:00+07:00',
  ...over,
});

describe('screening a batch of usage events', () => {
  it('accepts a good event in its local month, quantity 1 by default', () => {
    const { accepted, rejected } = screenEvents([ev({ timestamp: '2026-02-28T17:30:00Z' })], active, now);
    expect(rejected).toEqual([]);
    expect(accepted[0]).toMatchObject({ index: 0, period: '2026-03', quantity: 1, properties: null });
  });

  it('refuses each bad event with its code and keeps the others', () => {
    const batch = [
      ev({ metric: 'sms.sent' }),
      ev({ timestamp: 'yesterday' }),
      ev({ timestamp: '2026-03-01T08:00:00' }), // no zone
      ev({ timestamp: '2026-03-10T03:06:00Z' }), // beyond the 5-minute tolerance
      ev({ timestamp: '2026-02-14T16:59:59Z' }), // 2026-02-14 23:59 local, the day before the start
      ev({ timestamp: '2026-02-14T17:00:00Z' }), // the start day itself
    ];
    const { accepted, rejected } = screenEvents(batch, active, now);
    expect(rejected).toEqual([
      { index: 0, code: 'UNKNOWN_METRIC' },
      { index: 1, code: 'INVALID_TIMESTAMP' },
      { index: 2, code: 'INVALID_TIMESTAMP' },
      { index: 3, code: 'INVALID_TIMESTAMP' },
      { index: 4, code: 'BEFORE_CONTRACT_START' },
    ]);
    expect(accepted.map((a) => a.index)).toEqual([5]);
  });

  it('refuses everything of a suspended, terminated or not yet started contract', () => {
    const codes = (status: string, startDate: string | null) =>
      screenEvents([ev(), ev({ metric: 'x' })], { status, startDate, terminationDate: null }, now).rejected.map((r) => r.code);
    expect(codes('suspended', '2026-01-01')).toEqual(['CONTRACT_SUSPENDED', 'CONTRACT_SUSPENDED']);
    expect(codes('terminated', '2026-01-01')).toEqual(['CONTRACT_TERMINATED', 'CONTRACT_TERMINATED']);
    expect(codes('provisioning', null)).toEqual(['BEFORE_CONTRACT_START', 'BEFORE_CONTRACT_START']);
  });

  it('takes usage of a terminated contract up to its last day of service, not after', () => {
    const ended = { status: 'terminated', startDate: '2026-01-01', terminationDate: '2026-03-05' };
    const batch = [ev({ timestamp: '2026-03-05T16:59:00Z' }), ev({ timestamp: '2026-03-05T17:00:00Z' })];
    expect(screenEvents(batch, ended, now).rejected).toEqual([{ index: 1, code: 'CONTRACT_TERMINATED' }]);
  });
});
