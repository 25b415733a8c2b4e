import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { vnDayEnd, vnDayStart, vnInstant } from './dates.ts';
import { formatDateTime, vnParts, vnTime } from './format.ts';

describe('picked dates read as Vietnam time (UTC+7) whatever the browser zone', () => {
  const picked = dayjs('2026-03-05 14:30');

  it('turns a picked time into the instant of that wall-clock time in Hà Nội', () => {
    expect(vnInstant(picked)).toBe('2026-03-05T07:30:00.000Z');
    expect(formatDateTime(vnInstant(picked))).toBe('05/03/2026 14:30');
  });

  it('gives the first and the last instant of a picked day in Vietnam', () => {
    expect(vnDayStart(picked)).toBe('2026-03-04T17:00:00.000Z');
    expect(vnDayEnd(picked)).toBe('2026-03-05T16:59:59.999Z');
    expect(vnDayEnd(dayjs('2026-12-31'))).toBe('2026-12-31T16:59:59.999Z');
  });

  it('vnTime is the inverse of vnParts', () => {
    const t = vnTime(2026, 1, 1, 0, 5);
    expect(t.toISOString()).toBe('2025-12-31T17:05:00.000Z');
    expect(vnParts(t)).toEqual({ year: 2026, month: 1, day: 1, hour: 0, minute: 5 });
  });
});
