/**
 * TEMPORARY (issue #9, being removed module by module): the old global table, so that unconverted
 * throw sites keep working. Each module replaces `legacyError` with its own `errors.ts` or `fail`.
 */
import { AppError } from './errors.ts';

const LEGACY = {
  VALIDATION_FAILED: { status: 400, vi: 'Dữ liệu không hợp lệ', en: 'Invalid input' },
  MALFORMED_JSON: { status: 400, vi: 'Nội dung JSON không đúng cú pháp', en: 'Malformed JSON body' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, vi: 'Định dạng nội dung không được hỗ trợ', en: 'Unsupported content type' },
  UNAUTHENTICATED: { status: 401, vi: 'Bạn cần đăng nhập', en: 'Sign-in required' },
  INVALID_CREDENTIALS: { status: 401, vi: 'Tên đăng nhập hoặc mật khẩu không đúng (sai 5 lần liên tiếp, tài khoản tạm khoá 15 phút)', en: 'Wrong username or password (5 failures in a row lock the account for 15 minutes)' },
  CSRF_INVALID: { status: 403, vi: 'Thiếu hoặc sai mã chống giả mạo (CSRF)', en: 'Missing or invalid CSRF token' },
  FORBIDDEN: { status: 403, vi: 'Bạn không có quyền thực hiện thao tác này', en: 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, vi: 'Không tìm thấy', en: 'Not found' },
  CONFLICT: { status: 409, vi: 'Dữ liệu đã bị thay đổi hoặc đã tồn tại', en: 'Conflicting or duplicate data' },
  USERNAME_TAKEN: { status: 409, vi: 'Tên đăng nhập đã được sử dụng', en: 'Username already taken' },
  WEAK_PASSWORD: { status: 400, vi: 'Mật khẩu phải có ít nhất 8 ký tự, gồm chữ và số', en: 'Password needs at least 8 characters with letters and digits' },
  INVALID_TRANSITION: { status: 409, vi: 'Không thể chuyển trạng thái từ trạng thái hiện tại', en: 'Transition not allowed from the current state' },
  RATE_LIMITED: { status: 429, vi: 'Quá nhiều yêu cầu, vui lòng thử lại sau', en: 'Too many requests; try again later' },
  INVALID_QUANTITY: { status: 400, vi: 'Số lượng phải là số nguyên dương', en: 'Quantity must be a positive whole number' },
  PERIOD_NOT_OFFERED: { status: 400, vi: 'Gói cước không có kỳ thanh toán này', en: 'The plan does not offer this billing period' },
  PERIOD_REQUIRED: { status: 400, vi: 'Cần chọn kỳ thanh toán (số tháng)', en: 'A billing period (months) is required' },
  QUOTE_REQUIRED: { status: 400, vi: 'Phiên bản On-Premise cần báo giá đã được duyệt', en: 'The On-Premise edition needs an approved quote' },
  UNKNOWN_PRODUCT: { status: 400, vi: 'Không có sản phẩm này', en: 'Unknown product' },
  INVALID_PRICE_MODEL: { status: 400, vi: 'Bảng giá không hợp lệ', en: 'Invalid price model' },
  INVALID_TAX_CODE: { status: 400, vi: 'Mã số thuế phải gồm 10 chữ số hoặc 10 chữ số-3 chữ số', en: 'Tax code must be 10 digits or 10-3 digits' },
  PAYMENT_MISMATCH: { status: 409, vi: 'Số tiền thanh toán không khớp với hợp đồng', en: 'Payment amount does not match the contract' },
  BODY_TOO_LARGE: { status: 413, vi: 'Nội dung gửi lên quá lớn', en: 'Request body too large' },
  FILE_TOO_LARGE: { status: 413, vi: 'Tệp quá lớn (tối đa 5 MB)', en: 'File too large (at most 5 MB)' },
  FILE_TYPE_NOT_ALLOWED: { status: 415, vi: 'Chỉ nhận tệp PDF, PNG hoặc JPEG', en: 'Only PDF, PNG or JPEG files are accepted' },
  PAYMENT_LINK_EXPIRED: { status: 410, vi: 'Liên kết thanh toán đã hết hạn, vui lòng liên hệ MobiFone để nhận liên kết mới', en: 'The payment link has expired; ask MobiFone for a new one' },
  SIMULATOR_DISABLED: { status: 404, vi: 'Bộ giả lập không bật', en: 'Simulators are disabled' },
  // validation and contracts (#8)
  INVALID_TEXT: { status: 400, vi: 'Văn bản chứa ký tự không hợp lệ (ký tự NUL hoặc mã Unicode lỗi)', en: 'Text contains an invalid character (NUL or malformed Unicode)' },
  AMOUNT_TOO_LARGE: { status: 400, vi: 'Số tiền vượt quá giới hạn cho phép (dưới 1 triệu tỷ đồng)', en: 'The amount exceeds the allowed limit (below 10^15 đồng)' },
  // identity and access (#8)
  CUSTOMER_AMBIGUOUS: { status: 409, vi: 'Số điện thoại trùng với nhiều khách hàng, hãy chọn một khách hàng', en: 'Several customers share this phone number; choose one' },
  EMAIL_TAKEN: { status: 409, vi: 'Địa chỉ e-mail đã được một tài khoản khác sử dụng', en: 'This e-mail address is already used by another account' },
  PHONE_TAKEN: { status: 409, vi: 'Số điện thoại đã được một tài khoản khác sử dụng', en: 'This phone number is already used by another account' },
  RESET_LINK_INVALID: { status: 410, vi: 'Liên kết đặt lại mật khẩu không hợp lệ, đã được dùng hoặc đã hết hạn', en: 'The password reset link is invalid, already used or expired' },
  CURRENT_PASSWORD_WRONG: { status: 400, vi: 'Mật khẩu hiện tại không đúng', en: 'The current password is wrong' },
  // payments (#8)
  REFUND_EXCEEDS_REMAINING: { status: 409, vi: 'Số tiền hoàn vượt quá số tiền còn có thể hoàn của khoản thanh toán', en: 'The refund exceeds what is left to refund on this payment' },
  PAYMENT_NOT_REFUNDABLE: { status: 409, vi: 'Khoản thanh toán này không thể hoàn tiền qua VNPay (chưa thanh toán hoặc không thanh toán qua VNPay)', en: 'This payment cannot be refunded through VNPay (not paid, or not paid through VNPay)' },
  PAYMENT_AMOUNT_OUT_OF_RANGE: { status: 400, vi: 'Số tiền vượt quá giới hạn thanh toán qua VNPay', en: 'The amount is outside what VNPay accepts' },
  PAYMENT_ALREADY_RECORDED: { status: 409, vi: 'Khoản thanh toán này đã được ghi nhận', en: 'This payment has already been recorded' },
  PAID_AT_INVALID: { status: 400, vi: 'Thời điểm thanh toán không hợp lệ (không được ở tương lai hoặc trước khi lập hợp đồng)', en: 'Invalid payment time (not in the future, nor before the contract was created)' },
  VNPAY_SOURCE_NOT_ALLOWED: { status: 403, vi: 'Địa chỉ gửi IPN không nằm trong danh sách VNPay được phép', en: 'The IPN source address is not on the VNPay allow-list' },
  // invoicing (#8)
  BUYER_ADDRESS_REQUIRED: { status: 400, vi: 'Khách hàng có mã số thuế cần có địa chỉ để xuất hoá đơn', en: 'A customer with a tax code needs an address for its invoices' },
  INTERNAL: { status: 500, vi: 'Lỗi hệ thống, vui lòng thử lại', en: 'Internal error; please try again' },
} as const;

export function legacyError(code: keyof typeof LEGACY, details?: unknown, message?: string): AppError {
  const def = LEGACY[code];
  const messages = message ? { vi: `${def.vi}: ${message}`, en: `${def.en}: ${message}` } : { vi: def.vi, en: def.en };
  return new AppError(code, def.status, messages, details);
}
