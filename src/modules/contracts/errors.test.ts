import { describe, expect, it } from 'vitest';
import { contractsError } from './errors.ts';

describe('contracts errors', () => {
  it('a payment that does not match names both amounts in each language', () => {
    const e = contractsError('PAYMENT_MISMATCH', { expected: '20000000', got: '1000' });
    expect([e.code, e.status, e.details]).toEqual(['PAYMENT_MISMATCH', 409, { expected: '20000000', got: '1000' }]);
    expect(e.localizedMessage('vi')).toBe('Số tiền thanh toán 1000 đ không khớp với số tiền phải trả 20000000 đ');
    expect(e.localizedMessage('en')).toBe('The payment of 1000 VND does not match the 20000000 VND owed');
  });
});
