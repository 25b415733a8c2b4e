import { describe, expect, it } from 'vitest';
import { checkCardDates, expectedExpiry } from './card-dates.ts';
import { fromDdMmYyyy, fromMrzDate, fromSlashed, isRealDate, yearsBetween } from './dates.ts';

const TODAY = '2026-03-02';
const failed = (d: Parameters<typeof checkCardDates>[0]) => checkCardDates(d, TODAY).filter((c) => !c.ok).map((c) => c.name);

describe('calendar dates', () => {
  it('real dates only, in each written form', () => {
    expect(['2024-02-29', '2025-02-29', '1996-13-01', '1996-04-31'].map(isRealDate)).toEqual([true, false, false, false]);
    expect(fromDdMmYyyy('29022024')).toBe('2024-02-29');
    expect(fromDdMmYyyy('29022025')).toBeNull();
    expect(fromSlashed('14/05/1996')).toBe('1996-05-14');
    expect(fromSlashed('14/5/1996')).toBeNull();
    expect(yearsBetween('1996-05-14', '2021-05-13')).toBe(24);
    expect(yearsBetween('1996-05-14', '2021-05-14')).toBe(25);
  });

  it('MRZ years: a birth is never in the future, an expiry is in this century', () => {
    expect(fromMrzDate('960514', 'birth', TODAY)).toBe('1996-05-14');
    expect(fromMrzDate('260302', 'birth', TODAY)).toBe('2026-03-02');
    expect(fromMrzDate('260303', 'birth', TODAY)).toBe('1926-03-03');
    expect(fromMrzDate('360514', 'expiry', TODAY)).toBe('2036-05-14');
    expect(fromMrzDate('96051A', 'birth', TODAY)).toBeNull();
  });
});

describe('the card dates', () => {
  it('expiry at the next change age, skipping one within 2 years, none from 58', () => {
    expect(expectedExpiry('1996-05-14', '2021-08-15')).toBe('2036-05-14'); // 25 → 40
    expect(expectedExpiry('1996-05-14', '2019-06-01')).toBe('2036-05-14'); // 23: within 2 years of 25 → 40
    expect(expectedExpiry('1996-05-14', '2019-01-10')).toBe('2021-05-14'); // 22: more than 2 years before 25
    expect(expectedExpiry('1966-01-01', '2021-08-15')).toBe('2026-01-01'); // 55 → 60
    expect(expectedExpiry('1962-01-01', '2021-08-15')).toBeNull(); // 59: no expiry
  });

  it('the 2024 law adds age 14; born on 29 February', () => {
    expect(expectedExpiry('2014-03-01', '2024-07-01')).toBe('2028-03-01'); // issued at 10 → 14
    expect(expectedExpiry('2014-03-01', '2024-06-30')).toBe('2039-03-01'); // the old law had no 14
    expect(expectedExpiry('2000-02-29', '2021-01-01')).toBe('2025-02-28'); // 20 → 25, on 28 February
  });

  it('a consistent card passes; each inconsistency is named', () => {
    const ok = { birthDate: '1996-05-14', issueDate: '2021-08-15', expiryDate: '2036-05-14' };
    expect(failed(ok)).toEqual([]);
    expect(failed({ ...ok, expiryDate: '2035-05-14' })).toEqual(['expiryMatchesAge']);
    expect(failed({ ...ok, issueDate: '2027-01-01' })).toEqual(['issueDateNotInFuture']);
    expect(failed({ ...ok, birthDate: '2010-05-14', expiryDate: '2035-05-14' })).toEqual(['ageAtIssue']);
    expect(failed({ ...ok, birthDate: '2027-01-01' })).toEqual(['birthDateNotInFuture', 'issuedAfterBirth', 'ageAtIssue', 'expiryMatchesAge']);
    expect(failed({ birthDate: '1990-01-01', issueDate: '2015-06-01', expiryDate: '2025-01-01' })).toEqual(['expiryMatchesAge', 'notExpired']);
    expect(failed({ birthDate: null, issueDate: null, expiryDate: '2026-03-02' })).toEqual([]);
  });
});
