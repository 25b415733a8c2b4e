import { defineErrors, type Bilingual } from '../../platform/errors.ts';

/** The contracts module's own refusals; generic ones (not found, a wrong state) use the kernel's `fail`. */
export const contractsError = defineErrors({
  /** A payment must settle exactly what is owed (a contract's total, an appendix's payable amount). */
  PAYMENT_MISMATCH: {
    status: 409,
    vi: (p: { expected: string; got: string }) => `Số tiền thanh toán ${p.got} đ không khớp với số tiền phải trả ${p.expected} đ`,
    en: (p: { expected: string; got: string }) => `The payment of ${p.got} VND does not match the ${p.expected} VND owed`,
  },
});

/** Reasons several use cases give with a kernel code. */
export const NO_CONTRACT: Bilingual = { vi: 'không có hợp đồng này', en: 'no such contract' };
export const NO_APPENDIX: Bilingual = { vi: 'không có phụ lục này', en: 'no such appendix' };
export const appendixIs = (status: string): Bilingual => ({ vi: `phụ lục đang ở trạng thái ${status}`, en: `appendix is ${status}` });
