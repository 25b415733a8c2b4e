import { defineTexts } from '../../i18n/texts.ts';

/** The support dashboard. */
export const supportDashboardTexts = defineTexts({
  vi: {
    'dashboard.title': 'Báo cáo hỗ trợ khách hàng',
    'dashboard.compliance': 'Tỷ lệ xử lý đúng hạn',
    'dashboard.complianceDetail': '{met}/{total} phiếu đúng hạn',
    'dashboard.breaches': 'Phiếu quá hạn',
    'dashboard.received': 'Phiếu tiếp nhận',
    'dashboard.open': 'Phiếu đang mở',
    'dashboard.openByLevel': 'Phiếu đang mở theo cấp độ',
    'dashboard.openByUnit': 'Phiếu đang mở theo đơn vị',
    'dashboard.avgHandling': 'Thời gian xử lý trung bình theo loại yêu cầu (giờ)',
    'dashboard.perDay': 'Phiếu theo ngày',
    'dashboard.created': 'Tiếp nhận',
    'dashboard.resolved': 'Đã trả lời',
    'dashboard.hours': 'giờ',
    'dashboard.lastDays': '{n} ngày gần nhất',
    'dashboard.noData': 'Chưa có dữ liệu',
  },
  en: {
    'dashboard.title': 'Customer support dashboard',
    'dashboard.compliance': 'On-time rate',
    'dashboard.complianceDetail': '{met}/{total} tickets on time',
    'dashboard.breaches': 'Overdue tickets',
    'dashboard.received': 'Tickets received',
    'dashboard.open': 'Open tickets',
    'dashboard.openByLevel': 'Open tickets by level',
    'dashboard.openByUnit': 'Open tickets by unit',
    'dashboard.avgHandling': 'Average handling time by request type (hours)',
    'dashboard.perDay': 'Tickets per day',
    'dashboard.created': 'Received',
    'dashboard.resolved': 'Answered',
    'dashboard.hours': 'h',
    'dashboard.lastDays': 'Last {n} days',
    'dashboard.noData': 'No data yet',
  },
});
