import { defineErrors } from '../../platform/errors.ts';

export const collectionError = defineErrors({
  COLLECTION_POLICY_INVALID: {
    status: 400,
    vi: (p: { problems: string[] }) => `Chính sách thu nợ không hợp lệ: ${p.problems.join('; ')}`,
    en: (p: { problems: string[] }) => `Invalid collection policy: ${p.problems.join('; ')}`,
  },
  COLLECTION_CASE_CLOSED: {
    status: 409,
    vi: (p: { status: string }) => `Hồ sơ thu nợ đã đóng (${p.status})`,
    en: (p: { status: string }) => `The collection case is closed (${p.status})`,
  },
  COLLECTION_ASSIGNEE_INVALID: {
    status: 400,
    vi: (p: { username: string }) => `${p.username} không phải AM/KAM hoặc nhân viên thu nợ đang hoạt động`,
    en: (p: { username: string }) => `${p.username} is not an active AM/KAM or collection staff member`,
  },
  COLLECTION_NOTHING_TO_WRITE_OFF: {
    status: 409,
    vi: 'Hợp đồng không còn khoản nợ nào để xoá',
    en: 'The contract has no debt left to write off',
  },
  COLLECTION_WRITE_OFF_PENDING: {
    status: 409,
    vi: 'Đã có đề nghị xoá nợ đang chờ duyệt cho hồ sơ này',
    en: 'A write-off of this case is already awaiting approval',
  },
  COLLECTION_WRITE_OFF_DECIDED: {
    status: 409,
    vi: (p: { status: string }) => `Đề nghị xoá nợ đã được xử lý (${p.status})`,
    en: (p: { status: string }) => `The write-off has already been decided (${p.status})`,
  },
  COLLECTION_WRITE_OFF_SELF_APPROVAL: {
    status: 403,
    vi: 'Người đề nghị xoá nợ không được tự phê duyệt',
    en: 'Whoever requested a write-off cannot approve it',
  },
});
