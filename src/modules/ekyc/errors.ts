import { defineErrors } from '../../platform/errors.ts';

export const ekycError = defineErrors({
  EKYC_API_KEY_INVALID: {
    status: 401,
    vi: 'Khoá API không hợp lệ hoặc đã bị thu hồi (header X-Api-Key)',
    en: 'The API key is missing, invalid or revoked (X-Api-Key header)',
  },
  EKYC_NOT_ENABLED: {
    status: 403,
    vi: 'Hợp đồng của khoá API này không phải hợp đồng dịch vụ eKYC',
    en: "This API key's contract is not an eKYC contract",
  },
  EKYC_CONTRACT_NOT_ACTIVE: {
    status: 403,
    vi: (p: { status: string }) => `Hợp đồng eKYC chưa hoạt động (trạng thái ${p.status})`,
    en: (p: { status: string }) => `The eKYC contract is not active yet (status ${p.status})`,
  },
  EKYC_CONTRACT_SUSPENDED: {
    status: 403,
    vi: 'Hợp đồng eKYC đang bị tạm ngưng: liên hệ MobiFone (0896151617) để mở lại',
    en: 'The eKYC contract is suspended: call MobiFone (0896151617) to resume it',
  },
  EKYC_CONTRACT_TERMINATED: {
    status: 403,
    vi: 'Hợp đồng eKYC đã chấm dứt hoặc hết hạn',
    en: 'The eKYC contract has been terminated or has expired',
  },
  EKYC_REQUEST_ID_INVALID: {
    status: 400,
    vi: 'Idempotency-Key phải gồm 1–80 ký tự chữ, số hoặc . _ : -',
    en: 'Idempotency-Key must be 1–80 letters, digits or . _ : -',
  },
  EKYC_REQUEST_ID_REUSED: {
    status: 409,
    vi: 'Idempotency-Key này đã được dùng cho một yêu cầu khác',
    en: 'This Idempotency-Key was already used for a different request',
  },
  EKYC_REQUEST_ERASED: {
    status: 409,
    vi: 'Kết quả của yêu cầu này đã bị xoá theo thời hạn lưu trữ',
    en: "This request's result was erased at the end of its retention",
  },
  EKYC_IMAGE_INVALID: {
    status: 400,
    vi: (p: { part: string }) => `Ảnh "${p.part}" thiếu, quá lớn hoặc không phải JPEG/PNG`,
    en: (p: { part: string }) => `The "${p.part}" image is missing, too large, or not a JPEG/PNG`,
  },
  EKYC_CHIP_INVALID: {
    status: 400,
    vi: (p: { part: string }) => `Dữ liệu chip "${p.part}" thiếu, trùng hoặc không phải base64 (cần sod cùng dg1, dg2…)`,
    en: (p: { part: string }) => `The chip data "${p.part}" is missing, repeated or not base64 (sod is required with dg1, dg2…)`,
  },
  EKYC_CHALLENGE_INVALID: {
    status: 400,
    vi: 'Thử thách liveness không hợp lệ, không thuộc hợp đồng này hoặc đã hết hạn: hãy xin thử thách mới',
    en: 'The liveness challenge is invalid, not of this contract, or expired: request a new one',
  },
  EKYC_CHALLENGE_USED: {
    status: 409,
    vi: 'Thử thách liveness này đã được dùng cho một yêu cầu khác (mỗi thử thách dùng một lần)',
    en: 'This liveness challenge was already used by another request (single use)',
  },
  EKYC_FRAMES_INVALID: {
    status: 400,
    vi: (p: { min: number; max: number }) => `Liveness chủ động cần challengeId và ${p.min}–${p.max} ảnh "selfie"; một ảnh selfie thì không cần challengeId`,
    en: (p: { min: number; max: number }) => `Active liveness needs a challengeId and ${p.min}–${p.max} "selfie" frames; a single selfie needs no challengeId`,
  },
  EKYC_IMAGE_ERASED: {
    status: 410,
    vi: 'Ảnh đã bị xoá khi hết thời hạn lưu trữ',
    en: 'The image was erased at the end of its retention',
  },
});
