import { describe, expect, it } from 'vitest';
import { invalidInvoiceData, invoicingError } from './errors.ts';

describe('invoicing errors', () => {
  it('an invoice without a customer cannot take the buyer from one', () => {
    const e = invoicingError('INVOICE_WITHOUT_CUSTOMER', { customerId: null });
    expect([e.code, e.status, e.details]).toEqual(['INVOICE_WITHOUT_CUSTOMER', 400, { customerId: null }]);
    expect(e.localizedMessage('vi')).toBe('Hoá đơn không gắn với khách hàng nào để lấy thông tin người mua');
    expect(e.localizedMessage('en')).toBe('The invoice has no customer to take the buyer from');
  });

  it('invalid data counts its problems in Vietnamese and lists them in English, never mixed', () => {
    const e = invalidInvoiceData(['HHDVu[1].unit (DVTinh) is required on a goods/service line', 'KHHDon "X" does not match']);
    expect([e.code, e.status]).toEqual(['VALIDATION_FAILED', 400]);
    expect(e.localizedMessage('vi')).toBe('Dữ liệu không hợp lệ: dữ liệu hoá đơn có 2 lỗi (danh sách trong phần chi tiết)');
    expect(e.localizedMessage('en')).toBe('Invalid input: HHDVu[1].unit (DVTinh) is required on a goods/service line; KHHDon "X" does not match');
  });
});
