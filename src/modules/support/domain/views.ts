import type { WorkCalendar } from '../../../platform/calendar.ts';
import { consumed, dueAt, type ClockSet } from './clocks.ts';
import { REQUEST_TYPE_LABELS, STAGE_LABELS, type RequestType, type Stage } from './levels.ts';
import { formatDateTime } from './notices.ts';

/** How tickets are shown: the clocks of a cycle, and a queue row as a spreadsheet row. */

export function clockView(set: ClockSet, now: Date, cal: WorkCalendar) {
  return {
    cycle: set.cycle,
    mode: set.mode,
    paused: set.pausedSince !== null,
    items: set.clocks.map((c) => ({
      stage: c.stage,
      targetMin: c.targetMin,
      consumedMin: Math.round(consumed(c, now, set.mode, cal) * 10) / 10,
      dueAt: dueAt(c, now, set.mode, cal),
      state: c.state,
    })),
  };
}

const STATUS_VI: Record<string, string> = {
  new: 'Mới tiếp nhận',
  in_progress: 'Đang xử lý',
  waiting_customer: 'Chờ khách hàng',
  resolved: 'Đã trả lời',
  closed: 'Đã đóng',
  reopened: 'Mở lại',
};

/** The queue's fields an export shows. */
export interface ExportedTicket {
  number: string;
  subject: string;
  customer: { name: string } | null;
  customerPhone: string | null;
  requestType: string;
  level: number;
  assigneeUnit: { name: string } | null;
  assigneeStage: string;
  status: string;
  createdAt: Date;
  dueAt: Date | null;
  breached: boolean;
  reopenCount: number;
}

/** One row of the CSV/Excel export, headed in Vietnamese. */
export function exportRow(t: ExportedTicket) {
  return {
    'Số phiếu': t.number,
    'Tiêu đề': t.subject,
    'Khách hàng': t.customer?.name ?? '',
    'Điện thoại': t.customerPhone ?? '',
    'Loại yêu cầu': REQUEST_TYPE_LABELS[t.requestType as RequestType]?.vi ?? t.requestType,
    'Cấp độ': t.level,
    'Đơn vị xử lý': t.assigneeUnit?.name ?? STAGE_LABELS[t.assigneeStage as Stage]?.vi ?? '',
    'Trạng thái': STATUS_VI[t.status] ?? t.status,
    'Tiếp nhận': formatDateTime(t.createdAt),
    'Hạn xử lý': formatDateTime(t.dueAt),
    'Quá hạn': t.breached ? 'Có' : 'Không',
    'Số lần mở lại': t.reopenCount,
  };
}
