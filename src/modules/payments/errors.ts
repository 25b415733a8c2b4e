import { defineErrors } from '../../platform/errors.ts';
import { formatVnd } from '../../platform/money.ts';

/** Amounts travel as decimal strings of đồng (details stay JSON); messages show them as `1.000.000 ₫`. */
const vnd = (amount: string) => formatVnd(BigInt(amount));

/** The payments module's own codes; generic refusals use the kernel's `fail`. */
export const paymentError = defineErrors({
  PAYMENT_LINK_EXPIRED: {
    status: 410,
    vi: 'Liên kết thanh toán đã hết hạn, vui lòng liên hệ MobiFone để nhận liên kết mới',
    en: 'The payment link has expired; ask MobiFone for a new one',
  },
  REFUND_EXCEEDS_REMAINING: {
    status: 409,
    vi: (p: { amountVnd: string; remainingVnd: string }) => `Số tiền hoàn ${vnd(p.amountVnd)} vượt quá số tiền còn có thể hoàn (${vnd(p.remainingVnd)})`,
    en: (p: { amountVnd: string; remainingVnd: string }) => `The refund of ${vnd(p.amountVnd)} exceeds what is left to refund (${vnd(p.remainingVnd)})`,
  },
  PAYMENT_OWNED_ELSEWHERE: {
    status: 409,
    vi: 'Khoản thanh toán này thuộc nghiệp vụ khác (thanh toán cước di động): huỷ giao dịch tại màn hình gạch nợ để hoàn tiền cùng trạng thái giao dịch',
    en: 'This payment belongs to another service (mobile bill payment): cancel the transaction at its clearing desk, which refunds it with the transaction',
  },
  PAYMENT_NOT_REFUNDABLE: {
    status: 409,
    vi: 'Khoản thanh toán này không thể hoàn tiền qua VNPay (chưa thanh toán hoặc không thanh toán qua VNPay)',
    en: 'This payment cannot be refunded through VNPay (not paid, or not paid through VNPay)',
  },
  PAYMENT_AMOUNT_OUT_OF_RANGE: {
    status: 400,
    vi: (p: { amountVnd: string; maxVnd: string }) => `Số tiền ${vnd(p.amountVnd)} nằm ngoài giới hạn thanh toán qua VNPay (tối đa ${vnd(p.maxVnd)})`,
    en: (p: { amountVnd: string; maxVnd: string }) => `The amount ${vnd(p.amountVnd)} is outside what VNPay accepts (at most ${vnd(p.maxVnd)})`,
  },
  PAYMENT_ALREADY_RECORDED: {
    status: 409,
    vi: 'Khoản thanh toán này đã được ghi nhận',
    en: 'This payment has already been recorded',
  },
  PAID_AT_INVALID: {
    status: 400,
    vi: 'Thời điểm thanh toán không hợp lệ (không được ở tương lai hoặc trước khi lập hợp đồng)',
    en: 'Invalid payment time (not in the future, nor before the contract was created)',
  },
  VNPAY_SOURCE_NOT_ALLOWED: {
    status: 403,
    vi: (p: { ip: string }) => `Địa chỉ gửi IPN ${p.ip} không nằm trong danh sách VNPay được phép`,
    en: (p: { ip: string }) => `The IPN source address ${p.ip} is not on the VNPay allow-list`,
  },
  PAYMENT_NOT_PAYABLE: {
    status: 409,
    vi: (p: { payment: string; status: string }) => `Khoản thanh toán ${p.payment} không còn chờ thanh toán (trạng thái ${p.status})`,
    en: (p: { payment: string; status: string }) => `Payment ${p.payment} is no longer awaiting money (status ${p.status})`,
  },
});
