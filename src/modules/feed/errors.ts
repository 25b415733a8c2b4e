import { defineErrors } from '../../platform/errors.ts';

export const feedError = defineErrors({
  FEED_ITEM_GONE: {
    status: 404,
    vi: (p: { keys: string[] }) => `Không còn trong thông báo của bạn: ${p.keys.join(', ')} (đã được xử lý hoặc không thuộc phạm vi của bạn)`,
    en: (p: { keys: string[] }) => `No longer in your notifications: ${p.keys.join(', ')} (already handled, or not yours to see)`,
  },
  FEED_NOT_FOR_SYSTEM: {
    status: 403,
    vi: 'Chỉ người dùng đã đăng nhập mới có thông báo',
    en: 'Only a signed-in user has notifications',
  },
});
