/**
 * Names across the card's sources: the printed name and the QR carry Vietnamese diacritics, the MRZ
 * is ASCII upper case with `<` for spaces. Comparison strips diacritics and maps Đ/đ to D. Pure.
 */
export function asciiFold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[Đđ]/g, 'D')
    .toUpperCase()
    .replace(/[^A-Z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A full name the way a Vietnamese card's MRZ writes it: the family name first, then the given names. */
export function mrzNameOf(fullName: string): { surname: string; givenNames: string } {
  const [surname = '', ...given] = asciiFold(fullName).split(' ');
  return { surname, givenNames: given.join(' ') };
}

/** The printed (or QR) full name and the MRZ's surname + given names name the same person. */
export const sameName = (fullName: string, mrz: { surname: string | null; givenNames: string | null }): boolean =>
  asciiFold(fullName) !== '' && asciiFold(fullName) === asciiFold(`${mrz.surname ?? ''} ${mrz.givenNames ?? ''}`);
