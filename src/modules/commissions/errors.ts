import { defineErrors } from '../../platform/errors.ts';

export const commissionsError = defineErrors({
  COMMISSION_PERIOD_NOT_ENDED: {
    status: 409,
    vi: (p: { period: string }) => `Tháng ${p.period} chưa kết thúc: chưa thể duyệt bảng kê hoa hồng`,
    en: (p: { period: string }) => `${p.period} has not ended yet: its commission statement cannot be approved`,
  },
  COMMISSION_STATEMENT_APPROVED: {
    status: 409,
    vi: (p: { period: string; beneficiaryUsername: string }) => `Bảng kê tháng ${p.period} của ${p.beneficiaryUsername} đã được duyệt`,
    en: (p: { period: string; beneficiaryUsername: string }) => `The ${p.period} statement of ${p.beneficiaryUsername} is already approved`,
  },
  COMMISSION_NOTHING_TO_APPROVE: {
    status: 409,
    vi: (p: { period: string; beneficiaryUsername: string }) => `Không có khoản hoa hồng nào tháng ${p.period} của ${p.beneficiaryUsername}`,
    en: (p: { period: string; beneficiaryUsername: string }) => `${p.beneficiaryUsername} has no commission in ${p.period}`,
  },
});
