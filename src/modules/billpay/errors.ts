import { defineErrors } from '../../platform/errors.ts';

const fmt = (v: string) => v.replace(/\B(?=(\d{3})+(?!\d))/g, '.');

export const billpayError = defineErrors({
  NOT_MOBIFONE_NUMBER: {
    status: 422,
    vi: (p: { msisdn: string }) => `Số ${p.msisdn} không phải số thuê bao MobiFone: chỉ thuê bao MobiFone được thanh toán tại đây`,
    en: (p: { msisdn: string }) => `${p.msisdn} is not a MobiFone number: only MobiFone subscribers pay here`,
  },
  AMOUNT_OUT_OF_RANGE: {
    status: 422,
    vi: (p: { minVnd: string; maxVnd: string }) => `Số tiền mỗi giao dịch phải từ ${fmt(p.minVnd)} đến ${fmt(p.maxVnd)} đồng`,
    en: (p: { minVnd: string; maxVnd: string }) => `Each transaction must be between ${p.minVnd} and ${p.maxVnd} VND`,
  },
  DAILY_COUNT_EXCEEDED: {
    status: 409,
    vi: (p: { max: number }) => `Thuê bao đã có ${p.max} giao dịch trong ngày hôm nay: không thể giao dịch thêm`,
    en: (p: { max: number }) => `This number already has ${p.max} transactions today: no more are allowed`,
  },
  DAILY_AMOUNT_EXCEEDED: {
    status: 409,
    vi: (p: { maxVnd: string; usedVnd: string }) => `Thanh toán cước trong ngày không được quá ${fmt(p.maxVnd)} đồng (đã dùng ${fmt(p.usedVnd)} đồng)`,
    en: (p: { maxVnd: string; usedVnd: string }) => `Bill payments of a day may not exceed ${p.maxVnd} VND (${p.usedVnd} VND used)`,
  },
  WRONG_SUBSCRIBER_TYPE: {
    status: 422,
    vi: (p: { type: string }) => (p.type === 'prepaid' ? 'Thuê bao trả trước không có cước để thanh toán: hãy chọn nạp tiền' : 'Thuê bao trả sau không nạp tiền: hãy chọn thanh toán cước'),
    en: (p: { type: string }) => (p.type === 'prepaid' ? 'A prepaid number has no bill to pay: choose a top-up' : 'A postpaid number is not topped up: choose bill payment'),
  },
  SUBSCRIBER_NOT_FOUND: {
    status: 404,
    vi: 'Không tìm thấy thuê bao trong hệ thống tính cước',
    en: 'The number is not a subscriber in the billing system',
  },
  LEDGER_UNAVAILABLE: {
    status: 503,
    vi: 'Hệ thống tính cước tạm thời không trả lời; vui lòng thử lại sau ít phút',
    en: 'The billing system is not answering; please try again in a few minutes',
  },
  PAYMENT_PASSWORD_INVALID: {
    status: 401,
    vi: 'Mật khẩu thanh toán không đúng (hoặc chưa đăng ký: soạn MK <mật khẩu> gửi 9223)',
    en: 'Wrong payment password (or none registered: text MK <password> to 9223)',
  },
  PAYMENT_PASSWORD_LOCKED: {
    status: 429,
    vi: (p: { minutes: number }) => `Nhập sai mật khẩu quá nhiều lần: vui lòng thử lại sau ${p.minutes} phút`,
    en: (p: { minutes: number }) => `Too many wrong passwords: try again in ${p.minutes} minutes`,
  },
  ORDER_ALREADY_CLEARED: {
    status: 409,
    vi: 'Giao dịch đã được gạch nợ/nạp tiền: không thể huỷ hay hoàn tiền',
    en: 'The transaction has been cleared: it cannot be cancelled or refunded',
  },
  ORDER_NOT_CANCELLABLE: {
    status: 409,
    vi: (p: { status: string }) => `Giao dịch ở trạng thái ${p.status}: không thể huỷ`,
    en: (p: { status: string }) => `The transaction is ${p.status}: it cannot be cancelled`,
  },
  ORDER_NOT_CLEARABLE: {
    status: 409,
    vi: (p: { status: string }) => `Giao dịch ở trạng thái ${p.status}: không cần gạch nợ`,
    en: (p: { status: string }) => `The transaction is ${p.status}: there is nothing to clear`,
  },
  ORDER_NOT_INVOICEABLE: {
    status: 409,
    vi: (p: { status: string }) => `Giao dịch ở trạng thái ${p.status}: chỉ giao dịch đã gạch nợ/nạp tiền mới xuất hoá đơn GTGT`,
    en: (p: { status: string }) => `The transaction is ${p.status}: only cleared transactions get a VAT invoice`,
  },
  OTHER_CENTER: {
    status: 403,
    vi: (p: { center: number }) => `Thuê bao thuộc Trung tâm ${p.center}: chỉ user gạch nợ của Trung tâm đó được thao tác`,
    en: (p: { center: number }) => `The number belongs to center ${p.center}: only that center's clearing user may act on it`,
  },
});
