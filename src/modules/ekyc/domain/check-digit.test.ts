import { describe, expect, it } from 'vitest';
import { checkDigit, hasCheckDigit, icaoCharValue } from './check-digit.ts';

describe('ICAO 9303 check digits', () => {
  it('values: digits, A=10 … Z=35, < = 0, anything else none', () => {
    expect(['0', '9', 'A', 'Z', '<'].map(icaoCharValue)).toEqual([0, 9, 10, 35, 0]);
    expect(icaoCharValue('a')).toBeNull();
    expect(icaoCharValue('Đ')).toBeNull();
  });

  it('the examples of Doc 9303 part 3 (weights 7-3-1, modulo 10)', () => {
    expect(checkDigit('520727')).toBe(3); // 5·7+2·3+0·1+7·7+2·3+7·1 = 103
    expect(checkDigit('D23145890')).toBe(7); // the TD1 specimen document number
    expect(checkDigit('740812')).toBe(2);
    expect(checkDigit('120415')).toBe(9);
    expect(checkDigit('L898902C<')).toBe(3); // TD3 specimen, filler counts 0
  });

  it('a changed character or a foreign one fails', () => {
    expect(hasCheckDigit('D23145890', '7')).toBe(true);
    expect(hasCheckDigit('D23145891', '7')).toBe(false);
    expect(hasCheckDigit('d23145890', '7')).toBe(false);
    expect(hasCheckDigit('D23145890', '<')).toBe(false);
  });
});
