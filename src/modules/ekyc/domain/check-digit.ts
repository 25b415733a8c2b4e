/**
 * ICAO 9303 check digits (part 3, §4.9): each character's value (digits as themselves, A=10 … Z=35,
 * the filler `<` = 0) times the repeating weights 7, 3, 1, summed, modulo 10. Pure.
 */
export function icaoCharValue(ch: string): number | null {
  if (ch === '<') return 0;
  const c = ch.charCodeAt(0);
  if (ch.length === 1 && c >= 48 && c <= 57) return c - 48;
  if (ch.length === 1 && c >= 65 && c <= 90) return c - 55;
  return null;
}

const WEIGHTS = [7, 3, 1] as const;

/** The check digit over `text`, or null when it holds a character the MRZ alphabet does not have. */
export function checkDigit(text: string): number | null {
  let sum = 0;
  for (let i = 0; i < text.length; i++) {
    const v = icaoCharValue(text[i]);
    if (v === null) return null;
    sum += v * WEIGHTS[i % 3];
  }
  return sum % 10;
}

/** Whether `digit` (one character) is the check digit of `text`. */
export const hasCheckDigit = (text: string, digit: string): boolean => {
  const d = checkDigit(text);
  return d !== null && digit === String(d);
};
