import { defineErrors } from '../../platform/errors.ts';

export const revenueFeedError = defineErrors({
  REVENUE_FEED_PERIOD_NOT_ENDED: {
    status: 409,
    vi: (p: { period: string }) => `Tháng ${p.period} chưa kết thúc: chưa thể gửi số liệu sang BHTT`,
    en: (p: { period: string }) => `${p.period} has not ended yet: its figures cannot be sent to BHTT`,
  },
});
