import { defineErrors } from '../../platform/errors.ts';

export const calendarError = defineErrors({
  DAY_ALREADY_OVERRIDDEN: {
    status: 409,
    vi: (p: { date: string; existing: string }) => `Ngày ${p.date} đã có điều chỉnh (nghỉ bù hoặc làm bù); hãy xoá điều chỉnh cũ trước`,
    en: (p: { date: string; existing: string }) => `${p.date} already has an extra day off or make-up day; remove it first`,
  },
  WORKING_HOURS_INVALID: {
    status: 400,
    vi: 'Giờ làm việc không hợp lệ: mỗi khung giờ phải bắt đầu trước khi kết thúc và các khung không được chồng nhau',
    en: 'Invalid working hours: each window must start before it ends and windows must not overlap',
  },
});
