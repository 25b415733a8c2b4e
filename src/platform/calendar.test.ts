import { describe, expect, it } from 'vitest';
import {
  addDays,
  createWorkCalendar,
  DEFAULT_WORKING_HOURS,
  isoWeekday,
  localDateTime,
  toLocalDate,
  type LocalDate,
  type WorkingHours,
} from './calendar.ts';

const at = (iso: string) => new Date(iso);
/** Shows an instant as Vietnamese wall time, so failures read like the expectations. */
const vn = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().replace('.000Z', '+07:00');

const cal = createWorkCalendar({}); // Mon–Fri 08:00–12:00 + 13:30–17:30, Vietnamese holidays

describe('date helpers (fixed UTC+7)', () => {
  it('converts between instants and local dates/times', () => {
    expect(toLocalDate(at('2026-02-16T17:30:00Z'))).toBe('2026-02-17'); // 00:30 in Hanoi
    expect(toLocalDate(at('2026-02-16T16:59:00Z'))).toBe('2026-02-16');
    expect(localDateTime('2026-02-13', '16:00')).toEqual(at('2026-02-13T16:00:00+07:00'));
    expect(localDateTime('2026-02-13', '24:00')).toEqual(at('2026-02-14T00:00:00+07:00'));
  });

  it('computes ISO weekdays and adds days across month/leap boundaries', () => {
    expect(isoWeekday('2026-04-26')).toBe(7);
    expect(isoWeekday('2026-04-27')).toBe(1);
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('rejects malformed dates and times', () => {
    expect(() => isoWeekday('2026-02-30')).toThrow(RangeError);
    expect(() => addDays('2026-2-3', 1)).toThrow(RangeError);
    for (const t of ['8:00', '25:00', '12:60', '24:01', 'noon']) {
      expect(() => localDateTime('2026-03-10', t)).toThrow(RangeError);
    }
    expect(() => toLocalDate(new Date('nope'))).toThrow(RangeError);
  });
});

describe('dayInfo', () => {
  it('classifies workdays, weekends and holidays', () => {
    expect(cal.dayInfo('2026-03-10')).toEqual({ date: '2026-03-10', working: true, reason: 'workday' });
    expect(cal.dayInfo('2026-03-14')).toEqual({ date: '2026-03-14', working: false, reason: 'weekend' });
    expect(cal.dayInfo('2026-02-17')).toEqual({ date: '2026-02-17', working: false, reason: 'holiday', name: 'Tết Nguyên Đán' });
    expect(cal.dayInfo('2026-04-27')).toMatchObject({ working: false, reason: 'holiday', name: 'Nghỉ bù Giỗ Tổ Hùng Vương' });
    expect(cal.isWorkingDay('2026-09-01')).toBe(false);
    expect(cal.isWorkingDay('2026-09-03')).toBe(true);
  });

  it('lets overrides beat holidays and the weekday template', () => {
    const c = createWorkCalendar({
      overrides: [
        { date: '2026-03-10', kind: 'off', name: 'Nghỉ hoán đổi' },
        { date: '2026-03-14', kind: 'work', name: 'Làm bù' },
        { date: '2026-04-27', kind: 'work', name: 'Trực lễ' },
      ],
    });
    expect(c.dayInfo('2026-03-10')).toEqual({ date: '2026-03-10', working: false, reason: 'override-off', name: 'Nghỉ hoán đổi' });
    expect(c.dayInfo('2026-03-14')).toEqual({ date: '2026-03-14', working: true, reason: 'override-work', name: 'Làm bù' });
    expect(c.dayInfo('2026-04-27')).toMatchObject({ working: true, reason: 'override-work' });
  });

  it('accepts a custom holiday source', () => {
    const c = createWorkCalendar({ holidays: (y) => [{ date: `${y}-03-10`, name: 'Ngày truyền thống' }] });
    expect(c.dayInfo('2026-03-10')).toMatchObject({ working: false, reason: 'holiday', name: 'Ngày truyền thống' });
    expect(c.isWorkingDay('2026-02-17')).toBe(true); // not in this source
  });
});

describe('addWorkingMinutes / Hours / Days', () => {
  it('skips the weekend', () => {
    expect(vn(cal.addWorkingMinutes(at('2026-03-13T17:00:00+07:00'), 60))).toBe('2026-03-16T08:30:00+07:00');
  });

  it('skips the lunch break', () => {
    expect(vn(cal.addWorkingHours(at('2026-03-10T11:30:00+07:00'), 1))).toBe('2026-03-10T14:00:00+07:00');
    expect(vn(cal.addWorkingMinutes(at('2026-03-10T12:15:00+07:00'), 15))).toBe('2026-03-10T13:45:00+07:00');
  });

  it('ends at the end of a window rather than at the next start', () => {
    expect(vn(cal.addWorkingHours(at('2026-03-10T08:00:00+07:00'), 4))).toBe('2026-03-10T12:00:00+07:00');
  });

  it('counts from the next window when starting after or before hours', () => {
    expect(vn(cal.addWorkingMinutes(at('2026-03-10T19:00:00+07:00'), 30))).toBe('2026-03-11T08:30:00+07:00');
    expect(vn(cal.addWorkingMinutes(at('2026-03-10T06:00:00+07:00'), 30))).toBe('2026-03-10T08:30:00+07:00');
    expect(vn(cal.addWorkingMinutes(at('2026-03-14T10:00:00+07:00'), 30))).toBe('2026-03-16T08:30:00+07:00'); // Saturday
  });

  it('returns `from` unchanged for 0 minutes, even outside hours', () => {
    expect(vn(cal.addWorkingMinutes(at('2026-03-10T12:15:00+07:00'), 0))).toBe('2026-03-10T12:15:00+07:00');
  });

  it('accepts fractional hours that make whole minutes', () => {
    expect(vn(cal.addWorkingHours(at('2026-03-10T08:00:00+07:00'), 0.25))).toBe('2026-03-10T08:15:00+07:00');
    expect(vn(cal.addWorkingHours(at('2026-03-10T08:00:00+07:00'), 1.1))).toBe('2026-03-10T09:06:00+07:00');
  });

  it('crosses Tết 2026 (16–20/2 plus two weekends)', () => {
    expect(vn(cal.addWorkingHours(at('2026-02-13T16:00:00+07:00'), 4))).toBe('2026-02-23T10:30:00+07:00');
  });

  it('crosses 30/4–1/5 2026 (Thu–Fri)', () => {
    expect(vn(cal.addWorkingHours(at('2026-04-29T17:00:00+07:00'), 1))).toBe('2026-05-04T08:30:00+07:00');
  });

  it('crosses Giỗ Tổ 2026 (Sunday 26/4) and its substitute Monday 27/4', () => {
    expect(vn(cal.addWorkingHours(at('2026-04-24T17:00:00+07:00'), 1))).toBe('2026-04-28T08:30:00+07:00');
    // Fri 17:00 + 4 days: working days Tue 28, Wed 29, (30/4, 1/5 off) Mon 4, Tue 5.
    expect(vn(cal.addWorkingDays(at('2026-04-24T17:00:00+07:00'), 4))).toBe('2026-05-05T17:00:00+07:00');
  });

  it('crosses 2/9/2026 (Wed) and its paired Tue 1/9', () => {
    expect(vn(cal.addWorkingHours(at('2026-08-31T17:00:00+07:00'), 1))).toBe('2026-09-03T08:30:00+07:00');
  });

  it('adds working days as standard-day lengths', () => {
    expect(vn(cal.addWorkingDays(at('2026-03-13T10:00:00+07:00'), 1))).toBe('2026-03-16T10:00:00+07:00');
    expect(vn(cal.addWorkingDays(at('2026-03-10T12:30:00+07:00'), 1))).toBe('2026-03-11T12:00:00+07:00'); // from lunch: 13:30–17:30 + 08:00–12:00
    expect(vn(cal.addWorkingDays(at('2026-03-10T08:00:00+07:00'), 0.5))).toBe('2026-03-10T12:00:00+07:00');
  });

  it('honours an off override on a weekday and a make-up Saturday (2024 swap: 29/4 off, Sat 4/5 worked)', () => {
    const swap = createWorkCalendar({
      overrides: [
        { date: '2024-04-29', kind: 'off', name: 'Nghỉ hoán đổi' },
        { date: '2024-05-04', kind: 'work', name: 'Làm bù ngày 29/4' },
      ],
    });
    // Mon 29/4 swapped off, Tue 30/4 and Wed 1/5 holidays.
    expect(vn(swap.addWorkingHours(at('2024-04-26T17:00:00+07:00'), 1))).toBe('2024-05-02T08:30:00+07:00');
    expect(vn(swap.addWorkingHours(at('2024-05-03T17:00:00+07:00'), 1))).toBe('2024-05-04T08:30:00+07:00');
    expect(vn(swap.addWorkingHours(at('2024-05-04T17:00:00+07:00'), 1))).toBe('2024-05-06T08:30:00+07:00');
    // Without the table the same requests land on Mon 29/4 and Mon 6/5.
    expect(vn(cal.addWorkingHours(at('2024-04-26T17:00:00+07:00'), 1))).toBe('2024-04-29T08:30:00+07:00');
    expect(vn(cal.addWorkingHours(at('2024-05-03T17:00:00+07:00'), 1))).toBe('2024-05-06T08:30:00+07:00');
  });

  it('rejects bad amounts', () => {
    const from = at('2026-03-10T08:00:00+07:00');
    expect(() => cal.addWorkingMinutes(from, -1)).toThrow(RangeError);
    expect(() => cal.addWorkingMinutes(from, 1.5)).toThrow(RangeError);
    expect(() => cal.addWorkingMinutes(from, Number.NaN)).toThrow(RangeError);
    expect(() => cal.addWorkingHours(from, 0.01)).toThrow(RangeError);
    expect(() => cal.addWorkingDays(from, -1)).toThrow(RangeError);
    expect(() => cal.addWorkingMinutes(new Date('nope'), 1)).toThrow(RangeError);
  });
});

describe('nextWorkingStart', () => {
  it('returns `from` inside a window, else the next window start', () => {
    expect(vn(cal.nextWorkingStart(at('2026-03-10T09:17:00+07:00')))).toBe('2026-03-10T09:17:00+07:00');
    expect(vn(cal.nextWorkingStart(at('2026-03-10T12:00:00+07:00')))).toBe('2026-03-10T13:30:00+07:00');
    expect(vn(cal.nextWorkingStart(at('2026-03-10T17:30:00+07:00')))).toBe('2026-03-11T08:00:00+07:00');
    expect(vn(cal.nextWorkingStart(at('2026-02-13T18:00:00+07:00')))).toBe('2026-02-23T08:00:00+07:00');
  });
});

describe('addWorkingDaysToDate', () => {
  it('returns the n-th working day after the date', () => {
    expect(cal.addWorkingDaysToDate('2026-02-13', 1)).toBe('2026-02-23'); // over Tết
    expect(cal.addWorkingDaysToDate('2026-04-29', 1)).toBe('2026-05-04'); // over 30/4–1/5
    expect(cal.addWorkingDaysToDate('2026-04-24', 1)).toBe('2026-04-28'); // over Giỗ Tổ's substitute
    expect(cal.addWorkingDaysToDate('2026-03-13', 5)).toBe('2026-03-20');
    expect(cal.addWorkingDaysToDate('2026-03-14', 1)).toBe('2026-03-16'); // from a Saturday
    expect(cal.addWorkingDaysToDate('2026-03-14', 0)).toBe('2026-03-14');
    expect(() => cal.addWorkingDaysToDate('2026-03-14', -1)).toThrow(RangeError);
  });
});

describe('workingMinutesBetween', () => {
  it('counts working minutes in [a, b)', () => {
    expect(cal.workingMinutesBetween(at('2026-03-10T11:30:00+07:00'), at('2026-03-10T14:00:00+07:00'))).toBe(60);
    expect(cal.workingMinutesBetween(at('2026-02-13T16:00:00+07:00'), at('2026-02-23T10:30:00+07:00'))).toBe(240);
    expect(cal.workingMinutesBetween(at('2026-02-23T10:30:00+07:00'), at('2026-02-13T16:00:00+07:00'))).toBe(-240);
    expect(cal.workingMinutesBetween(at('2026-03-14T09:00:00+07:00'), at('2026-03-14T11:00:00+07:00'))).toBe(0);
    expect(cal.workingMinutesBetween(at('2026-03-10T08:00:00+07:00'), at('2026-03-10T08:00:00+07:00'))).toBe(0);
  });

  // Seeded PRNG (mulberry32): reproducible random cases without an extra dependency.
  function prng(seed: number) {
    let s = seed >>> 0;
    return () => {
      s = (s + 0x6d2b79f5) >>> 0;
      let t = s;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const MIN = 60_000;
  const lo = at('2024-01-01T00:00:00+07:00').getTime();
  const span = at('2027-12-31T00:00:00+07:00').getTime() - lo;

  it('is the inverse of addWorkingMinutes (random instants and amounts)', () => {
    const rnd = prng(20260213);
    const swap = createWorkCalendar({
      overrides: [
        { date: '2024-04-29', kind: 'off', name: 'Nghỉ hoán đổi' },
        { date: '2024-05-04', kind: 'work', name: 'Làm bù' },
      ],
    });
    for (let i = 0; i < 400; i++) {
      const c = i % 2 ? swap : cal;
      const a = new Date(lo + Math.floor((rnd() * span) / MIN) * MIN);
      const m = Math.floor(rnd() * 5000);
      const b = c.addWorkingMinutes(a, m);
      expect(c.workingMinutesBetween(a, b), `${vn(a)} + ${m}`).toBe(m);
      // The minute before the result was working time (no idle tail).
      if (m > 0) expect(c.workingMinutesBetween(new Date(b.getTime() - MIN), b)).toBe(1);
    }
  });

  it('adding the minutes between a and b reaches b, or the last working moment before it', () => {
    const rnd = prng(42);
    for (let i = 0; i < 300; i++) {
      const a = new Date(lo + Math.floor((rnd() * span) / MIN) * MIN);
      const b = new Date(a.getTime() + Math.floor(rnd() * 20 * 86_400_000 / MIN) * MIN);
      const m = cal.workingMinutesBetween(a, b);
      const back = cal.addWorkingMinutes(a, m);
      expect(back.getTime()).toBeLessThanOrEqual(b.getTime());
      expect(cal.workingMinutesBetween(back, b)).toBe(0);
    }
  });
});

describe('custom working hours', () => {
  const withSaturdayMorning: WorkingHours = {
    weekdays: [1, 2, 3, 4, 5, 6],
    windows: DEFAULT_WORKING_HOURS.windows,
    windowsByWeekday: { 6: [{ start: '08:00', end: '12:00' }] },
  };
  const unit = createWorkCalendar({ hours: withSaturdayMorning });

  it('works Saturday mornings only', () => {
    expect(vn(unit.addWorkingMinutes(at('2026-03-13T17:00:00+07:00'), 60))).toBe('2026-03-14T08:30:00+07:00');
    expect(vn(unit.addWorkingHours(at('2026-03-14T11:00:00+07:00'), 2))).toBe('2026-03-16T09:00:00+07:00');
    expect(vn(unit.nextWorkingStart(at('2026-03-14T12:30:00+07:00')))).toBe('2026-03-16T08:00:00+07:00');
    expect(unit.workingMinutesBetween(at('2026-03-13T08:00:00+07:00'), at('2026-03-16T08:00:00+07:00'))).toBe(480 + 240);
    expect(unit.addWorkingDaysToDate('2026-03-13', 1)).toBe('2026-03-14');
  });

  it('still closes on holidays that fall on Saturday', () => {
    // Sat 2025-02-01 is the last day of Tết 2025.
    expect(unit.isWorkingDay('2025-02-01')).toBe(false);
    expect(vn(unit.addWorkingMinutes(at('2025-01-27T17:00:00+07:00'), 60))).toBe('2025-02-03T08:30:00+07:00');
  });

  it('supports a 24/7 desk with windows running to 24:00', () => {
    const noc = createWorkCalendar({
      hours: { weekdays: [1, 2, 3, 4, 5, 6, 7], windows: [{ start: '00:00', end: '24:00' }] },
      holidays: () => [],
    });
    expect(vn(noc.addWorkingHours(at('2026-02-16T22:00:00+07:00'), 30))).toBe('2026-02-18T04:00:00+07:00');
    expect(noc.workingMinutesBetween(at('2026-02-16T22:00:00+07:00'), at('2026-02-18T04:00:00+07:00'))).toBe(1800);
  });

  it('rejects invalid hours and overrides', () => {
    const w = DEFAULT_WORKING_HOURS.windows;
    expect(() => createWorkCalendar({ hours: { weekdays: [0], windows: w } })).toThrow(RangeError);
    expect(() => createWorkCalendar({ hours: { weekdays: [1], windows: [] } })).toThrow(RangeError);
    expect(() => createWorkCalendar({ hours: { weekdays: [1], windows: [{ start: '12:00', end: '08:00' }] } })).toThrow(RangeError);
    expect(() => createWorkCalendar({ hours: { weekdays: [1], windows: [{ start: '8:00', end: '12:00' }] } })).toThrow(RangeError);
    expect(() =>
      createWorkCalendar({ hours: { weekdays: [1], windows: [{ start: '08:00', end: '12:00' }, { start: '11:00', end: '13:00' }] } }),
    ).toThrow(RangeError);
    expect(() => createWorkCalendar({ hours: { weekdays: [1], windows: w, windowsByWeekday: { 6: w } } })).toThrow(RangeError);
    expect(() => createWorkCalendar({ overrides: [{ date: '2026-02-30', kind: 'off', name: 'x' }] })).toThrow(RangeError);
    expect(() =>
      createWorkCalendar({
        overrides: [
          { date: '2026-03-10', kind: 'off', name: 'a' },
          { date: '2026-03-10', kind: 'work', name: 'b' },
        ],
      }),
    ).toThrow(RangeError);
  });

  it('gives up after ~3 years without a working day instead of looping forever', () => {
    const everyDay = (y: number) => {
      const out: { date: LocalDate; name: string }[] = [];
      for (let d = `${y}-01-01`; d.startsWith(String(y)); d = addDays(d, 1)) out.push({ date: d, name: 'Nghỉ' });
      return out;
    };
    const closed = createWorkCalendar({ holidays: everyDay });
    expect(() => closed.addWorkingMinutes(at('2026-03-10T08:00:00+07:00'), 1)).toThrow(/3 years/);
    expect(() => closed.nextWorkingStart(at('2026-03-10T08:00:00+07:00'))).toThrow(/3 years/);
    expect(() => closed.addWorkingDaysToDate('2026-03-10', 1)).toThrow(/3 years/);
    expect(closed.workingMinutesBetween(at('2026-03-10T08:00:00+07:00'), at('2026-04-10T08:00:00+07:00'))).toBe(0);
  });
});
