import type { Check, Sex } from './id-number.ts';
import { checkMrz } from './mrz.ts';
import { asciiFold } from './names.ts';

/**
 * The chip's DG1 (its MRZ, signed by the issuing state) against what the card shows: its check digits,
 * the printed MRZ line for line (when that was read with valid check digits), and each field the card
 * yielded (number, birth date, sex, expiry, name without diacritics). Pure.
 */
export interface CardSide {
  idNumber: string | null;
  fullName: string | null;
  birthDate: string | null;
  sex: Sex | null;
  expiryDate: string | null;
}

export function chipAgainstCard(dg1Lines: string[] | null, printedMrz: string[] | null, card: CardSide, today: string): Check[] {
  if (!dg1Lines) return [];
  const mrz = checkMrz(dg1Lines, today);
  const digitsOk = mrz.checks.filter((c) => c.name.endsWith('CheckDigit')).every((c) => c.ok);
  const checks: Check[] = [{ name: 'dg1.checkDigits', ok: digitsOk }];
  if (printedMrz) checks.push({ name: 'dg1=printedMrz', ok: printedMrz.length === dg1Lines.length && printedMrz.every((l, i) => l === dg1Lines[i]) });
  const f = mrz.fields;
  const chipName = f.surname ? `${f.surname} ${f.givenNames ?? ''}` : null;
  const pairs: [string, string | null, string | null][] = [
    ['idNumber', f.idNumber, card.idNumber],
    ['birthDate', f.birthDate, card.birthDate],
    ['sex', f.sex, card.sex],
    ['expiryDate', f.expiryDate, card.expiryDate],
    ['fullName', chipName && asciiFold(chipName), card.fullName && asciiFold(card.fullName)],
  ];
  for (const [name, chip, shown] of pairs) if (shown !== null) checks.push({ name: `${name}.chip=card`, ok: chip === shown });
  return checks;
}
