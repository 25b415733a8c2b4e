import { describe, expect, it } from 'vitest';
import { customerError } from './errors.ts';

describe('customer errors', () => {
  it('an invalid tax code is quoted; a missing one is said so', () => {
    const bad = customerError('INVALID_TAX_CODE', { taxCode: '01012345' });
    expect(bad).toMatchObject({ status: 400, details: { taxCode: '01012345' } });
    expect(bad.localizedMessage('vi')).toBe('Mã số thuế "01012345" không hợp lệ: cần 10 chữ số hoặc 10 chữ số-3 chữ số');
    expect(bad.localizedMessage('en')).toBe('The tax code "01012345" is invalid: it must be 10 digits or 10-3 digits');
    const missing = customerError('INVALID_TAX_CODE', { taxCode: null });
    expect(missing.localizedMessage('vi')).toBe('Khách hàng doanh nghiệp cần có mã số thuế');
    expect(missing.localizedMessage('en')).toBe('An enterprise customer needs its tax code');
  });

  it('a duplicate tax code and an ambiguous phone name what they found', () => {
    const dup = customerError('TAX_CODE_TAKEN', { taxCode: '0101234567', existing: 'cus_1' });
    expect(dup).toMatchObject({ status: 409, details: { taxCode: '0101234567', existing: 'cus_1' } });
    expect(dup.localizedMessage('vi')).toBe('Đã có khách hàng với mã số thuế 0101234567');
    expect(dup.localizedMessage('en')).toBe('A customer with tax code 0101234567 already exists');
    const candidates = [
      { id: 'c1', name: 'Công ty A', type: 'enterprise' },
      { id: 'c2', name: 'Nguyễn Văn B', type: 'individual' },
    ];
    const ambiguous = customerError('CUSTOMER_AMBIGUOUS', { candidates });
    expect(ambiguous).toMatchObject({ code: 'CUSTOMER_AMBIGUOUS', status: 409, details: { candidates } });
    expect(ambiguous.localizedMessage('vi')).toBe('Số điện thoại trùng với 2 khách hàng, hãy chọn một khách hàng');
    expect(ambiguous.localizedMessage('en')).toBe('2 customers share this phone number; choose one');
  });

  it('a tax code without an address cannot be invoiced', () => {
    const e = customerError('BUYER_ADDRESS_REQUIRED', { taxCode: '0101234567-001' });
    expect(e.localizedMessage('vi')).toBe('Khách hàng có mã số thuế 0101234567-001 cần có địa chỉ để xuất hoá đơn');
    expect(e.localizedMessage('en')).toBe('A customer with tax code 0101234567-001 needs an address for its invoices');
  });
});
