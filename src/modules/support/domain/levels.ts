import { legacyError } from '../../../platform/legacy-errors.ts';

/**
 * Customer requests (SPEC F1–F3, seed 003 part VII): what was asked, how it came in, how hard it is
 * (level), and which units it passes through (route). Level is the classification; where a ticket
 * sits is a separate fact (`Stage`), so a mis-classified ticket can move with a logged reason.
 */

// ---- request types (rows of the seed's processing-time table) ---------------------------------

export const REQUEST_TYPES = ['question', 'activation', 'config_change', 'incident', 'integration', 'other'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const REQUEST_TYPE_LABELS: Record<RequestType, { vi: string; en: string }> = {
  question: { vi: 'Giải đáp thắc mắc', en: 'Question' },
  activation: { vi: 'Khai báo kích hoạt', en: 'Activation' },
  config_change: { vi: 'Thay đổi cấu hình', en: 'Configuration change' },
  incident: { vi: 'Khắc phục sự cố', en: 'Incident' },
  integration: { vi: 'Tích hợp dịch vụ', en: 'Service integration' },
  other: { vi: 'Nghiệp vụ khác', en: 'Other request' },
};

// ---- intake channels (F1; step 1.1 also names what is kept as evidence) -----------------------

export const CHANNELS = [
  'letter',
  'fax',
  'web_portal',
  'my_mobifone',
  'email',
  'hotline_9090',
  'hotline_18001090',
  'hotline_product_sales',
  'hotline_product_support',
  'am_kam',
  'ctkv_khdn',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** What the receiver files with the ticket (seed step 1.1: "văn bản, fax, email, ghi âm cuộc gọi"). */
export type Evidence = 'document' | 'fax' | 'email' | 'call_recording' | 'online_form';

export const CHANNEL_INFO: Record<Channel, { vi: string; en: string; phone?: string; evidence: Evidence }> = {
  letter: { vi: 'Văn bản', en: 'Letter', evidence: 'document' },
  fax: { vi: 'Fax', en: 'Fax', evidence: 'fax' },
  web_portal: { vi: 'Cổng web', en: 'Web portal', evidence: 'online_form' },
  my_mobifone: { vi: 'Ứng dụng My MobiFone', en: 'My MobiFone app', evidence: 'online_form' },
  email: { vi: 'Email', en: 'E-mail', evidence: 'email' },
  hotline_9090: { vi: 'Tổng đài 9090', en: 'Call center 9090', phone: '9090', evidence: 'call_recording' },
  hotline_18001090: { vi: 'Tổng đài 18001090', en: 'Call center 18001090', phone: '18001090', evidence: 'call_recording' },
  hotline_product_sales: { vi: 'Hotline tư vấn sản phẩm', en: 'Product consulting hotline', phone: '0936110116', evidence: 'call_recording' },
  hotline_product_support: { vi: 'Hotline hỗ trợ kỹ thuật và khiếu nại', en: 'Technical support and complaints hotline', phone: '0896151617', evidence: 'call_recording' },
  am_kam: { vi: 'Nhân viên AM/KAM', en: 'Account manager (AM/KAM)', evidence: 'document' },
  ctkv_khdn: { vi: 'Phòng KHDN của CTKV', en: 'CTKV enterprise customer department', evidence: 'document' },
};

// ---- stages: the units a ticket can sit at -----------------------------------------------------

/** In flow order; `receiver` = call-center agent, AM/KAM or the CTKV enterprise department (steps 1.1–1.3). */
export const STAGES = ['receiver', 'ctkv', 'ttcntt'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, { vi: string; en: string }> = {
  receiver: { vi: 'Bộ phận tiếp nhận (điện thoại viên, AM/KAM, phòng KHDN)', en: 'Receiver (call center, AM/KAM, enterprise department)' },
  ctkv: { vi: 'Phòng sản phẩm TT KDCNS – CTKV', en: 'CTKV product department (TT KDCNS)' },
  ttcntt: { vi: 'Phòng GPTH – TT CNTT', en: 'TT CNTT solutions & integration (GPTH)' },
};

// ---- levels (F2) -------------------------------------------------------------------------------

export const LEVELS = [1, 2, 3, 4] as const;
export type Level = (typeof LEVELS)[number];

export const LEVEL_INFO: Record<Level, { vi: string; en: string; partners: boolean }> = {
  1: {
    vi: 'Giải đáp thông tin đơn giản đã có trong văn bản của Tổng công ty (tính năng, cước phí, chính sách, hướng dẫn sử dụng)',
    en: 'Simple questions answered from published material (features, fees, policies, how-to)',
    partners: false,
  },
  2: {
    vi: 'Kích hoạt, thay đổi cấu hình, tra cứu cước, hướng dẫn cài đặt và sử dụng chuyên sâu',
    en: 'Activation, configuration change, usage/fee lookup, installation and advanced usage',
    partners: false,
  },
  3: {
    vi: 'Gián đoạn dịch vụ do lỗi hệ thống, tích hợp hệ thống, chính sách hoa hồng, biên bản xác nhận doanh thu',
    en: 'Service interruption, system integration, commission policy, revenue confirmation',
    partners: false,
  },
  4: {
    vi: 'TT CNTT cần phối hợp thêm đơn vị kỹ thuật chuyên sâu, đơn vị khác trong Tổng công ty hoặc đối tác',
    en: 'TT CNTT needs other specialist units of the corporation or partners',
    partners: true,
  },
};

/** The level each type gets on intake (the seed's time table); staff reclassify when it is wrong. */
export const DEFAULT_LEVEL: Record<RequestType, Level> = {
  question: 1,
  activation: 2,
  config_change: 2,
  incident: 3,
  integration: 3,
  other: 3,
};

export function isLevel(x: unknown): x is Level {
  return x === 1 || x === 2 || x === 3 || x === 4;
}

// ---- routing (F3) ------------------------------------------------------------------------------

// Level 2+ skips the receiver: step 1.4 hands it to the CTKV product department "ngay sau khi tiếp nhận".
const ROUTES: Record<Level, readonly Stage[]> = {
  1: ['receiver'],
  2: ['ctkv'],
  3: ['ctkv', 'ttcntt'],
  4: ['ctkv', 'ttcntt'], // partners join inside TT CNTT's stage (step 2.1), not as a stage of their own
};

/** The stages a ticket of `level` passes through; the last one answers it. */
export function routeFor(level: Level): readonly Stage[] {
  if (!isLevel(level)) throw legacyError('VALIDATION_FAILED', { level }, `unknown level ${String(level)}`);
  return ROUTES[level];
}

/** The stage that answers a ticket of `level` (receiver for 1, CTKV for 2, TT CNTT for 3–4). */
export function answeringStage(level: Level): Stage {
  const route = routeFor(level);
  return route[route.length - 1];
}

/** Where `forward` sends a ticket sitting at `from`, or null if `from` is the answering stage (or off the route). */
export function nextStage(level: Level, from: Stage): Stage | null {
  const route = routeFor(level);
  const i = route.indexOf(from);
  return i >= 0 && i < route.length - 1 ? route[i + 1] : null;
}

/**
 * Where a ticket goes after reclassification: it stays if its stage is on the new route; a ticket
 * below the route moves up to the route's first stage (the receiver never skips CTKV); a ticket
 * above it goes back down to the route's answering stage (TT CNTT returns a level-2 ticket to CTKV).
 */
export function stageAfterReclassify(level: Level, current: Stage): Stage {
  const route = routeFor(level);
  if (route.includes(current)) return current;
  const order = (s: Stage) => STAGES.indexOf(s);
  return order(current) < order(route[0]) ? route[0] : route[route.length - 1];
}
