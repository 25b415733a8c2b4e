import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import { checkedBuyer } from './buyer.ts';

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof AppError ? e.code : String(e);
  }
  return 'accepted';
};

describe('buyer rules', () => {
  it('an individual needs neither tax code nor address; blanks count as absent', () => {
    const person = { type: 'individual' as const, name: 'Lý Thị Quỳnh' };
    expect(checkedBuyer(person)).toEqual({ ...person, taxCode: undefined, address: undefined });
    expect(checkedBuyer({ type: 'individual', taxCode: '  ', address: ' ' })).toMatchObject({ taxCode: undefined, address: undefined });
  });
  it('an enterprise needs a valid tax code', () => {
    expect(codeOf(() => checkedBuyer({ type: 'enterprise', address: '12 Trần Duy Hưng' }))).toBe('INVALID_TAX_CODE');
    expect(codeOf(() => checkedBuyer({ type: 'enterprise', taxCode: '01012345', address: '12 Trần Duy Hưng' }))).toBe('INVALID_TAX_CODE');
  });
  it('a tax code, for an enterprise or an individual, needs an address (the invoice names it)', () => {
    expect(codeOf(() => checkedBuyer({ type: 'enterprise', taxCode: '0101234567' }))).toBe('BUYER_ADDRESS_REQUIRED');
    expect(codeOf(() => checkedBuyer({ type: 'individual', taxCode: '0101234567-001', address: '  ' }))).toBe('BUYER_ADDRESS_REQUIRED');
  });
  it('trims what it keeps', () => {
    expect(checkedBuyer({ type: 'enterprise', taxCode: ' 0101234567-001 ', address: ' 12 Trần Duy Hưng ' })).toEqual({
      type: 'enterprise',
      taxCode: '0101234567-001',
      address: '12 Trần Duy Hưng',
    });
  });
});
