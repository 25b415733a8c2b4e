import { describe, expect, it } from 'vitest';
import { checkIdNumber, decodeCenturySex } from './id-number.ts';
import { PROVINCES, provinceName } from './provinces.ts';

const TODAY = '2026-03-02';
const failed = (r: { checks: { name: string; ok: boolean }[] }) => r.checks.filter((c) => !c.ok).map((c) => c.name);

describe('the 12-digit personal ID number', () => {
  it('has the 63 provinces of Circular 07/2016, codes 001 … 096', () => {
    const codes = Object.keys(PROVINCES);
    expect(codes).toHaveLength(63);
    expect(codes.every((c) => /^0\d\d$/.test(c) && c >= '001' && c <= '096')).toBe(true);
    expect(provinceName('001')).toBe('Hà Nội');
    expect(provinceName('079')).toBe('Hồ Chí Minh');
    expect(provinceName('096')).toBe('Cà Mau');
    expect(provinceName('003')).toBeNull(); // codes skipped by the table (former provinces' numbers)
    expect(provinceName('097')).toBeNull();
  });

  it('decodes every century/sex digit 0–9', () => {
    const all = Array.from({ length: 10 }, (_, d) => decodeCenturySex(d));
    expect(all.map((x) => x.sex).join('')).toBe('MFMFMFMFMF');
    expect(all.map((x) => x.firstYear)).toEqual([1900, 1900, 2000, 2000, 2100, 2100, 2200, 2200, 2300, 2300]);
    expect(all.map((x) => x.century)).toEqual([20, 20, 21, 21, 22, 22, 23, 23, 24, 24]);
  });

  it('a man born 1996 in Hà Nội, a woman born 2004 in Cà Mau', () => {
    expect(checkIdNumber('001096012345', TODAY, { birthDate: '1996-05-14', sex: 'M' })).toEqual({
      valid: true,
      provinceCode: '001',
      provinceName: 'Hà Nội',
      sex: 'M',
      century: 20,
      birthYear: 1996,
      checks: [
        { name: 'format', ok: true },
        { name: 'provinceCode', ok: true },
        { name: 'birthYearNotInFuture', ok: true },
        { name: 'birthYearMatches', ok: true },
        { name: 'sexMatches', ok: true },
      ],
    });
    expect(checkIdNumber('096304000123', TODAY, { birthDate: '2004-01-31', sex: 'F' })).toMatchObject({ valid: true, sex: 'F', century: 21, birthYear: 2004 });
  });

  it('refuses a malformed number with only the format check', () => {
    for (const bad of ['00109601234', '0010960123456', '00109601234A', ' 001096012345', '']) {
      expect(checkIdNumber(bad, TODAY)).toMatchObject({ valid: false, provinceCode: null, checks: [{ name: 'format', ok: false }] });
    }
  });

  it('catches an unknown province, a future birth year, and a birth date or sex the digits contradict', () => {
    expect(failed(checkIdNumber('003096012345', TODAY))).toEqual(['provinceCode']);
    expect(failed(checkIdNumber('001230012345', TODAY))).toEqual(['birthYearNotInFuture']); // 2030
    expect(failed(checkIdNumber('001496012345', TODAY))).toEqual(['birthYearNotInFuture']); // 2196
    expect(failed(checkIdNumber('001096012345', TODAY, { birthDate: '1997-05-14' }))).toEqual(['birthYearMatches']);
    expect(failed(checkIdNumber('001296012345', TODAY, { birthDate: '1996-05-14' }))).toEqual(['birthYearNotInFuture', 'birthYearMatches']);
    expect(failed(checkIdNumber('001196012345', TODAY, { birthDate: '1996-05-14', sex: 'M' }))).toEqual(['sexMatches']);
    expect(checkIdNumber('001196012345', TODAY, { sex: 'F' }).valid).toBe(true);
  });
});
