/** What a contract's e-mails say about an event, and which staff roles hear of it. */
import type { Locale } from '../../../platform/errors.ts';
import { vnDate } from './term.ts';

const EVENT_TEXT = {
  paid: { vi: 'khách hàng đã thanh toán, chờ phê duyệt', en: 'paid by the customer, awaiting approval' },
  approval_needed: { vi: 'chờ phê duyệt', en: 'awaiting approval' },
  rejected: { vi: 'bị từ chối', en: 'rejected' },
  provision: { vi: 'cần tạo tài khoản dịch vụ', en: 'service account to be created' },
  access_ready: { vi: 'tài khoản dịch vụ đã sẵn sàng', en: 'your service account is ready' },
  credentials: {
    vi: 'đã tạo tài khoản, vui lòng gửi thông tin cho khách hàng',
    en: 'account created; please send the credentials to the customer',
  },
  activated: { vi: 'đã kích hoạt dịch vụ', en: 'service activated' },
  reminder: { vi: 'sắp hết hạn', en: 'expires soon' },
  expired: { vi: 'đã hết hạn, dịch vụ dừng', en: 'expired; service ended' },
  terminated: { vi: 'đã kết thúc trước hạn', en: 'terminated early' },
  amended: { vi: 'đã cập nhật theo phụ lục', en: 'updated by an appendix' },
} satisfies Record<string, Record<Locale, string>>;

export type ContractNotice = keyof typeof EVENT_TEXT;

export const noticeText = (event: ContractNotice, locale: Locale): string => EVENT_TEXT[event][locale];

/**
 * Staff told of an event besides the contract's sales person: a payment goes to admin and the
 * invoice officer (C2 step 4), a rejection to admin (C2 step 5).
 */
export const ALSO_TOLD: Partial<Record<ContractNotice, readonly string[]>> = { paid: ['admin', 'invoice_officer'], rejected: ['admin'] };

/** The term as the e-mails show it: dd/MM/yyyy – dd/MM/yyyy, a dash for a date not yet known. */
export function termText(startDate: string | null, endDate: string | null): string {
  const fmt = (d: string | null) => (d ? vnDate(d) : '—');
  return `Thời hạn: ${fmt(startDate)} – ${fmt(endDate)}`;
}
