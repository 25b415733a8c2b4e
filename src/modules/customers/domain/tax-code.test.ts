import { describe, expect, it } from 'vitest';
import { isValidTaxCode } from './tax-code.ts';

describe('tax code', () => {
  it('accepts 10 digits or 10-3 digits', () => {
    expect(isValidTaxCode('0101234567')).toBe(true);
    expect(isValidTaxCode('0101234567-001')).toBe(true);
  });
  it('refuses anything else', () => {
    for (const bad of ['010123456', '01012345678', '0101234567-01', '0101234567001', 'O101234567', '0101234567 -001', '']) {
      expect(isValidTaxCode(bad), bad).toBe(false);
    }
  });
});
