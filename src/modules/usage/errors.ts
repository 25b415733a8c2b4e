import { defineErrors } from '../../platform/errors.ts';

export const usageError = defineErrors({
  API_KEY_INVALID: {
    status: 401,
    vi: 'Khoá API không hợp lệ hoặc đã bị thu hồi (header X-Api-Key)',
    en: 'The API key is invalid or has been revoked (X-Api-Key header)',
  },
  SERVICE_LOCKED: {
    status: 403,
    vi: 'Dịch vụ của hợp đồng đã bị khoá do nợ cước quá hạn: khoá API bị từ chối và dịch vụ chỉ mở lại khi thanh toán toàn bộ khoản nợ',
    en: "The contract's service is locked for overdue debt: its API keys are refused and it resumes only once the whole debt is paid",
  },
  API_KEY_NOT_ALLOWED: {
    status: 409,
    vi: (p: { status: string }) =>
      `Hợp đồng đang ở trạng thái ${p.status}; chỉ hợp đồng trả sau đang hoạt động mới được cấp khoá API`,
    en: (p: { status: string }) => `The contract is ${p.status}; only active postpaid contracts get API keys`,
  },
});
