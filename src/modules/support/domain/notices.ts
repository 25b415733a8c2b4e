import { STAGE_LABELS, type Stage } from './levels.ts';
import type { TicketCommand } from './ticket.ts';

/** What the desk and the customer are told about a ticket: texts, who hears of a breach, dates. */

/** The words of the customer's e-mail for an event ("Yêu cầu YC-… {text}"). */
export const EVENT_TEXT: Record<string, string> = {
  receive: 'đã được tiếp nhận',
  answer_at_intake: 'đã được trả lời',
  resolve: 'đã có kết quả xử lý, mời quý khách đánh giá',
  request_info: 'cần quý khách bổ sung thông tin',
  update_progress: 'cập nhật tiến độ xử lý',
  forward: 'đã chuyển tiếp',
  reopened: 'đã mở lại để xử lý tiếp',
  closed: 'đã đóng',
};

/** Events the customer sees on their timeline; the others stay internal. */
const CUSTOMER_EVENTS = new Set(['answer_at_intake', 'resolve', 'request_info', 'customer_replied', 'review_satisfied', 'review_not_satisfied']);

export const visibleToCustomer = (event: string): boolean => CUSTOMER_EVENTS.has(event);

/** The free text a command carries (the answer, the reason, the note …), for the timeline and e-mails. */
export function commandText(cmd: TicketCommand): string | null {
  switch (cmd.event) {
    case 'answer_at_intake':
    case 'resolve':
      return cmd.answer;
    case 'forward':
    case 'reclassify':
      return cmd.reason;
    case 'update_progress':
      return cmd.note;
    case 'request_info':
      return cmd.question;
    case 'customer_replied':
      return cmd.message ?? null;
    case 'review_satisfied':
    case 'review_not_satisfied':
      return cmd.comment ?? null;
    default:
      return null;
  }
}

/** F4 escalation: the roles told of a breach of `stage`'s clock (the next level's managers). */
export function breachManagers(stage: string): string[] {
  if (stage === 'ttcntt' || stage === 'total') return ['approver_ttcntt', 'gpth'];
  if (stage === 'ctkv') return ['approver_ctkv', 'gpth'];
  return ['product_ctkv', 'approver_ctkv'];
}

/** A clock's name in Vietnamese. */
export const clockLabel = (stage: string): string => (stage === 'total' ? 'tổng thời gian' : (STAGE_LABELS[stage as Stage]?.vi ?? stage));

/** dd/MM/yyyy HH:mm in Hà Nội time; an em dash for none. */
export function formatDateTime(d: Date | null | undefined): string {
  if (!d) return '—';
  const local = new Date(d.getTime() + 7 * 3_600_000).toISOString();
  return `${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)} ${local.slice(11, 16)}`;
}
