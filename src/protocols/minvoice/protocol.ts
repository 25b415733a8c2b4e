/**
 * The JSON shapes of an M-Invoice-style API (`shared/reference/support-invoice-sms.md` C4):
 * login → token, `InvoiceApi78/Save` keyed by `key_api`, `GetInfoInvoice?keyApi=`, cancel.
 * Shared by the adapter and the local simulator. Amounts travel as decimal strings of whole đồng.
 */
export const MINV_PATHS = {
  login: '/api/Account/Login',
  save: '/api/InvoiceApi78/Save',
  info: '/api/InvoiceApi78/GetInfoInvoice',
  cancel: '/api/InvoiceApi78/Cancel',
} as const;

export interface MinvLoginRequest {
  username: string;
  password: string;
  ma_dvcs: string;
}

export interface MinvLoginResponse {
  token: string;
  ma_dvcs: string;
  /** seconds */
  expires_in: number;
}

export interface MinvLine {
  /** TChat 1…4 */
  tchat: number;
  stt_rec0: number;
  inv_itemCode: string | null;
  inv_itemName: string;
  inv_unitCode: string | null;
  inv_quantity: string | null;
  inv_unitPrice: string | null;
  inv_TotalAmountWithoutVat: string | null;
  /** KCT, 0, 5, 8, 10, KKKNT (M-Invoice writes rates without the % sign). */
  ma_thue: string | null;
}

export interface MinvTaxBreakdown {
  ma_thue: string;
  thtien: string;
  tthue: string;
}

/** TTHDLQuan: the invoice replaced (tchdon 1) or adjusted (tchdon 2). */
export interface MinvRelated {
  tchdon: 1 | 2;
  mau_hd: string;
  khieu: string;
  shdon: number;
  ngay: string;
  ghi_chu: string | null;
}

export interface MinvInvoice {
  key_api: string;
  mau_hd: string;
  inv_invoiceSeries: string;
  inv_invoiceIssuedDate: string;
  inv_currencyCode: 'VND';
  inv_exchangeRate: string;
  inv_paymentMethodName: string;
  /** The person (HVTNMHang). */
  inv_buyerDisplayName: string | null;
  /** The organisation (Ten). */
  inv_buyerLegalName: string | null;
  inv_buyerTaxCode: string | null;
  inv_buyerAddressLine: string | null;
  inv_buyerEmail: string | null;
  inv_buyerPhone: string | null;
  ma_kh: string | null;
  inv_TotalAmountWithoutVat: string;
  inv_vatAmount: string;
  inv_discountAmount: string;
  inv_TotalAmount: string;
  amount_to_word: string;
  tax_breakdowns: MinvTaxBreakdown[];
  details: { data: MinvLine[] }[];
  hdlq: MinvRelated | null;
}

export interface MinvSaveRequest {
  /** 1 create, 2 edit, 3 delete */
  editmode: 1 | 2 | 3;
  data: MinvInvoice[];
}

export interface MinvInvoiceInfo {
  inv_invoiceAuth_id: string;
  key_api: string;
  mau_hd: string;
  inv_invoiceSeries: string;
  inv_invoiceNumber: number;
  inv_invoiceIssuedDate: string;
  mccqt: string | null;
  trang_thai: 'issued' | 'cancelled' | 'replaced';
}

export type MinvResponse<T> = { ok: true; code: '00'; message: string; data: T } | { ok: false; code: string; message: string };

export interface MinvCancelRequest {
  key_api: string;
  ly_do: string;
}

/** Error codes the simulator answers (`ok: false`). */
export const MINV_ERRORS = {
  INVALID_REQUEST: 'Dữ liệu gửi lên không đúng định dạng',
  UNAUTHORIZED: 'Phiên đăng nhập không hợp lệ hoặc đã hết hạn',
  INVALID_TEMPLATE: 'Mẫu số hóa đơn không hợp lệ',
  INVALID_SERIES: 'Ký hiệu hóa đơn không hợp lệ',
  SERIES_NOT_REGISTERED: 'Ký hiệu hóa đơn chưa được đăng ký',
  SERIES_YEAR_MISMATCH: 'Năm trên ký hiệu hóa đơn không khớp ngày lập',
  INVALID_DATE: 'Ngày lập hóa đơn không hợp lệ',
  DATE_BEFORE_LAST: 'Ngày lập nhỏ hơn ngày lập của hóa đơn trước trong cùng ký hiệu',
  INVALID_BUYER: 'Thông tin người mua không hợp lệ',
  INVALID_RATE: 'Thuế suất không hợp lệ',
  AMOUNT_MISMATCH: 'Thành tiền không bằng số lượng × đơn giá',
  TAX_MISMATCH: 'Tổng hợp theo thuế suất không khớp',
  TOTAL_MISMATCH: 'Tổng tiền không khớp',
  ORIGINAL_NOT_FOUND: 'Không tìm thấy hóa đơn bị thay thế / điều chỉnh',
  ORIGINAL_NOT_REPLACEABLE: 'Hóa đơn gốc không ở trạng thái được thay thế',
  DUPLICATE: 'Hóa đơn với key_api này đã tồn tại',
  NOT_FOUND: 'Không tìm thấy hóa đơn',
  NOT_CANCELLABLE: 'Hóa đơn không ở trạng thái được hủy',
  SERVICE_UNAVAILABLE: 'Hệ thống đang bảo trì, vui lòng thử lại sau',
} as const;

export type MinvErrorCode = keyof typeof MINV_ERRORS;

/** Our rate code → M-Invoice's `ma_thue`. */
export const toMaThue = (rate: string): string => rate.replace('%', '');
