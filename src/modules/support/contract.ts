import { z } from 'zod';
import { id, instant, instantOut, localDate, paged } from '../../shared/fields.ts';

/**
 * The support module's HTTP contract and the data the web shares with the server: request types,
 * channels, stages, levels and the routing table (SPEC F1–F4), the default SLA policies, and every
 * route's request and response schema. Imports only zod and src/shared (the web bundles it).
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
  hotline_product_support: {
    vi: 'Hotline hỗ trợ kỹ thuật và khiếu nại',
    en: 'Technical support and complaints hotline',
    phone: '0896151617',
    evidence: 'call_recording',
  },
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

// Level 2+ skips the receiver: step 1.4 hands it to the CTKV product department "ngay sau khi tiếp nhận".
export const ROUTES: Record<Level, readonly Stage[]> = {
  1: ['receiver'],
  2: ['ctkv'],
  3: ['ctkv', 'ttcntt'],
  4: ['ctkv', 'ttcntt'], // partners join inside TT CNTT's stage (step 2.1), not as a stage of their own
};

/** Where `forward` sends a ticket sitting at `from` on `route`, or null at the answering stage (or off the route). */
export function nextOnRoute(route: readonly Stage[], from: Stage): Stage | null {
  const i = route.indexOf(from);
  return i >= 0 && i < route.length - 1 ? route[i + 1] : null;
}

/**
 * Where a ticket at `current` goes when its new route is `route`: it stays if its stage is on it; a ticket
 * below the route moves up to the route's first stage (the receiver never skips CTKV); a ticket above it
 * goes back down to the route's answering stage (TT CNTT returns a level-2 ticket to CTKV).
 */
export function stageOnRoute(route: readonly Stage[], current: Stage): Stage {
  if (route.includes(current)) return current;
  const order = (s: Stage) => STAGES.indexOf(s);
  return order(current) < order(route[0]) ? route[0] : route[route.length - 1];
}

// ---- statuses, events, clocks ------------------------------------------------------------------

export const TICKET_STATUSES = ['new', 'in_progress', 'waiting_customer', 'resolved', 'closed', 'reopened'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export const TICKET_EVENTS = [
  'answer_at_intake',
  'forward',
  'reclassify',
  'update_progress',
  'request_info',
  'customer_replied',
  'resolve',
  'review_satisfied',
  'review_not_satisfied',
  'auto_close',
] as const;
export type TicketEvent = (typeof TICKET_EVENTS)[number];
export const CLOCK_MODES = ['elapsed', 'working'] as const;
/** `elapsed`: wall-clock minutes, the seed's plain "4h"/"48h". `working`: minutes inside a WorkCalendar's windows. */
export type ClockMode = (typeof CLOCK_MODES)[number];
export const CLOCK_STATES = ['pending', 'running', 'paused', 'met', 'breached'] as const;
export type ClockState = (typeof CLOCK_STATES)[number];

// ---- SLA policies (F4) -------------------------------------------------------------------------

const minutes = z.number().int().min(1);
export const slaPolicyBody = z
  .object({
    mode: z.enum(CLOCK_MODES),
    /** Minutes a unit may hold the ticket. The seed's "at CTKV" column also covers the receiver (part of CTKV). */
    stageMin: z.object({ ctkv: minutes, ttcntt: minutes.nullable() }).strict(),
    /** Minutes from receipt to the answer ("tổng thời gian xử lý tối đa"). */
    totalMin: minutes,
    /** When to warn: with both set the earlier point wins; with neither the policy never warns. */
    warning: z.object({ percent: z.number().int().min(1).max(99).nullable(), minutesBefore: minutes.nullable() }).strict(),
    /** Once the total budget is spent, TT CNTT re-posts progress at least this often; null = once, and again when the promise passes. */
    progressEveryMin: minutes.nullable(),
  })
  .strict();
export const slaPolicy = slaPolicyBody.extend({ requestType: z.enum(REQUEST_TYPES) });
export type SlaPolicy = z.infer<typeof slaPolicy>;
export type WarningRule = SlaPolicy['warning'];
export type SlaPolicyTable = Record<RequestType, SlaPolicy>;
export const slaPolicyParams = z.object({ requestType: z.enum(REQUEST_TYPES) });
export const slaPolicies = z.object({ items: z.array(slaPolicy) });

const H = 60;
function defaultPolicy(requestType: RequestType, ctkvH: number, ttcnttH: number | null): SlaPolicy {
  return {
    requestType,
    mode: 'elapsed',
    stageMin: { ctkv: ctkvH * H, ttcntt: ttcnttH === null ? null : ttcnttH * H },
    totalMin: (ctkvH + (ttcnttH ?? 0)) * H,
    warning: { percent: 75, minutesBefore: null },
    progressEveryMin: null,
  };
}

/** F4: 4 h at CTKV for levels 1–2; 4 h at CTKV + 44 h at TT CNTT = 48 h for incidents, integration and the rest. */
export const DEFAULT_SLA_POLICIES: SlaPolicyTable = {
  question: defaultPolicy('question', 4, null),
  activation: defaultPolicy('activation', 4, null),
  config_change: defaultPolicy('config_change', 4, null),
  incident: defaultPolicy('incident', 4, 44),
  integration: defaultPolicy('integration', 4, 44),
  other: defaultPolicy('other', 4, 44),
};

// ---- requests ----------------------------------------------------------------------------------

const level = z.number().int().min(1, 'level 1–4').max(4, 'level 1–4');
const text = (max: number) => z.string().trim().min(1).max(max);

export const newTicket = z
  .object({
    channel: z.enum(CHANNELS),
    requestType: z.enum(REQUEST_TYPES),
    level: level.optional(),
    subject: text(300),
    description: text(10_000),
    customerPhone: z.string().trim().regex(/^(\+?84|0)\d{9,10}$/, 'Vietnamese phone number').optional(),
    customerId: id.optional(),
    contractId: id.optional(),
  })
  .strict();
export type NewTicket = z.input<typeof newTicket>;

const filterFields = {
  scope: z.enum(['mine', 'all']).optional(),
  status: z.enum(TICKET_STATUSES).optional(),
  level: z.coerce.number().int().min(1).max(4).optional(),
  requestType: z.enum(REQUEST_TYPES).optional(),
  stage: z.enum(STAGES).optional(),
  breached: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional(),
};
const pageFields = { page: z.coerce.number().int().min(1).max(100_000).default(1), pageSize: z.coerce.number().int().min(1).max(200).default(20) };
export const ticketQuery = z.object({ ...filterFields, ...pageFields }).strict();
export const ticketExportQuery = z.object({ format: z.enum(['csv', 'xlsx']).default('csv'), ...filterFields }).strict();
export type TicketQuery = z.input<typeof ticketQuery>;

export const lookupQuery = z.object({ phone: z.string().trim().min(3).max(20) }).strict();
export const ticketParams = z.object({ id });
export const attachmentParams = z.object({ id, fileId: id });
export const reviewParams = z.object({ token: z.string().max(80) });
export const reviewBody = z.object({ satisfied: z.boolean(), comment: z.string().trim().max(2000).optional() }).strict();

/** One body for every ticket event; the domain checks which fields each event needs. */
export const ticketEventBody = z.discriminatedUnion('event', [
  z.object({ event: z.literal('answer_at_intake'), answer: text(5000) }).strict(),
  z.object({ event: z.literal('forward'), reason: text(2000) }).strict(),
  z.object({ event: z.literal('reclassify'), level, requestType: z.enum(REQUEST_TYPES).optional(), reason: text(2000) }).strict(),
  z.object({ event: z.literal('update_progress'), note: text(5000), expectedCompletionAt: instant.optional() }).strict(),
  z.object({ event: z.literal('request_info'), question: text(5000) }).strict(),
  z.object({ event: z.literal('customer_replied'), message: z.string().trim().max(5000).optional() }).strict(),
  z.object({ event: z.literal('resolve'), answer: text(5000) }).strict(),
  z.object({ event: z.literal('review_satisfied'), comment: z.string().trim().max(2000).optional() }).strict(),
  z.object({ event: z.literal('review_not_satisfied'), comment: z.string().trim().max(2000).optional() }).strict(),
]);
export type TicketEventBody = z.input<typeof ticketEventBody>;

export const commentBody = z.object({ body: text(5000), visibility: z.enum(['internal', 'customer']).default('internal') }).strict();
export const attachmentBody = z.object({ name: text(200), contentBase64: z.string().min(1) }).strict();
export const dashboardQuery = z.object({ from: localDate, to: localDate }).strict();

// ---- responses ---------------------------------------------------------------------------------

const unitRef = z.object({ id: z.string(), code: z.string(), name: z.string() });

export const ticketSummary = z.object({
  id: z.string(),
  number: z.string(),
  subject: z.string(),
  customer: z.object({ id: z.string(), name: z.string() }).nullable(),
  customerPhone: z.string().nullable(),
  channel: z.enum(CHANNELS),
  requestType: z.enum(REQUEST_TYPES),
  level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  status: z.enum(TICKET_STATUSES),
  assigneeStage: z.enum(STAGES),
  assigneeUnit: unitRef.nullable(),
  createdAt: instantOut,
  resolvedAt: instantOut.nullable(),
  /** TOTAL deadline. */
  dueAt: instantOut.nullable(),
  /** Deadline of the unit holding the ticket. */
  stageDueAt: instantOut.nullable(),
  warned: z.boolean(),
  breached: z.boolean(),
  reopenCount: z.number().int(),
});

export const ticketClock = z.object({
  stage: z.enum(['total', ...STAGES]),
  targetMin: z.number().nullable(),
  consumedMin: z.number(),
  dueAt: instantOut.nullable(),
  state: z.enum(CLOCK_STATES),
});
export const ticketClockSet = z.object({ cycle: z.number().int(), mode: z.enum(CLOCK_MODES), paused: z.boolean(), items: z.array(ticketClock) });

export const ticketTimelineEntry = z.object({
  id: z.string(),
  at: instantOut,
  actorName: z.string().nullable(),
  actorUnit: unitRef.nullable(),
  kind: z.enum(['event', 'comment']),
  /** A TicketEvent, `receive`, or a job's note (`sla_warning`, `sla_breach`, `progress_required`); null for comments. */
  event: z.string().nullable(),
  visibility: z.enum(['internal', 'customer']),
  body: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
});

export const ticketAttachment = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number().int(), createdAt: instantOut });

export const ticketDetail = ticketSummary.extend({
  description: z.string(),
  contract: z.object({ id: z.string(), number: z.string().nullable() }).nullable(),
  clocks: ticketClockSet,
  previousCycles: z.array(ticketClockSet),
  allowedEvents: z.array(z.enum(TICKET_EVENTS)),
  progressRequired: z.object({ required: z.boolean(), reason: z.enum(['overdue', 'promise_passed', 'stale']).optional(), since: instantOut.optional() }),
  progress: z.object({ at: instantOut, expectedCompletionAt: instantOut }).nullable(),
  closedAt: instantOut.nullable(),
  answer: z.string().nullable(),
  events: z.array(ticketTimelineEntry),
  attachments: z.array(ticketAttachment),
});

export const ticketPage = paged(ticketSummary);

export const ticketLookup = z.object({
  customers: z.array(z.object({
    id: z.string(),
    name: z.string(),
    type: z.enum(['individual', 'enterprise']),
    phone: z.string().nullable(),
    email: z.string().nullable(),
  })),
  contracts: z.array(z.object({ id: z.string(), number: z.string(), productCode: z.string(), status: z.string() })),
});

export const ticketReviewInfo = z.object({ number: z.string(), subject: z.string(), answer: z.string().nullable(), status: z.enum(TICKET_STATUSES) });
export const reviewResult = z.object({ status: z.enum(TICKET_STATUSES) });

export const supportDashboard = z.object({
  openByLevel: z.array(z.object({ level: z.number().int(), count: z.number().int() })),
  openByUnit: z.array(z.object({ unit: unitRef.nullable(), stage: z.enum(STAGES), count: z.number().int() })),
  compliance: z.object({ total: z.number().int(), met: z.number().int(), breached: z.number().int(), percent: z.number() }),
  breaches: z.number().int(),
  avgHandlingMinutesByType: z.array(z.object({ requestType: z.enum(REQUEST_TYPES), minutes: z.number(), count: z.number().int() })),
  perDay: z.array(z.object({ date: z.string(), created: z.number().int(), resolved: z.number().int() })),
});

export type TicketSummary = z.infer<typeof ticketSummary>;
export type TicketClock = z.infer<typeof ticketClock>;
export type TicketClockSet = z.infer<typeof ticketClockSet>;
export type TicketTimelineEntry = z.infer<typeof ticketTimelineEntry>;
export type TicketAttachment = z.infer<typeof ticketAttachment>;
export type TicketDetail = z.infer<typeof ticketDetail>;
export type TicketLookup = z.infer<typeof ticketLookup>;
export type TicketReviewInfo = z.infer<typeof ticketReviewInfo>;
export type SupportDashboard = z.infer<typeof supportDashboard>;
