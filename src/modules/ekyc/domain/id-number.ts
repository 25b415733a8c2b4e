import { provinceName } from './provinces.ts';

/**
 * The 12-digit personal ID number (số định danh cá nhân, Decree 137/2015 and Circular 07/2016/TT-BCA):
 * 3 digits of the province of birth registration, 1 digit for century and sex, the last 2 digits of
 * the birth year, then 6 random digits. Pure.
 */
export type Sex = 'M' | 'F';

export interface Check {
  name: string;
  ok: boolean;
}

export interface IdNumberResult {
  valid: boolean;
  provinceCode: string | null;
  provinceName: string | null;
  sex: Sex | null;
  /** The century of birth as Vietnamese law counts it: 20 = 1900–1999, 21 = 2000–2099 … 24 = 2300–2399. */
  century: number | null;
  /** The birth year the number says, when its digits say one. */
  birthYear: number | null;
  checks: Check[];
}

/** The century/sex digit: 0/1 born 1900–1999 male/female, 2/3 2000–2099, 4/5 2100s, 6/7 2200s, 8/9 2300s. */
export function decodeCenturySex(digit: number): { sex: Sex; firstYear: number; century: number } {
  return { sex: digit % 2 === 0 ? 'M' : 'F', firstYear: 1900 + Math.floor(digit / 2) * 100, century: 20 + Math.floor(digit / 2) };
}

/**
 * Checks the number's structure and, when given, the holder's birth date and sex against it. `today`
 * (YYYY-MM-DD) rules out a birth year in the future.
 */
export function checkIdNumber(idNumber: string, today: string, given: { birthDate?: string; sex?: Sex } = {}): IdNumberResult {
  const checks: Check[] = [];
  const format = /^\d{12}$/.test(idNumber);
  checks.push({ name: 'format', ok: format });
  if (!format) return { valid: false, provinceCode: null, provinceName: null, sex: null, century: null, birthYear: null, checks };

  const provinceCode = idNumber.slice(0, 3);
  const province = provinceName(provinceCode);
  checks.push({ name: 'provinceCode', ok: province !== null });

  const { sex, firstYear, century } = decodeCenturySex(Number(idNumber[3]));
  const birthYear = firstYear + Number(idNumber.slice(4, 6));
  checks.push({ name: 'birthYearNotInFuture', ok: birthYear <= Number(today.slice(0, 4)) });
  if (given.birthDate !== undefined) checks.push({ name: 'birthYearMatches', ok: Number(given.birthDate.slice(0, 4)) === birthYear });
  if (given.sex !== undefined) checks.push({ name: 'sexMatches', ok: given.sex === sex });
  return { valid: checks.every((c) => c.ok), provinceCode, provinceName: province, sex, century, birthYear, checks };
}
