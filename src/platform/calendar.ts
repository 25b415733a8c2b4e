/**
 * Working-day calendar (SLA clocks, business due dates) in Asia/Ho_Chi_Minh.
 * Vietnam has been UTC+7 all year since 1975 (no DST), so zone maths is a fixed offset: results never
 * depend on the machine's TZ and no tz library is needed. Pure: no clock, no db, no env.
 */
import { vietnamHolidays } from './vn-holidays.ts';

export type LocalDate = string; // 'YYYY-MM-DD' in Asia/Ho_Chi_Minh
export interface TimeWindow {
  start: string; // 'HH:MM' local
  end: string; // 'HH:MM' local ('24:00' allowed), start < end
}
export interface WorkingHours {
  weekdays: number[]; // ISO 1=Mon … 7=Sun
  windows: TimeWindow[]; // the standard day
  /** Other windows for some weekdays of `weekdays`, e.g. `{ 6: [{ start: '08:00', end: '12:00' }] }` for Saturday mornings. */
  windowsByWeekday?: Partial<Record<number, TimeWindow[]>>;
}
export interface DayOverride {
  date: LocalDate;
  kind: 'off' | 'work'; // extra day off / make-up working day (e.g. a Saturday)
  name: string;
}
export interface DayInfo {
  date: LocalDate;
  working: boolean;
  reason: 'workday' | 'weekend' | 'holiday' | 'override-off' | 'override-work';
  name?: string;
}
export interface WorkCalendar {
  dayInfo(date: LocalDate): DayInfo;
  isWorkingDay(date: LocalDate): boolean;
  /** `from` + `minutes` of working time; 0 returns `from`. Ends at a window's end rather than the next start. */
  addWorkingMinutes(from: Date, minutes: number): Date;
  /** Fractional hours are fine as long as they make whole minutes. */
  addWorkingHours(from: Date, hours: number): Date;
  /** A working day = the minutes of the standard day (480 by default), so Fri 10:00 + 1 → Mon 10:00. */
  addWorkingDays(from: Date, days: number): Date;
  /** The `days`-th working day after `date` (0 → `date` itself). */
  addWorkingDaysToDate(date: LocalDate, days: number): LocalDate;
  /** Working minutes in [a, b); negative if b < a; fractional only if a or b carry seconds. */
  workingMinutesBetween(a: Date, b: Date): number;
  /** `from` if inside a window, else the start of the next window. */
  nextWorkingStart(from: Date): Date;
}

export const DEFAULT_WORKING_HOURS: WorkingHours = {
  weekdays: [1, 2, 3, 4, 5],
  windows: [
    { start: '08:00', end: '12:00' },
    { start: '13:30', end: '17:30' },
  ],
};

const OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const MAX_IDLE_DAYS = 3 * 366; // a calendar with no working day for 3 years is misconfigured, not slow

// ---- date helpers ------------------------------------------------------------------------------

/** Midnight of `date` read as UTC: lets plain UTC arithmetic walk local calendar dates. */
function dateMs(date: LocalDate): number {
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(date) ? Date.parse(`${date}T00:00:00Z`) : NaN;
  // Date.parse rolls 2026-02-30 over; the round trip catches it.
  if (Number.isNaN(ms) || formatDate(ms) !== date) throw new RangeError(`Invalid date '${date}', expected YYYY-MM-DD`);
  return ms;
}

function formatDate(ms: number): LocalDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Minutes since local midnight; '24:00' is allowed so a window can run to the end of the day. */
function parseHHMM(hhmm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!m || Number(m[2]) > 59 || minutes > 1440) throw new RangeError(`Invalid time '${hhmm}', expected HH:MM`);
  return minutes;
}

function instantMs(d: Date, what = 'instant'): number {
  const ms = d instanceof Date ? d.getTime() : NaN;
  if (Number.isNaN(ms)) throw new RangeError(`Invalid ${what}`);
  return ms;
}

export function toLocalDate(instant: Date): LocalDate {
  return formatDate(instantMs(instant) + OFFSET_MS);
}

/** The instant at which the wall clock in Vietnam shows `hhmm` on `date`. */
export function localDateTime(date: LocalDate, hhmm: string): Date {
  return new Date(dateMs(date) + parseHHMM(hhmm) * MINUTE_MS - OFFSET_MS);
}

export function isoWeekday(date: LocalDate): number {
  return new Date(dateMs(date)).getUTCDay() || 7; // getUTCDay: Sun = 0
}

export function addDays(date: LocalDate, n: number): LocalDate {
  if (!Number.isInteger(n)) throw new RangeError(`addDays: n must be an integer, got ${n}`);
  return formatDate(dateMs(date) + n * DAY_MS);
}

// ---- calendar ----------------------------------------------------------------------------------

interface Span {
  start: number; // minutes since local midnight
  end: number;
}

function compileWindows(windows: TimeWindow[], label: string): Span[] {
  if (!Array.isArray(windows) || windows.length === 0) throw new RangeError(`${label}: at least one window is required`);
  const spans = windows
    .map((w) => ({ start: parseHHMM(w.start), end: parseHHMM(w.end) }))
    .sort((a, b) => a.start - b.start);
  spans.forEach((s, i) => {
    if (s.start >= s.end) throw new RangeError(`${label}: window start must be before end`);
    if (i > 0 && s.start < spans[i - 1].end) throw new RangeError(`${label}: windows overlap`);
  });
  return spans;
}

/** Non-negative amount → whole minutes (tolerating float noise such as 0.1 × 60). */
function wholeMinutes(x: number, what: string): number {
  const r = Math.round(x);
  if (!Number.isFinite(x) || x < 0 || Math.abs(x - r) > 1e-9) {
    throw new RangeError(`${what} must be a non-negative amount of whole minutes, got ${x}`);
  }
  return r;
}

export function createWorkCalendar(
  opts: {
    hours?: WorkingHours;
    overrides?: DayOverride[];
    holidays?: (year: number) => { date: LocalDate; name: string }[];
  } = {},
): WorkCalendar {
  const hours = opts.hours ?? DEFAULT_WORKING_HOURS;
  const holidays = opts.holidays ?? vietnamHolidays;

  for (const d of hours.weekdays) {
    if (!Number.isInteger(d) || d < 1 || d > 7) throw new RangeError(`Invalid ISO weekday ${d}`);
  }
  const weekdays = new Set(hours.weekdays);
  const standard = compileWindows(hours.windows, 'windows');
  const standardMinutes = standard.reduce((sum, s) => sum + s.end - s.start, 0);
  const byWeekday = new Map<number, Span[]>();
  for (const [key, windows] of Object.entries(hours.windowsByWeekday ?? {})) {
    const d = Number(key);
    if (!weekdays.has(d)) throw new RangeError(`windowsByWeekday: ${key} is not one of weekdays`);
    byWeekday.set(d, compileWindows(windows ?? [], `windowsByWeekday[${key}]`));
  }

  const overrides = new Map<LocalDate, DayOverride>();
  for (const o of opts.overrides ?? []) {
    dateMs(o.date);
    if (o.kind !== 'off' && o.kind !== 'work') throw new RangeError(`Invalid override kind '${o.kind}'`);
    if (overrides.has(o.date)) throw new RangeError(`Two overrides for ${o.date}`);
    overrides.set(o.date, { ...o });
  }

  // Holidays are loaded lazily, one year at a time, on first use of a date in that year.
  const holidayNames = new Map<LocalDate, string>();
  const loadedYears = new Set<number>();
  function holidayName(date: LocalDate): string | undefined {
    const year = Number(date.slice(0, 4));
    if (!loadedYears.has(year)) {
      for (const h of holidays(year)) {
        dateMs(h.date);
        if (!holidayNames.has(h.date)) holidayNames.set(h.date, h.name);
      }
      loadedYears.add(year);
    }
    return holidayNames.get(date);
  }

  function dayInfo(date: LocalDate): DayInfo {
    dateMs(date);
    const o = overrides.get(date);
    if (o) return { date, working: o.kind === 'work', reason: `override-${o.kind}`, name: o.name };
    const name = holidayName(date);
    if (name !== undefined) return { date, working: false, reason: 'holiday', name };
    return weekdays.has(isoWeekday(date))
      ? { date, working: true, reason: 'workday' }
      : { date, working: false, reason: 'weekend' };
  }

  /** Windows of a day; a make-up day on a non-template weekday gets the standard windows. */
  function spansOf(date: LocalDate): Span[] {
    return dayInfo(date).working ? (byWeekday.get(isoWeekday(date)) ?? standard) : [];
  }

  /** Working windows as [startMs, endMs) instants, from `date` onwards, forever. */
  function* windowsFrom(date: LocalDate): Generator<[number, number]> {
    let idle = 0;
    for (let d = date; ; d = addDays(d, 1)) {
      const spans = spansOf(d);
      if (spans.length === 0) {
        if (++idle > MAX_IDLE_DAYS) throw new Error(`No working day within 3 years after ${date}`);
        continue;
      }
      idle = 0;
      const midnight = dateMs(d) - OFFSET_MS;
      for (const s of spans) yield [midnight + s.start * MINUTE_MS, midnight + s.end * MINUTE_MS];
    }
  }

  function addWorkingMinutes(from: Date, minutes: number): Date {
    const t = instantMs(from, 'from');
    let left = wholeMinutes(minutes, 'minutes') * MINUTE_MS;
    if (left === 0) return new Date(t);
    for (const [start, end] of windowsFrom(toLocalDate(from))) {
      if (end <= t) continue;
      const begin = Math.max(start, t); // starting in lunch / after hours counts from the next window
      if (left <= end - begin) return new Date(begin + left);
      left -= end - begin;
    }
    throw new Error('unreachable: windowsFrom never ends');
  }

  function nextWorkingStart(from: Date): Date {
    const t = instantMs(from, 'from');
    for (const [start, end] of windowsFrom(toLocalDate(from))) {
      if (end > t) return new Date(Math.max(start, t));
    }
    throw new Error('unreachable: windowsFrom never ends');
  }

  function workingMinutesBetween(a: Date, b: Date): number {
    const ta = instantMs(a, 'a');
    const tb = instantMs(b, 'b');
    if (tb < ta) return 0 - workingMinutesBetween(b, a); // `0 -` keeps 0 from becoming -0
    let ms = 0;
    const last = toLocalDate(b);
    for (let d = toLocalDate(a); d <= last; d = addDays(d, 1)) {
      const midnight = dateMs(d) - OFFSET_MS;
      for (const s of spansOf(d)) {
        const overlap = Math.min(tb, midnight + s.end * MINUTE_MS) - Math.max(ta, midnight + s.start * MINUTE_MS);
        if (overlap > 0) ms += overlap;
      }
    }
    return ms / MINUTE_MS;
  }

  function addWorkingDaysToDate(date: LocalDate, days: number): LocalDate {
    dateMs(date);
    if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a non-negative integer, got ${days}`);
    let d = date;
    for (let left = days, idle = 0; left > 0; ) {
      d = addDays(d, 1);
      if (dayInfo(d).working) {
        left--;
        idle = 0;
      } else if (++idle > MAX_IDLE_DAYS) {
        throw new Error(`No working day within 3 years after ${d}`);
      }
    }
    return d;
  }

  return {
    dayInfo,
    isWorkingDay: (date) => dayInfo(date).working,
    addWorkingMinutes,
    addWorkingHours: (from, h) => addWorkingMinutes(from, wholeMinutes(h * 60, 'hours × 60')),
    addWorkingDays: (from, days) => addWorkingMinutes(from, wholeMinutes(days * standardMinutes, 'days × day length')),
    addWorkingDaysToDate,
    workingMinutesBetween,
    nextWorkingStart,
  };
}
