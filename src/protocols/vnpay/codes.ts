/**
 * VNPay code tables (PAY API 2.1.0), from `shared/reference/vnpay.md` §4 and §6.
 * Only tables and lookups live here: what to do with a code is the payments service's decision.
 */

export interface CodeText {
  vi: string;
  en: string;
}

/** `vnp_ResponseCode` of a payment (Return URL and IPN). */
export const PAYMENT_RESPONSE_CODES = {
  '00': { vi: 'Giao dịch thành công', en: 'Success' },
  '07': {
    vi: 'Trừ tiền thành công. Giao dịch bị nghi ngờ (liên quan tới lừa đảo, giao dịch bất thường); merchant cần xác nhận hoặc từ chối trên cổng quản trị',
    en: 'Money taken but the transaction is suspected (fraud or anomaly); the merchant must approve or reject it in the portal',
  },
  '09': {
    vi: 'Giao dịch không thành công do thẻ/tài khoản của khách hàng chưa đăng ký dịch vụ InternetBanking tại ngân hàng',
    en: 'Card or account not registered for Internet Banking',
  },
  '10': {
    vi: 'Giao dịch không thành công do khách hàng xác thực thông tin thẻ/tài khoản không đúng quá 3 lần',
    en: 'Card or account authentication failed more than 3 times',
  },
  '11': {
    vi: 'Giao dịch không thành công do đã hết hạn chờ thanh toán. Xin quý khách vui lòng thực hiện lại giao dịch',
    en: 'Payment window expired',
  },
  '12': { vi: 'Giao dịch không thành công do thẻ/tài khoản của khách hàng bị khóa', en: 'Card or account locked' },
  '13': {
    vi: 'Giao dịch không thành công do quý khách nhập sai mật khẩu xác thực giao dịch (OTP). Xin quý khách vui lòng thực hiện lại giao dịch',
    en: 'Wrong OTP',
  },
  '24': { vi: 'Giao dịch không thành công do khách hàng hủy giao dịch', en: 'Customer cancelled' },
  '51': {
    vi: 'Giao dịch không thành công do tài khoản của quý khách không đủ số dư để thực hiện giao dịch',
    en: 'Insufficient balance',
  },
  '65': {
    vi: 'Giao dịch không thành công do tài khoản của quý khách đã vượt quá hạn mức giao dịch trong ngày',
    en: 'Daily limit exceeded',
  },
  '75': { vi: 'Ngân hàng thanh toán đang bảo trì', en: 'Bank under maintenance' },
  '79': {
    vi: 'Giao dịch không thành công do khách hàng nhập sai mật khẩu thanh toán quá số lần quy định. Xin quý khách vui lòng thực hiện lại giao dịch',
    en: 'Wrong payment password too many times',
  },
  '99': { vi: 'Các lỗi khác', en: 'Other errors' },
} as const satisfies Record<string, CodeText>;

export type PaymentResponseCode = keyof typeof PAYMENT_RESPONSE_CODES;

/** Older payment codes still carried by some terminals (LIB's message map); informative only. */
export const LEGACY_PAYMENT_RESPONSE_CODES = {
  '01': { vi: 'Giao dịch đã tồn tại', en: 'Transaction already exists' },
  '02': { vi: 'Merchant không hợp lệ (kiểm tra lại vnp_TmnCode)', en: 'Invalid merchant (check vnp_TmnCode)' },
  '03': { vi: 'Dữ liệu gửi sang không đúng định dạng', en: 'Malformed data' },
  '04': { vi: 'Khởi tạo giao dịch không thành công do website đang bị tạm khóa', en: 'Merchant website temporarily locked' },
  '05': { vi: 'Quý khách nhập sai mật khẩu thanh toán quá số lần quy định', en: 'Too many wrong passwords' },
  '06': { vi: 'Quý khách nhập sai mật khẩu xác thực giao dịch (OTP)', en: 'Wrong OTP' },
  '08': { vi: 'Hệ thống ngân hàng đang bảo trì', en: 'Bank system under maintenance' },
} as const satisfies Record<string, CodeText>;

/** `vnp_TransactionStatus`. Any value not listed means "not paid". */
export const TRANSACTION_STATUS = {
  '00': { vi: 'Giao dịch thanh toán thành công', en: 'Success' },
  '01': { vi: 'Giao dịch chưa hoàn tất', en: 'Not completed yet' },
  '02': { vi: 'Giao dịch bị lỗi', en: 'Failed' },
  '04': {
    vi: 'Giao dịch đảo (khách hàng đã bị trừ tiền tại ngân hàng nhưng giao dịch chưa thành công ở VNPAY)',
    en: 'Reversed (debited at the bank, but failed at VNPay)',
  },
  '05': { vi: 'VNPAY đang xử lý giao dịch này (giao dịch hoàn tiền)', en: 'VNPay processing (refund)' },
  '06': { vi: 'VNPAY đã gửi yêu cầu hoàn tiền sang ngân hàng (giao dịch hoàn tiền)', en: 'Refund sent to the bank' },
  '07': { vi: 'Giao dịch bị nghi ngờ gian lận', en: 'Suspected fraud' },
  '09': { vi: 'Giao dịch hoàn trả bị từ chối', en: 'Refund rejected' },
} as const satisfies Record<string, CodeText>;

export type TransactionStatus = keyof typeof TRANSACTION_STATUS;

/** `vnp_TransactionType` in querydr and refund. */
export const TRANSACTION_TYPE = {
  '01': { vi: 'Giao dịch thanh toán', en: 'Payment' },
  '02': { vi: 'Giao dịch hoàn trả toàn phần', en: 'Full refund' },
  '03': { vi: 'Giao dịch hoàn trả một phần', en: 'Partial refund' },
} as const satisfies Record<string, CodeText>;

/** The answers querydr and refund share about the request itself. */
const MERCHANT_API_CODES = {
  '00': { vi: 'Yêu cầu thành công', en: 'Request OK' },
  '02': { vi: 'Mã định danh kết nối không hợp lệ (kiểm tra lại TmnCode)', en: 'Invalid TmnCode' },
  '03': { vi: 'Dữ liệu gửi sang không đúng định dạng', en: 'Malformed data' },
  '97': { vi: 'Checksum không hợp lệ', en: 'Invalid checksum' },
  '99': { vi: 'Các lỗi khác', en: 'Other errors' },
} as const satisfies Record<string, CodeText>;

/** `vnp_ResponseCode` of querydr (the request itself; the payment outcome is `vnp_TransactionStatus`). */
export const QUERYDR_RESPONSE_CODES = {
  ...MERCHANT_API_CODES,
  '91': { vi: 'Không tìm thấy giao dịch yêu cầu', en: 'Transaction not found' },
  '94': { vi: 'Yêu cầu bị trùng lặp trong thời gian giới hạn của API', en: 'Duplicate request within the API window' },
} as const satisfies Record<string, CodeText>;

/**
 * `vnp_ResponseCode` of refund: the current table, plus 04 and 93 from VNPay's older error-code page
 * (the simulator uses them for "full refund after a partial one" and "invalid refund amount").
 */
export const REFUND_RESPONSE_CODES = {
  ...MERCHANT_API_CODES,
  '04': { vi: 'Không cho phép hoàn trả toàn phần sau khi đã hoàn trả một phần', en: 'Full refund not allowed after a partial refund' },
  '91': { vi: 'Không tìm thấy giao dịch yêu cầu hoàn trả', en: 'Transaction to refund not found' },
  '93': { vi: 'Số tiền hoàn trả không hợp lệ', en: 'Invalid refund amount' },
  '94': {
    vi: 'Giao dịch đã được gửi yêu cầu hoàn tiền trước đó. Yêu cầu này VNPAY đang xử lý',
    en: 'A refund for this transaction was already requested and is being processed',
  },
  '95': {
    vi: 'Giao dịch này không thành công bên VNPAY. VNPAY từ chối xử lý yêu cầu',
    en: 'Original transaction not successful; VNPay refuses',
  },
} as const satisfies Record<string, CodeText>;

/** The `RspCode` values a merchant answers an IPN with (§4). 00 and 02 stop VNPay's retries. */
export const IPN_RSP_CODE = {
  CONFIRM_SUCCESS: '00',
  ORDER_NOT_FOUND: '01',
  ALREADY_CONFIRMED: '02',
  INVALID_AMOUNT: '04',
  INVALID_SIGNATURE: '97',
  UNKNOWN_ERROR: '99',
} as const;

export type IpnRspCode = (typeof IPN_RSP_CODE)[keyof typeof IPN_RSP_CODE];

/** The `Message` VNPay's official demos send with each `RspCode`. */
export const IPN_MESSAGES: Record<IpnRspCode, string> = {
  '00': 'Confirm Success',
  '01': 'Order not found',
  '02': 'Order already confirmed',
  '04': 'Invalid amount',
  '97': 'Invalid signature',
  '99': 'Unknown error',
};

/** Codes after which VNPay stops sending the IPN. */
export const IPN_FINAL_RSP_CODES: readonly string[] = [IPN_RSP_CODE.CONFIRM_SUCCESS, IPN_RSP_CODE.ALREADY_CONFIRMED];

export interface IpnAnswerBody {
  RspCode: IpnRspCode;
  Message: string;
}

/** The JSON body to answer an IPN with (always with HTTP 200). */
export function ipnAnswerBody(code: IpnRspCode): IpnAnswerBody {
  return { RspCode: code, Message: IPN_MESSAGES[code] };
}

type Locale = 'vi' | 'en';

function describe(table: Record<string, CodeText>, code: string, locale: Locale, fallback: CodeText): string {
  return (table[code] ?? fallback)[locale];
}

const UNKNOWN: CodeText = { vi: 'Mã lỗi không xác định', en: 'Unknown code' };

export function describePaymentResponse(code: string, locale: Locale = 'vi'): string {
  const table: Record<string, CodeText> = { ...LEGACY_PAYMENT_RESPONSE_CODES, ...PAYMENT_RESPONSE_CODES };
  return describe(table, code, locale, UNKNOWN);
}

export function describeTransactionStatus(code: string, locale: Locale = 'vi'): string {
  return describe(TRANSACTION_STATUS, code, locale, UNKNOWN);
}

export function describeQueryDrResponse(code: string, locale: Locale = 'vi'): string {
  return describe(QUERYDR_RESPONSE_CODES, code, locale, UNKNOWN);
}

export function describeRefundResponse(code: string, locale: Locale = 'vi'): string {
  return describe(REFUND_RESPONSE_CODES, code, locale, UNKNOWN);
}
