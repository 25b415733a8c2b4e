import { describe, expect, it } from 'vitest';
import { ALSO_TOLD, noticeText, termText } from './notices.ts';

describe('contract notices', () => {
  it('says the event in the reader\'s language', () => {
    expect(noticeText('paid', 'vi')).toBe('khách hàng đã thanh toán, chờ phê duyệt');
    expect(noticeText('paid', 'en')).toBe('paid by the customer, awaiting approval');
    expect(noticeText('expired', 'vi')).toBe('đã hết hạn, dịch vụ dừng');
  });

  it('tells admin and the invoice officer of a payment, admin of a rejection, nobody else of a reminder', () => {
    expect(ALSO_TOLD.paid).toEqual(['admin', 'invoice_officer']);
    expect(ALSO_TOLD.rejected).toEqual(['admin']);
    expect(ALSO_TOLD.reminder).toBeUndefined();
  });

  it('shows the term in dd/MM/yyyy, a dash for an unknown end', () => {
    expect(termText('2026-03-02', '2027-03-01')).toBe('Thời hạn: 02/03/2026 – 01/03/2027');
    expect(termText('2026-03-02', null)).toBe('Thời hạn: 02/03/2026 – —');
  });
});
