import { defineTexts } from '../../i18n/texts.ts';

/** The notification bell in the header. */
export const bellTexts = defineTexts({
  vi: {
    'bell.title': 'Thông báo',
    'bell.open': 'Thông báo: {n} chưa đọc',
    'bell.markAll': 'Đánh dấu tất cả đã đọc',
    'bell.markRead': 'Đánh dấu đã đọc',
    'bell.empty': 'Không có việc nào cần bạn',
    'bell.due': 'Hạn {at}',
    'bell.overdue': 'Quá hạn từ {at}',
    'bell.paidAt': 'Nhận lúc {at}',
    'bell.kind.approval': 'Chờ bạn phê duyệt',
    'bell.kind.task_due': 'Sắp đến hạn',
    'bell.kind.task_overdue': 'Quá hạn xử lý',
    'bell.kind.sla_warning': 'Phiếu sắp quá hạn SLA',
    'bell.kind.sla_breach': 'Phiếu đã quá hạn SLA',
    'bell.kind.payment_received': 'Đã nhận thanh toán',
  },
  en: {
    'bell.title': 'Notifications',
    'bell.open': 'Notifications: {n} unread',
    'bell.markAll': 'Mark all read',
    'bell.markRead': 'Mark read',
    'bell.empty': 'Nothing needs you',
    'bell.due': 'Due {at}',
    'bell.overdue': 'Overdue since {at}',
    'bell.paidAt': 'Received {at}',
    'bell.kind.approval': 'Waiting for your approval',
    'bell.kind.task_due': 'Due soon',
    'bell.kind.task_overdue': 'Past its deadline',
    'bell.kind.sla_warning': 'Ticket nearing its SLA',
    'bell.kind.sla_breach': 'Ticket past its SLA',
    'bell.kind.payment_received': 'Payment received',
  },
});
