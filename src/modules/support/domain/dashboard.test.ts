import { describe, expect, it } from 'vitest';
import { periodStats } from './dashboard.ts';

const at = (local: string) => new Date(`${local}+07:00`);

describe('dashboard figures of a period', () => {
  const rows = [
    { requestType: 'question', createdAt: at('2026-03-09T09:00:00'), resolvedAt: at('2026-03-09T10:00:00'), breached: false },
    { requestType: 'question', createdAt: at('2026-03-09T23:30:00'), resolvedAt: at('2026-03-10T02:30:00'), breached: false },
    { requestType: 'incident', createdAt: at('2026-03-10T08:00:00'), resolvedAt: null, breached: true },
  ];

  it('counts compliance, breaches and the average handling time of finished tickets per type', () => {
    const s = periodStats(rows, '2026-03-09', '2026-03-10');
    expect(s.compliance).toEqual({ total: 3, met: 2, breached: 1, percent: 66.7 });
    expect(s.breaches).toBe(1);
    expect(s.avgHandlingMinutesByType).toEqual([{ requestType: 'question', minutes: 120, count: 2 }]);
  });

  it('counts each day in Hà Nội time, with empty days listed', () => {
    expect(periodStats(rows, '2026-03-08', '2026-03-10').perDay).toEqual([
      { date: '2026-03-08', created: 0, resolved: 0 },
      { date: '2026-03-09', created: 2, resolved: 1 },
      { date: '2026-03-10', created: 1, resolved: 1 },
    ]);
  });

  it('an empty period is fully compliant', () => {
    expect(periodStats([], '2026-03-09', '2026-03-09').compliance).toEqual({ total: 0, met: 0, breached: 0, percent: 100 });
  });
});
