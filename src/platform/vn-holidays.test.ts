import { describe, expect, it } from 'vitest';
import { vietnamHolidays, type Holiday } from './vn-holidays.ts';

// Expected dates checked against date-holidays@3.37 (VN) before writing them down.
const dates = (year: number) => vietnamHolidays(year).map((h) => h.date);
const on = (date: string): Holiday | undefined => vietnamHolidays(Number(date.slice(0, 4))).find((h) => h.date === date);

describe('vietnamHolidays', () => {
  it('has New Year', () => {
    expect(on('2025-01-01')).toEqual({ date: '2025-01-01', name: 'Tết Dương lịch', nameEn: "New Year's Day", kind: 'statutory' });
    expect(on('2026-01-01')?.name).toBe('Tết Dương lịch');
  });

  it('has the 5-day Tết block (eve + 4) without a duplicate for lunar 1/1', () => {
    const tet2025 = vietnamHolidays(2025).filter((h) => h.name === 'Tết Nguyên Đán').map((h) => h.date);
    expect(tet2025).toEqual(['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-01']);
    const tet2026 = vietnamHolidays(2026).filter((h) => h.name === 'Tết Nguyên Đán').map((h) => h.date);
    expect(tet2026).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
  });

  it('gives no substitute for a Tết day on a weekend (Sat 2025-02-01)', () => {
    expect(vietnamHolidays(2025).filter((h) => h.kind === 'substitute')).toEqual([]);
  });

  it('has Giỗ Tổ Hùng Vương (lunar 3/10) and its substitute when it falls on Sunday', () => {
    expect(on('2025-04-07')?.name).toBe('Giỗ Tổ Hùng Vương');
    expect(on('2026-04-26')?.name).toBe('Giỗ Tổ Hùng Vương'); // a Sunday
    expect(on('2026-04-27')).toEqual({
      date: '2026-04-27',
      name: 'Nghỉ bù Giỗ Tổ Hùng Vương',
      nameEn: 'Substitute day for Hung Kings Commemoration Day',
      kind: 'substitute',
    });
  });

  it('has 30/4 and 1/5', () => {
    expect(on('2026-04-30')?.name).toBe('Ngày Giải phóng miền Nam, thống nhất đất nước');
    expect(on('2026-05-01')?.name).toBe('Ngày Quốc tế Lao động');
  });

  it('pairs 2/9 with 1/9 or 3/9 by weekday', () => {
    expect(on('2025-09-02')?.name).toBe('Quốc khánh'); // Tue → Mon 1/9
    expect(on('2025-09-01')?.kind).toBe('statutory');
    expect(on('2025-09-03')).toBeUndefined();
    expect(on('2026-09-02')?.name).toBe('Quốc khánh'); // Wed → Tue 1/9
    expect(on('2026-09-01')?.name).toBe('Quốc khánh (ngày liền kề)');
    expect(on('2024-09-03')?.kind).toBe('statutory'); // Mon → Tue 3/9
    expect(on('2027-09-03')?.kind).toBe('statutory'); // Thu → Fri 3/9
    expect(dates(2020)).not.toContain('2020-09-01'); // one day only before 2021
    expect(dates(2020)).not.toContain('2020-09-03');
  });

  it('moves weekend holidays to the next free weekday', () => {
    // 2022: 30/4 Sat, 1/5 Sun → Mon 2/5 and Tue 3/5 (as the government announced).
    expect(vietnamHolidays(2022).filter((h) => h.kind === 'substitute').map((h) => h.date)).toEqual([
      '2022-01-03', // 1/1 was a Saturday
      '2022-04-11', // Giỗ Tổ on Sunday 10/4
      '2022-05-02',
      '2022-05-03',
    ]);
    // 2023: 2/9 Sat, paired Fri 1/9 → substitute Mon 4/9.
    expect(on('2023-09-01')?.kind).toBe('statutory');
    expect(on('2023-09-04')?.name).toBe('Nghỉ bù Quốc khánh');
  });

  it('lists 11 statutory days a year, sorted, unique', () => {
    for (const year of [2024, 2025, 2026, 2027]) {
      const list = vietnamHolidays(year);
      expect(list.filter((h) => h.kind === 'statutory')).toHaveLength(11);
      const ds = list.map((h) => h.date);
      expect(ds).toEqual([...new Set(ds)].sort());
    }
  });

  it('does not list an ordinary day', () => {
    expect(on('2026-03-10')).toBeUndefined();
    expect(on('2025-06-02')).toBeUndefined();
  });

  it('is memoised but hands out copies', () => {
    const a = vietnamHolidays(2026);
    a.pop();
    expect(vietnamHolidays(2026)).toHaveLength(a.length + 1);
    expect(vietnamHolidays(2026)[0]).toBe(vietnamHolidays(2026)[0]);
  });

  it('rejects a bad year', () => {
    expect(() => vietnamHolidays(2026.5)).toThrow(RangeError);
    expect(() => vietnamHolidays(1800)).toThrow(RangeError);
  });
});
