import { defineErrors } from '../../platform/errors.ts';

export const billingError = defineErrors({
  PERIOD_NOT_CLOSED: {
    status: 409,
    vi: (p: { period: string }) => `Kỳ ${p.period} chưa kết thúc (giờ Việt Nam); chỉ lập hoá đơn cước cho tháng đã qua`,
    en: (p: { period: string }) => `The period ${p.period} has not ended yet (Vietnam time); only past months are billed`,
  },
  BILL_NOT_PAYABLE: {
    status: 409,
    vi: (p: { bill: string; status: string }) => `Hoá đơn cước ${p.bill} đang ở trạng thái ${p.status}, không nhận thanh toán`,
    en: (p: { bill: string; status: string }) => `Bill ${p.bill} is ${p.status} and takes no payment`,
  },
  BILL_AMOUNT_INVALID: {
    status: 400,
    vi: 'Số tiền thanh toán hoá đơn cước phải lớn hơn 0',
    en: 'A payment of a bill must be more than zero',
  },
  BILL_OVERPAID: {
    status: 409,
    vi: (p: { bill: string; outstandingVnd: string }) =>
      `Số tiền vượt quá số còn phải trả của hoá đơn cước ${p.bill} (${p.outstandingVnd} đồng)`,
    en: (p: { bill: string; outstandingVnd: string }) => `The amount exceeds what bill ${p.bill} still owes (${p.outstandingVnd} VND)`,
  },
});
