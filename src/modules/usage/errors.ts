import { defineErrors } from '../../platform/errors.ts';

export const usageError = defineErrors({
  API_KEY_INVALID: {
    status: 401,
    vi: 'Khoá API không hợp lệ hoặc đã bị thu hồi (header X-Api-Key)',
    en: 'The API key is invalid or has been revoked (X-Api-Key header)',
  },
  API_KEY_NOT_ALLOWED: {
    status: 409,
    vi: (p: { status: string }) =>
      `Hợp đồng đang ở trạng thái ${p.status}; chỉ hợp đồng trả sau đang hoạt động mới được cấp khoá API`,
    en: (p: { status: string }) => `The contract is ${p.status}; only active postpaid contracts get API keys`,
  },
});
