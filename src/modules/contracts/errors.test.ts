import { describe, expect, it } from 'vitest';
import { contractsError } from './errors.ts';

describe('contracts errors', () => {
  it('a payment that does not match names both amounts, formatted, in each language', () => {
    const e = contractsError('PAYMENT_MISMATCH', { expectedVnd: '20000000', gotVnd: '1000' });
    expect([e.code, e.status, e.details]).toEqual(['PAYMENT_MISMATCH', 409, { expectedVnd: '20000000', gotVnd: '1000' }]);
    expect(e.localizedMessage('vi')).toBe('Số tiền thanh toán 1.000 ₫ không khớp với số tiền cần thanh toán 20.000.000 ₫');
    expect(e.localizedMessage('en')).toBe('The amount paid, 1.000 ₫, does not match the 20.000.000 ₫ due');
  });
});
