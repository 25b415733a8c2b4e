/**
 * Vietnamese public holidays (Labour Code 2019, art. 112), derived from `date-holidays` (VN data:
 * real Vietnamese lunar calendar, UTC+7) plus the two things it lacks: the second National Day and
 * substitute days (nghỉ bù). The government's yearly swaps/bridges are not rules: admins enter them
 * as calendar overrides.
 */
import Holidays from 'date-holidays';

export interface Holiday {
  date: string; // YYYY-MM-DD
  name: string; // Vietnamese
  nameEn: string;
  kind: 'statutory' | 'substitute';
}

// date-holidays rules (data/countries/VN.yaml) → our names; its own names are inconsistent
// (e.g. it calls the whole 5-day Tết block "Giao thừa", i.e. New Year's Eve).
const TET_BLOCK = '1 day before vietnamese 1-0-1 P5D';
const NAMES: Record<string, { name: string; nameEn: string }> = {
  '01-01': { name: 'Tết Dương lịch', nameEn: "New Year's Day" },
  [TET_BLOCK]: { name: 'Tết Nguyên Đán', nameEn: 'Lunar New Year (Tết)' },
  'vietnamese 1-0-1': { name: 'Tết Nguyên Đán', nameEn: 'Lunar New Year (Tết)' },
  'vietnamese 3-0-10': { name: 'Giỗ Tổ Hùng Vương', nameEn: 'Hung Kings Commemoration Day' },
  '04-30': { name: 'Ngày Giải phóng miền Nam, thống nhất đất nước', nameEn: 'Reunification Day' },
  '05-01': { name: 'Ngày Quốc tế Lao động', nameEn: 'International Labour Day' },
  '09-02': { name: 'Quốc khánh', nameEn: 'National Day' },
};
const TET_RULES = new Set([TET_BLOCK, 'vietnamese 1-0-1']);

// Second National Day (since 2021): the weekday of 2/9 picks 1/9 or 3/9 (ISO weekday → day of September).
const SECOND_NATIONAL_DAY: Record<number, 1 | 3> = { 1: 3, 2: 1, 3: 1, 4: 3, 5: 1, 6: 1, 7: 3 };

const DAY_MS = 86_400_000;
const utcMs = (date: string): number => Date.parse(`${date}T00:00:00Z`);
const fmt = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const weekday = (date: string): number => new Date(utcMs(date)).getUTCDay() || 7; // ISO: Sun = 7

let source: Holidays | undefined;
const cache = new Map<number, readonly Holiday[]>();

/** Public holidays of `year` in Vietnam, sorted by date, substitute days included. Memoised per year. */
export function vietnamHolidays(year: number): Holiday[] {
  if (!Number.isInteger(year) || year < 1900 || year > 2199) {
    throw new RangeError(`vietnamHolidays: year out of range: ${year}`);
  }
  let list = cache.get(year);
  if (!list) {
    list = Object.freeze(build(year).map((h) => Object.freeze(h)));
    cache.set(year, list);
  }
  return list.slice(); // a copy, so callers cannot corrupt the cache
}

function build(year: number): Holiday[] {
  source ??= new Holidays('VN');
  const byDate = new Map<string, Holiday>();
  const tetDates = new Set<string>();
  const add = (h: Holiday) => {
    if (!byDate.has(h.date)) byDate.set(h.date, h); // first wins: dedupes "Tết Nguyên Đán" inside the block
  };

  const publicDays = source.getHolidays(year, 'vi').filter((h) => h.type === 'public');
  for (const h of publicDays) {
    const first = h.date.slice(0, 10);
    // Multi-day entries (Tết) come as one item spanning start..end; UTC+7 has no DST, so days are whole.
    const days = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS));
    const names = NAMES[h.rule] ?? {
      name: h.name, // an unknown public day from a newer date-holidays: keep its names
      nameEn: source.getHolidays(year, 'en').find((e) => e.rule === h.rule)?.name ?? h.name,
    };
    for (let i = 0; i < days; i++) {
      const date = fmt(utcMs(first) + i * DAY_MS);
      add({ date, ...names, kind: 'statutory' });
      if (TET_RULES.has(h.rule)) tetDates.add(date);
    }
  }

  if (year >= 2021) {
    const nationalDay = `${year}-09-02`;
    const day = SECOND_NATIONAL_DAY[weekday(nationalDay)];
    add({
      date: `${year}-09-0${day}`,
      name: 'Quốc khánh (ngày liền kề)', // "01 ngày liền kề" in art. 112; not "ngày thứ hai" (= Monday)
      nameEn: 'National Day (adjacent day)',
      kind: 'statutory',
    });
  }

  // Nghỉ bù (art. 112(3)): a holiday on Sat/Sun moves to the next weekday that is not already off.
  // Tết is excluded: its 5 days are placed by the yearly government decision instead.
  const statutory = [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
  for (const h of statutory) {
    if (weekday(h.date) < 6 || tetDates.has(h.date)) continue;
    let ms = utcMs(h.date) + DAY_MS;
    while (weekday(fmt(ms)) >= 6 || byDate.has(fmt(ms))) ms += DAY_MS;
    add({ date: fmt(ms), name: `Nghỉ bù ${h.name}`, nameEn: `Substitute day for ${h.nameEn}`, kind: 'substitute' });
  }

  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}
