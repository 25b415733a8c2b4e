/**
 * Banks and sandbox test cards of the VNPay simulator (`shared/reference/vnpay.md` §7, source CARDS).
 * Every NCB test card has holder NGUYEN VAN A, issue date 07/15 and OTP 123456.
 */

export interface SimBank {
  /** VNPay's bank code (`vnp_BankCode`). */
  code: string;
  /** Short brand shown on the tile. */
  short: string;
  name: string;
  /** Tile colour. */
  color: string;
}

export const BANKS: readonly SimBank[] = [
  { code: 'NCB', short: 'NCB', name: 'Ngân hàng TMCP Quốc Dân', color: '#00539b' },
  { code: 'VIETCOMBANK', short: 'Vietcombank', name: 'Ngân hàng TMCP Ngoại thương Việt Nam', color: '#006b3f' },
  { code: 'VIETINBANK', short: 'VietinBank', name: 'Ngân hàng TMCP Công thương Việt Nam', color: '#0a4d8c' },
  { code: 'BIDV', short: 'BIDV', name: 'Ngân hàng TMCP Đầu tư và Phát triển Việt Nam', color: '#006e6e' },
  { code: 'AGRIBANK', short: 'Agribank', name: 'Ngân hàng Nông nghiệp và Phát triển Nông thôn', color: '#a5183b' },
  { code: 'TECHCOMBANK', short: 'Techcombank', name: 'Ngân hàng TMCP Kỹ thương Việt Nam', color: '#e2231a' },
  { code: 'MBBANK', short: 'MB', name: 'Ngân hàng TMCP Quân đội', color: '#1d3f8f' },
  { code: 'ACB', short: 'ACB', name: 'Ngân hàng TMCP Á Châu', color: '#1f4e9c' },
  { code: 'SACOMBANK', short: 'Sacombank', name: 'Ngân hàng TMCP Sài Gòn Thương Tín', color: '#0066b3' },
  { code: 'VPBANK', short: 'VPBank', name: 'Ngân hàng TMCP Việt Nam Thịnh Vượng', color: '#00833e' },
  { code: 'TPBANK', short: 'TPBank', name: 'Ngân hàng TMCP Tiên Phong', color: '#5f2878' },
  { code: 'EXIMBANK', short: 'Eximbank', name: 'Ngân hàng TMCP Xuất nhập khẩu Việt Nam', color: '#004a99' },
];

/** International cards (Visa, MasterCard, JCB) through the card schemes: `vnp_BankCode=INTCARD` opens its card form directly. */
export const INTERNATIONAL: SimBank = { code: 'INTCARD', short: 'Visa · MasterCard · JCB', name: 'Thẻ thanh toán quốc tế', color: '#1a1f71' };

export function bankByCode(code: string | undefined | null): SimBank | undefined {
  if (!code) return undefined;
  const upper = code.toUpperCase();
  return upper === INTERNATIONAL.code ? INTERNATIONAL : BANKS.find((b) => b.code === upper);
}

/**
 * What a card does: `ok` pays; `insufficient` fails with 51 after the OTP; `inactive` (09) and
 * `locked` (12) end the payment at [Xác thực]; `expired` is refused at [Xác thực] like wrong data.
 */
export type CardBehaviour = 'ok' | 'insufficient' | 'inactive' | 'locked' | 'expired';

export interface TestCard {
  bank: string;
  number: string;
  holder: string;
  /** MM/YY */
  issueDate: string;
  otp: string;
  behaviour: CardBehaviour;
  label: string;
}

const NCB = { bank: 'NCB', holder: 'NGUYEN VAN A', issueDate: '07/15', otp: '123456' } as const;

export const TEST_CARDS: readonly TestCard[] = [
  { ...NCB, number: '9704198526191432198', behaviour: 'ok', label: 'Thành công' },
  { ...NCB, number: '9704195798459170488', behaviour: 'insufficient', label: 'Không đủ số dư (51)' },
  { ...NCB, number: '9704192181368742', behaviour: 'inactive', label: 'Thẻ chưa kích hoạt (09)' },
  { ...NCB, number: '9704193370791314', behaviour: 'locked', label: 'Thẻ bị khóa (12)' },
  { ...NCB, number: '9704194841945513', behaviour: 'expired', label: 'Thẻ hết hạn' },
  // VNPay's sandbox Visa card; the form's date is its expiry (MM/YY).
  { bank: 'INTCARD', number: '4456530000001005', holder: 'NGUYEN VAN A', issueDate: '12/26', otp: '123456', behaviour: 'ok', label: 'Visa thành công' },
];

export const SUCCESS_CARD = TEST_CARDS[0];
export const INSUFFICIENT_BALANCE_CARD = TEST_CARDS[1];

export type CardCheck =
  | { ok: true; card: TestCard }
  /** `countsAttempt`: the data was well-formed but wrong; 3 of these end the payment with code 10. */
  | { ok: false; message: string; countsAttempt: boolean; field?: 'cardNumber' | 'cardDate' | 'cardHolder' }
  /** The card ends the payment with this response code. */
  | { ok: false; message: string; finalCode: string; countsAttempt: false };

export const normalizeCardNumber = (s: string) => (s ?? '').replace(/[\s-]/g, '');
export const normalizeHolder = (s: string) => (s ?? '').trim().replace(/\s+/g, ' ').toUpperCase();

/** Checks what the customer typed on the card form against the test cards of the chosen bank. */
export function checkCard(bank: string, input: { cardNumber: string; cardDate: string; cardHolder: string }): CardCheck {
  const number = normalizeCardNumber(input.cardNumber);
  const holder = normalizeHolder(input.cardHolder);
  const date = (input.cardDate ?? '').trim();
  if (!/^\d{12,19}$/.test(number)) return { ok: false, message: 'Số thẻ không hợp lệ. Vui lòng kiểm tra lại.', countsAttempt: false, field: 'cardNumber' };
  if (!/^(0[1-9]|1[0-2])\/\d{2}$/.test(date)) return { ok: false, message: 'Ngày phát hành không hợp lệ (định dạng MM/YY).', countsAttempt: false, field: 'cardDate' };
  if (!holder) return { ok: false, message: 'Vui lòng nhập tên chủ thẻ.', countsAttempt: false, field: 'cardHolder' };
  if (!/^[A-Z ]+$/.test(holder)) return { ok: false, message: 'Tên chủ thẻ phải viết in hoa, không dấu.', countsAttempt: false, field: 'cardHolder' };

  const card = TEST_CARDS.find((c) => c.number === number && c.bank === bank);
  if (!card || card.holder !== holder || card.issueDate !== date) {
    return { ok: false, message: 'Thông tin thẻ không chính xác. Vui lòng kiểm tra lại số thẻ, ngày phát hành và tên chủ thẻ.', countsAttempt: true };
  }
  switch (card.behaviour) {
    case 'inactive':
      return { ok: false, message: 'Thẻ chưa được kích hoạt hoặc chưa đăng ký dịch vụ thanh toán trực tuyến.', finalCode: '09', countsAttempt: false };
    case 'locked':
      return { ok: false, message: 'Thẻ của quý khách đang bị khóa.', finalCode: '12', countsAttempt: false };
    case 'expired':
      return { ok: false, message: 'Thẻ đã hết hạn sử dụng.', countsAttempt: true, field: 'cardNumber' };
    default:
      return { ok: true, card };
  }
}
