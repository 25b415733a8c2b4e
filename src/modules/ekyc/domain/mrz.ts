import { hasCheckDigit } from './check-digit.ts';
import { fromMrzDate } from './dates.ts';
import type { Check, Sex } from './id-number.ts';

/**
 * The machine-readable zone on the back of a Vietnamese citizen ID card: ICAO 9303 TD1, 3 lines of 30.
 *   line 1  I D VNM <document number ×9> <check> <optional data ×15>
 *   line 2  <birth YYMMDD> <check> <sex> <expiry YYMMDD> <check> <nationality ×3> <optional ×11> <composite check>
 *   line 3  SURNAME<<GIVEN<NAMES, ASCII only
 * Vietnamese layout: the document number is the last 9 digits of the 12-digit ID number, and the
 * optional data is the whole 12-digit number, `<<`, and a check digit over those 12 digits. Pure.
 */
export interface MrzFields {
  documentCode: string | null;
  issuingState: string | null;
  documentNumber: string | null;
  /** The 12-digit personal ID number from the optional data (Vietnamese layout), else null. */
  idNumber: string | null;
  birthDate: string | null;
  sex: Sex | null;
  /** Null also when the card has no expiry (filled with `<`, as for holders over 60). */
  expiryDate: string | null;
  nationality: string | null;
  surname: string | null;
  givenNames: string | null;
}

export interface MrzResult {
  valid: boolean;
  fields: MrzFields;
  checks: Check[];
}

const LINE_RE = /^[A-Z0-9<]{30}$/;
const EMPTY: MrzFields = {
  documentCode: null,
  issuingState: null,
  documentNumber: null,
  idNumber: null,
  birthDate: null,
  sex: null,
  expiryDate: null,
  nationality: null,
  surname: null,
  givenNames: null,
};

const clean = (s: string) => s.replace(/<+$/, '').replace(/</g, ' ').trim();

/** Parses and checks the three lines (`today` dates the birth century and the expiry). */
export function checkMrz(lines: readonly string[], today: string): MrzResult {
  const format = lines.length === 3 && lines.every((l) => LINE_RE.test(l));
  if (!format) return { valid: false, fields: EMPTY, checks: [{ name: 'format', ok: false }] };
  const [l1, l2, l3] = lines;
  const checks: Check[] = [{ name: 'format', ok: true }];
  const add = (name: string, ok: boolean) => checks.push({ name, ok });

  const documentCode = l1.slice(0, 2);
  const issuingState = l1.slice(2, 5);
  const documentNumber = l1.slice(5, 14);
  const optional1 = l1.slice(15, 30);
  add('documentCode', /^I[A-Z<]$/.test(documentCode));
  add('issuingState', issuingState === 'VNM');
  add('documentNumberCheckDigit', hasCheckDigit(documentNumber, l1[14]));

  // Vietnamese optional data: the 12-digit ID, <<, its check digit.
  const vn = /^(\d{12})<<(\d)$/.exec(optional1);
  const idNumber = vn ? vn[1] : null;
  add('idNumberCheckDigit', vn !== null && hasCheckDigit(vn[1], vn[2]));
  add('documentNumberMatchesIdNumber', idNumber !== null && idNumber.slice(3) === documentNumber);

  const birthDate = fromMrzDate(l2.slice(0, 6), 'birth', today);
  add('birthDateCheckDigit', hasCheckDigit(l2.slice(0, 6), l2[6]));
  add('birthDate', birthDate !== null);

  const sexChar = l2[7];
  const sex: Sex | null = sexChar === 'M' || sexChar === 'F' ? sexChar : null;
  add('sex', sex !== null);

  const noExpiry = l2.slice(8, 14) === '<<<<<<';
  const expiryDate = noExpiry ? null : fromMrzDate(l2.slice(8, 14), 'expiry', today);
  add('expiryDateCheckDigit', noExpiry ? l2[14] === '<' || l2[14] === '0' : hasCheckDigit(l2.slice(8, 14), l2[14]));
  add('expiryDate', noExpiry || expiryDate !== null);
  add('notExpired', noExpiry || (expiryDate !== null && expiryDate >= today));

  const nationality = l2.slice(15, 18);
  add('nationality', nationality === 'VNM');
  const composite = l1.slice(5, 30) + l2.slice(0, 7) + l2.slice(8, 15) + l2.slice(18, 29);
  add('compositeCheckDigit', hasCheckDigit(composite, l2[29]));

  const [rawSurname, ...rest] = l3.split('<<');
  const surname = clean(rawSurname);
  const givenNames = clean(rest.join('<<'));
  add('name', /^[A-Z]/.test(l3) && surname.length > 0);

  const fields: MrzFields = {
    documentCode,
    issuingState,
    documentNumber,
    idNumber,
    birthDate,
    sex,
    expiryDate,
    nationality,
    surname: surname || null,
    givenNames: givenNames || null,
  };
  return { valid: checks.every((c) => c.ok), fields, checks };
}
