import { checkDigit } from './check-digit.ts';
import type { Sex } from './id-number.ts';
import { mrzNameOf } from './names.ts';

/**
 * Writes the TD1 MRZ of a Vietnamese card (the layout `checkMrz` reads): for the synthetic cards of
 * tests and the accuracy benchmark, and to show integrators a sample. Pure.
 */
export interface CardIdentity {
  idNumber: string;
  fullName: string;
  birthDate: string;
  sex: Sex;
  /** Null: no expiry (holders over 60). */
  expiryDate: string | null;
}

const yymmdd = (iso: string) => iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
const pad = (s: string, n: number) => (s + '<'.repeat(n)).slice(0, n);
const cd = (s: string) => String(checkDigit(s));

export function buildMrz(p: CardIdentity): [string, string, string] {
  const documentNumber = p.idNumber.slice(3);
  const l1 = `IDVNM${documentNumber}${cd(documentNumber)}${p.idNumber}<<${cd(p.idNumber)}`;
  const birth = yymmdd(p.birthDate);
  const expiry = p.expiryDate ? yymmdd(p.expiryDate) : '<<<<<<';
  const expiryCd = p.expiryDate ? cd(expiry) : '<';
  const head = `${birth}${cd(birth)}${p.sex}${expiry}${expiryCd}VNM${'<'.repeat(11)}`;
  const composite = l1.slice(5, 30) + head.slice(0, 7) + head.slice(8, 15) + head.slice(18, 29);
  const l2 = head + cd(composite);
  const name = mrzNameOf(p.fullName);
  const l3 = pad(`${name.surname}<<${name.givenNames.replace(/ /g, '<')}`, 30);
  return [l1, l2, l3];
}
