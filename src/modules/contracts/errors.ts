import { defineErrors, type Bilingual } from '../../platform/errors.ts';
import { formatVnd } from '../../platform/money.ts';

/** Amounts travel as decimal strings of đồng (details stay JSON); messages show them as `1.000.000 ₫`. */
const vnd = (amount: string) => formatVnd(BigInt(amount));

/** The contracts module's own refusals; generic ones (not found, a wrong state) use the kernel's `fail`. */
export const contractsError = defineErrors({
  /**
   * A payment settles exactly what is owed (a contract's total, an appendix's payable amount). Payments
   * throws it too (a bank transfer or a VNPay answer against its payment): it imports this factory.
   */
  PAYMENT_MISMATCH: {
    status: 409,
    vi: (p: { expectedVnd: string; gotVnd: string }) => `Số tiền thanh toán ${vnd(p.gotVnd)} không khớp với số tiền cần thanh toán ${vnd(p.expectedVnd)}`,
    en: (p: { expectedVnd: string; gotVnd: string }) => `The amount paid, ${vnd(p.gotVnd)}, does not match the ${vnd(p.expectedVnd)} due`,
  },
});

/** Reasons several use cases give with a kernel code. */
export const NO_CONTRACT: Bilingual = { vi: 'không có hợp đồng này', en: 'no such contract' };
export const NO_APPENDIX: Bilingual = { vi: 'không có phụ lục này', en: 'no such appendix' };
export const appendixIs = (status: string): Bilingual => ({ vi: `phụ lục đang ở trạng thái ${status}`, en: `appendix is ${status}` });
