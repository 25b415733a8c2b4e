import { defineErrors } from '../../platform/errors.ts';

export const meetingError = defineErrors({
  NO_ORGANISATION: {
    status: 404,
    vi: 'Tài khoản này chưa thuộc tổ chức MobiFone Meeting nào (mua gói Meeting hoặc đăng ký dùng thử)',
    en: 'This account belongs to no MobiFone Meeting organisation (buy Meeting or start a free trial)',
  },
  ORG_ADMIN_ONLY: { status: 403, vi: 'Chỉ quản trị viên tổ chức được làm việc này', en: "Only the organisation's administrators may do this" },
  ROOM_QUOTA_EXCEEDED: {
    status: 409,
    vi: (p: { quota: number }) => `Tổ chức đã dùng hết ${p.quota} phòng của hợp đồng: xoá bớt phòng hoặc nâng cấp bằng phụ lục`,
    en: (p: { quota: number }) => `The organisation has used all ${p.quota} rooms of its contract: remove a room or upgrade by appendix`,
  },
  ORGANISATION_SUSPENDED: {
    status: 409,
    vi: 'Hợp đồng Meeting đang tạm ngưng: không thể tạo phòng, cuộc họp hay tham gia họp. Liên hệ MobiFone để mở lại',
    en: 'The Meeting contract is suspended: no new rooms, meetings or joins. Call MobiFone to resume it',
  },
  ORGANISATION_CLOSED: {
    status: 409,
    vi: 'Hợp đồng Meeting đã chấm dứt hoặc hết hạn',
    en: 'The Meeting contract has been terminated or has expired',
  },
  TRIAL_EXISTS: { status: 409, vi: 'Khách hàng này đã có tổ chức Meeting', en: 'This customer already has a Meeting organisation' },
  ROOM_NOT_ALLOWED: { status: 403, vi: 'Phòng cố định này không cho phép bạn tham gia', en: 'This fixed room does not admit you' },
  ROOM_FULL: { status: 409, vi: 'Phòng họp đã đủ 100 người', en: 'The meeting is full (100 participants)' },
  MEETING_ENDED: { status: 409, vi: 'Cuộc họp đã kết thúc', en: 'The meeting has ended' },
  JOIN_TOKEN_INVALID: { status: 401, vi: 'Mã tham gia không hợp lệ', en: 'The join token is invalid' },
  JOIN_TOKEN_EXPIRED: { status: 401, vi: 'Mã tham gia đã hết hạn (2 phút): tham gia lại', en: 'The join token has expired (2 minutes): join again' },
  JOIN_TOKEN_USED: { status: 409, vi: 'Mã tham gia đã được dùng', en: 'The join token has already been used' },
  UNIT_IN_USE: { status: 409, vi: 'Đơn vị còn thành viên: chuyển họ sang đơn vị khác trước', en: 'The unit still has members: move them first' },
  MEMBER_NOT_IN_ORG: {
    status: 400,
    vi: (p: { ids: string }) => `Không thuộc tổ chức: ${p.ids}`,
    en: (p: { ids: string }) => `Not in the organisation: ${p.ids}`,
  },
  LAST_ADMIN: { status: 409, vi: 'Tổ chức phải còn ít nhất một quản trị viên', en: 'The organisation must keep at least one administrator' },
  MEETING_API_KEY_INVALID: {
    status: 401,
    vi: 'Khoá API Meeting không hợp lệ hoặc đã bị thu hồi (header X-Api-Key)',
    en: 'The Meeting API key is missing, invalid or revoked (X-Api-Key header)',
  },
  WEBHOOK_URL_INVALID: { status: 400, vi: 'Địa chỉ webhook phải là http(s)://', en: 'The webhook URL must be http(s)://' },
  WEBSOCKET_REQUIRED: {
    status: 426,
    vi: 'Đây là kết nối WebSocket của cuộc họp: mở bằng WebSocket (Upgrade: websocket) rồi gửi {type:"hello", token}',
    en: 'This is the meeting\'s WebSocket: open it as a WebSocket (Upgrade: websocket), then send {type:"hello", token}',
  },
});
