import { fail, defineErrors } from '../../platform/errors.ts';

/** The invoicing module's own codes; generic refusals use the kernel's `fail`. */
export const invoicingError = defineErrors({
  INVOICE_WITHOUT_CUSTOMER: {
    status: 400,
    vi: 'Hoá đơn không gắn với khách hàng nào để lấy thông tin người mua',
    en: 'The invoice has no customer to take the buyer from',
  },
});

/**
 * The invoice data cannot make an invoice: `VALIDATION_FAILED` with every problem in `details`. The
 * problems name the XML fields of Decision 1450 (`KHHDon`, `HHDVu[1].rate`) in English, so the Vietnamese
 * message counts them and points to the details instead of mixing the languages.
 */
export const invalidInvoiceData = (problems: string[]) =>
  fail('VALIDATION_FAILED', { problems }, { vi: `dữ liệu hoá đơn có ${problems.length} lỗi (danh sách trong phần chi tiết)`, en: problems.join('; ') });
