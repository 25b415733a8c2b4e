import { defineErrors, fail } from '../../platform/errors.ts';

type Candidate = { id: string; name: string; type: string };

export const customerError = defineErrors({
  INVALID_TAX_CODE: {
    status: 400,
    vi: (p: { taxCode: string | null }) =>
      p.taxCode === null ? 'Khách hàng doanh nghiệp cần có mã số thuế' : `Mã số thuế "${p.taxCode}" không hợp lệ: cần 10 chữ số hoặc 10 chữ số-3 chữ số`,
    en: (p: { taxCode: string | null }) =>
      p.taxCode === null ? 'An enterprise customer needs its tax code' : `The tax code "${p.taxCode}" is invalid: it must be 10 digits or 10-3 digits`,
  },
  BUYER_ADDRESS_REQUIRED: {
    status: 400,
    vi: (p: { taxCode: string }) => `Khách hàng có mã số thuế ${p.taxCode} cần có địa chỉ để xuất hoá đơn`,
    en: (p: { taxCode: string }) => `A customer with tax code ${p.taxCode} needs an address for its invoices`,
  },
  TAX_CODE_TAKEN: {
    status: 409,
    vi: (p: { taxCode: string; existing: string }) => `Đã có khách hàng với mã số thuế ${p.taxCode}`,
    en: (p: { taxCode: string; existing: string }) => `A customer with tax code ${p.taxCode} already exists`,
  },
  CUSTOMER_AMBIGUOUS: {
    status: 409,
    vi: (p: { candidates: Candidate[] }) => `Số điện thoại trùng với ${p.candidates.length} khách hàng, hãy chọn một khách hàng`,
    en: (p: { candidates: Candidate[] }) => `${p.candidates.length} customers share this phone number; choose one`,
  },
});

/** An unknown customer, or one the caller may not see: the same answer, so an id reveals nothing. */
export const customerNotFound = (id: string) => fail('NOT_FOUND', { customer: id }, { vi: 'không có khách hàng này', en: 'no such customer' });

/** Staff asking for a customer outside their scope. */
export const customerOutOfScope = (id: string) =>
  fail('FORBIDDEN', { customer: id }, { vi: 'khách hàng nằm ngoài phạm vi của bạn', en: 'the customer is outside your scope' });
