import type { WorkCalendar } from '../../../platform/calendar.ts';
import { AppError, fail, type Bilingual } from '../../../platform/errors.ts';
import { canTransition, defineMachine, eventsFrom, transition } from '../../../platform/state-machine.ts';
import {
  addClockMinutes,
  clockOf,
  dueAt,
  finishAll,
  finishStage,
  isOverdue,
  newCycle,
  pause,
  resume,
  retarget,
  startStage,
  type ClockSet,
} from './clocks.ts';
import {
  answeringStage,
  CHANNELS,
  DEFAULT_LEVEL,
  isLevel,
  nextStage,
  REQUEST_TYPES,
  routeFor,
  stageAfterReclassify,
  type Channel,
  type Level,
  type RequestType,
  type Stage,
} from './levels.ts';
import { policyFor, type SlaPolicy, type SlaPolicyTable } from './sla.ts';

/**
 * The ticket ("phiếu ghi") lifecycle, SPEC F3. Status says what is happening; `assigneeStage` says
 * which unit holds the ticket; `level` is the classification. All three change independently:
 *
 *   receive → new ──(work: forward / reclassify / update_progress)──→ in_progress ──request_info──→ waiting_customer
 *                 └─answer_at_intake (L1) / resolve──→ resolved ←──────┘      ←──customer_replied──┘
 *   resolved ──review_satisfied / auto_close──→ closed
 *   resolved ──review_not_satisfied──→ reopened (new clock cycle at the unit that answered) ──work──→ …
 */

import type { TicketEvent, TicketStatus } from '../contract.ts';
export type { TicketEvent, TicketStatus };

// What the holding unit can do while the ticket is with it; any of it means work has started.
const WORK = {
  answer_at_intake: 'resolved',
  forward: 'in_progress',
  reclassify: 'in_progress',
  update_progress: 'in_progress',
  request_info: 'waiting_customer',
  resolve: 'resolved',
} as const;

export const TICKET_MACHINE = defineMachine<TicketStatus, TicketEvent>({
  new: WORK,
  in_progress: WORK,
  reopened: WORK,
  waiting_customer: { customer_replied: 'in_progress', update_progress: 'waiting_customer' },
  resolved: { review_satisfied: 'closed', review_not_satisfied: 'reopened', auto_close: 'closed' },
  closed: {},
});

/** Role codes as in identity's ROLES, plus `system` for jobs; other roles have no desk actions. */
export type DeskRole = 'call_center' | 'am' | 'kam' | 'product_ctkv' | 'gpth' | 'customer' | 'system';

export const STAGE_ROLES: Record<Stage, readonly string[]> = {
  receiver: ['call_center', 'am', 'kam'],
  ctkv: ['product_ctkv'],
  ttcntt: ['gpth'],
};

const RECEIVE_ROLES: readonly string[] = [...STAGE_ROLES.receiver, 'customer', 'system'];
/** Channels a customer uses on their own; the others are staff typing in what came by phone, letter or visit. */
const SELF_SERVICE: readonly Channel[] = ['web_portal', 'my_mobifone', 'email'];

/** Resolved tickets nobody reviews are closed after this many calendar days (the seed gives no number). */
export const DEFAULT_AUTO_CLOSE_DAYS = 7;

export interface Ticket {
  status: TicketStatus;
  requestType: RequestType;
  level: Level;
  channel: Channel;
  assigneeStage: Stage;
  receivedAt: Date;
  /** The current resolution cycle; earlier cycles are returned by the reopen and kept by the caller. */
  clocks: ClockSet;
  reopenCount: number;
  resolvedAt: Date | null;
  /** The unit that answered: a reopened ticket goes back to it. */
  resolvedStage: Stage | null;
  /** The latest progress update of this cycle that promised a completion time (F4). */
  progress: { at: Date; expectedCompletionAt: Date } | null;
}

export type TicketCommand =
  | { event: 'answer_at_intake'; answer: string }
  | { event: 'forward'; reason: string }
  | { event: 'reclassify'; level: Level; requestType?: RequestType; reason: string }
  | { event: 'update_progress'; note: string; expectedCompletionAt?: Date }
  | { event: 'request_info'; question: string }
  | { event: 'customer_replied'; message?: string }
  | { event: 'resolve'; answer: string }
  | { event: 'review_satisfied'; comment?: string }
  | { event: 'review_not_satisfied'; comment?: string }
  | { event: 'auto_close' };

export interface TicketContext {
  now: Date;
  role: DeskRole | (string & {}); // any role may ask; those without desk actions are refused
  policies: SlaPolicyTable;
  /** Required when the ticket's cycle counts working time. */
  calendar?: WorkCalendar;
  autoCloseAfterDays?: number;
}

interface Place {
  status: TicketStatus;
  stage: Stage;
  level: Level;
  requestType: RequestType;
}

/** One line of the ticket's history, for the service to store with the audit entry. */
export interface TicketLogEntry {
  at: Date;
  role: string;
  event: TicketEvent | 'receive';
  from: Place | null;
  to: Place;
  command?: TicketCommand;
}

export interface TicketTransition {
  ticket: Ticket;
  entry: TicketLogEntry;
  /** Set by a reopen: the finished cycle, for the caller to keep for reports. */
  previousCycle?: ClockSet;
}

// ---- helpers -----------------------------------------------------------------------------------

const place = (t: Ticket): Place => ({ status: t.status, stage: t.assigneeStage, level: t.level, requestType: t.requestType });

function invalid(field: string, reason: Bilingual): AppError {
  return fail('VALIDATION_FAILED', { field }, reason);
}

/** The fields a command must carry, named for the reader. */
const FIELD_NAMES: Record<string, Bilingual> = {
  now: { vi: 'thời điểm', en: 'the time' },
  answer: { vi: 'câu trả lời', en: 'the answer' },
  reason: { vi: 'lý do', en: 'the reason' },
  note: { vi: 'nội dung cập nhật', en: 'the progress note' },
  question: { vi: 'câu hỏi cho khách hàng', en: 'the question for the customer' },
  expectedCompletionAt: { vi: 'thời điểm dự kiến hoàn thành', en: 'the expected completion time' },
};

function requireText(value: string | undefined, field: string): void {
  const name = FIELD_NAMES[field] ?? { vi: field, en: field };
  if (typeof value !== 'string' || value.trim() === '') throw invalid(field, { vi: `cần nhập ${name.vi}`, en: `${name.en} is required` });
}

function requireDate(value: unknown, field: string): asserts value is Date {
  const name = FIELD_NAMES[field] ?? { vi: field, en: field };
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw invalid(field, {
    vi: `${name.vi} không hợp lệ`,
    en: `${name.en} must be a valid instant`,
  });
}

const LEVEL_RANGE: Bilingual = { vi: 'mức độ phải là 1, 2, 3 hoặc 4', en: 'level must be 1, 2, 3 or 4' };
const UNKNOWN_TYPE: Bilingual = { vi: 'loại yêu cầu không tồn tại', en: 'unknown request type' };

/** Hand the ticket from one unit to another: the sender's clock stops, the receiver's starts. */
function move(clocks: ClockSet, from: Stage, to: Stage, now: Date, calendar?: WorkCalendar): ClockSet {
  const sender = clockOf(clocks, from);
  const stopped = sender && (sender.state === 'running' || sender.state === 'paused') ? finishStage(clocks, from, now, calendar) : clocks;
  return startStage(stopped, to, now);
}

// ---- receive -----------------------------------------------------------------------------------

export interface ReceiveInput {
  requestType: RequestType;
  channel: Channel;
  /** Staff classify on intake (step 1.2); omitted → the type's default level. */
  level?: Level;
}

/** Step 1.1–1.2: a new ticket at the first stage of its route, with TOTAL and that stage's clock running. */
export function receive(input: ReceiveInput, ctx: TicketContext): TicketTransition {
  const { now, role } = ctx;
  requireDate(now, 'now');
  if (!RECEIVE_ROLES.includes(role)) throw fail('FORBIDDEN', { role, event: 'receive' }, {
    vi: 'vai trò này không tiếp nhận yêu cầu',
    en: 'this role does not receive requests',
  });
  if (!REQUEST_TYPES.includes(input.requestType)) throw invalid('requestType', UNKNOWN_TYPE);
  if (!CHANNELS.includes(input.channel)) throw invalid('channel', { vi: 'kênh tiếp nhận không tồn tại', en: 'unknown channel' });
  if (role === 'customer') {
    if (!SELF_SERVICE.includes(input.channel)) throw invalid('channel', {
      vi: 'khách hàng gửi yêu cầu qua cổng thông tin, ứng dụng hoặc e-mail',
      en: 'customers submit through the portal, the app or e-mail',
    });
    if (input.level !== undefined) throw invalid('level', {
      vi: 'nhân viên phân loại mức độ, không phải khách hàng',
      en: 'staff classify requests, not customers',
    });
  }
  const level = input.level ?? DEFAULT_LEVEL[input.requestType];
  if (!isLevel(level)) throw invalid('level', LEVEL_RANGE);

  const route = routeFor(level);
  const clocks = startStage(newCycle(policyFor(ctx.policies, input.requestType), now, { route }), route[0], now);
  const ticket: Ticket = {
    status: 'new',
    requestType: input.requestType,
    level,
    channel: input.channel,
    assigneeStage: route[0],
    receivedAt: now,
    clocks,
    reopenCount: 0,
    resolvedAt: null,
    resolvedStage: null,
    progress: null,
  };
  return { ticket, entry: { at: now, role, event: 'receive', from: null, to: place(ticket) } };
}

// ---- who may do what ---------------------------------------------------------------------------

/** Why `role` cannot fire `event` now (state first, then the ticket's data, then the role), or null. */
function refusal(t: Ticket, event: TicketEvent, role: string): AppError | null {
  if (!canTransition(TICKET_MACHINE, t.status, event)) {
    return fail('INVALID_TRANSITION', { status: t.status, event }, {
      vi: `không thể ${event} khi phiếu ở trạng thái ${t.status}`,
      en: `cannot ${event} from ${t.status}`,
    });
  }
  const wrongPlace = (why: Bilingual) => fail('INVALID_TRANSITION', { status: t.status, stage: t.assigneeStage, level: t.level, event }, why);
  const holder = STAGE_ROLES[t.assigneeStage].includes(role);
  const receiver = STAGE_ROLES.receiver.includes(role);
  let allowed: boolean;
  switch (event) {
    case 'answer_at_intake':
      if (t.level !== 1 || t.assigneeStage !== 'receiver') return wrongPlace({
        vi: 'chỉ phiếu mức 1 đang ở bộ phận tiếp nhận mới được trả lời ngay khi tiếp nhận',
        en: 'only a level-1 ticket at the receiver is answered at intake',
      });
      allowed = holder;
      break;
    case 'resolve':
      if (t.assigneeStage === 'receiver') return wrongPlace({
        vi: 'bộ phận tiếp nhận trả lời bằng answer_at_intake',
        en: 'the receiver answers with answer_at_intake',
      });
      // CTKV answers level 2 and forwards 3–4 (F3); answering elsewhere means the level is wrong.
      if (answeringStage(t.level) !== t.assigneeStage) return wrongPlace({
          vi: `phiếu mức ${t.level} do ${answeringStage(t.level)} trả lời: hãy phân loại lại trước`,
          en: `level ${t.level} is answered by ${answeringStage(t.level)}: reclassify first`,
        });
      allowed = holder;
      break;
    case 'forward':
      if (nextStage(t.level, t.assigneeStage) === null) return wrongPlace({
        vi: `phiếu mức ${t.level} không chuyển tiếp quá ${t.assigneeStage}`,
        en: `level ${t.level} goes no further than ${t.assigneeStage}`,
      });
      allowed = holder;
      break;
    case 'reclassify':
    case 'request_info':
      allowed = holder;
      break;
    case 'update_progress':
      allowed = holder || receiver; // the receiver notes what it told the customer
      break;
    case 'customer_replied':
      allowed = holder || receiver || role === 'customer';
      break;
    case 'review_satisfied':
    case 'review_not_satisfied':
      allowed = receiver || role === 'customer'; // the receiver records a review given by phone
      break;
    case 'auto_close':
      allowed = role === 'system';
      break;
  }
  return allowed ? null : fail('FORBIDDEN', { role, event, stage: t.assigneeStage }, {
    vi: `vai trò này không được ${event} ở bước ${t.assigneeStage}`,
    en: `this role may not ${event} at ${t.assigneeStage}`,
  });
}

/** The events `role` may fire on `t` now (for screens that show only the buttons that will work). */
export function allowedEvents(t: Ticket, role: DeskRole | (string & {})): TicketEvent[] {
  return eventsFrom(TICKET_MACHINE, t.status).filter((e) => refusal(t, e, role) === null);
}

// ---- checks jobs and screens use ---------------------------------------------------------------

export type ProgressCheck =
  | { required: false }
  | { required: true; reason: 'overdue' | 'promise_passed' | 'stale'; since: Date };

/**
 * F4: once the TOTAL budget (48 h for levels 3–4) is spent, TT CNTT must post progress with an
 * expected completion time so CTKV can tell the customer. Required again when that time passes,
 * or when the policy asks for updates every `progressEveryMin` and the last one is older.
 */
export function progressRequired(t: Ticket, now: Date, policy: SlaPolicy, calendar?: WorkCalendar): ProgressCheck {
  if (t.assigneeStage !== 'ttcntt' || !['new', 'in_progress', 'reopened'].includes(t.status)) return { required: false };
  const total = clockOf(t.clocks, 'total');
  const mode = t.clocks.mode;
  if (!total || !isOverdue(total, now, mode, calendar)) return { required: false };
  const overdueSince = dueAt(total, now, mode, calendar)!;
  const p = t.progress;
  if (!p || p.at.getTime() < overdueSince.getTime()) return { required: true, reason: 'overdue', since: overdueSince };
  if (p.expectedCompletionAt.getTime() <= now.getTime()) return { required: true, reason: 'promise_passed', since: p.expectedCompletionAt };
  if (policy.progressEveryMin !== null) {
    const nextDue = addClockMinutes(mode, p.at, policy.progressEveryMin, calendar);
    if (nextDue.getTime() <= now.getTime()) return { required: true, reason: 'stale', since: nextDue };
  }
  return { required: false };
}

/** A resolved ticket nobody reviewed for `days` calendar days may be closed by the system. */
export function autoCloseDue(t: Ticket, now: Date, days = DEFAULT_AUTO_CLOSE_DAYS): boolean {
  return t.status === 'resolved' && t.resolvedAt !== null && now.getTime() - t.resolvedAt.getTime() >= days * 86_400_000;
}

// ---- transition --------------------------------------------------------------------------------

/** Apply `cmd` by `ctx.role` at `ctx.now`: the new ticket (clocks included) and its history line. */
export function applyEvent(t: Ticket, cmd: TicketCommand, ctx: TicketContext): TicketTransition {
  const { now, calendar } = ctx;
  requireDate(now, 'now');
  const problem = refusal(t, cmd.event, ctx.role);
  if (problem) throw problem;

  let next: Ticket = { ...t, status: transition(TICKET_MACHINE, t.status, cmd.event) };
  let previousCycle: ClockSet | undefined;

  switch (cmd.event) {
    case 'answer_at_intake':
    case 'resolve':
      requireText(cmd.answer, 'answer');
      next = { ...next, clocks: finishAll(t.clocks, now, calendar), resolvedAt: now, resolvedStage: t.assigneeStage };
      break;

    case 'forward': {
      requireText(cmd.reason, 'reason');
      const to = nextStage(t.level, t.assigneeStage)!;
      next = { ...next, assigneeStage: to, clocks: move(t.clocks, t.assigneeStage, to, now, calendar) };
      break;
    }

    case 'reclassify': {
      requireText(cmd.reason, 'reason');
      if (!isLevel(cmd.level)) throw invalid('level', LEVEL_RANGE);
      const requestType = cmd.requestType ?? t.requestType;
      if (!REQUEST_TYPES.includes(requestType)) throw invalid('requestType', UNKNOWN_TYPE);
      if (cmd.level === t.level && requestType === t.requestType) throw invalid('level', {
        vi: 'mức độ và loại yêu cầu không thay đổi',
        en: 'nothing to reclassify',
      });
      let clocks = requestType === t.requestType ? t.clocks : retarget(t.clocks, policyFor(ctx.policies, requestType), now, calendar);
      const to = stageAfterReclassify(cmd.level, t.assigneeStage);
      if (to !== t.assigneeStage) clocks = move(clocks, t.assigneeStage, to, now, calendar);
      next = { ...next, level: cmd.level, requestType, assigneeStage: to, clocks };
      break;
    }

    case 'update_progress': {
      requireText(cmd.note, 'note');
      const eta = cmd.expectedCompletionAt;
      if (eta !== undefined) {
        requireDate(eta, 'expectedCompletionAt');
        if (eta.getTime() <= now.getTime()) throw invalid('expectedCompletionAt', {
          vi: 'thời điểm dự kiến hoàn thành phải ở tương lai',
          en: 'expected completion must be in the future',
        });
        next = { ...next, progress: { at: now, expectedCompletionAt: eta } };
      } else if (progressRequired(t, now, policyFor(ctx.policies, t.requestType), calendar).required) {
        throw invalid('expectedCompletionAt', {
          vi: 'đã quá hạn xử lý, cập nhật tiến độ phải nêu thời điểm dự kiến hoàn thành',
          en: 'past the processing limit, progress must give an expected completion time',
        });
      }
      break;
    }

    case 'request_info':
      requireText(cmd.question, 'question');
      next = { ...next, clocks: pause(t.clocks, now, calendar) };
      break;

    case 'customer_replied':
      next = { ...next, clocks: resume(t.clocks, now) };
      break;

    case 'review_not_satisfied': {
      // A new resolution cycle at the unit that answered; the old cycle's result stays as it was.
      const stage = t.resolvedStage ?? t.assigneeStage;
      const route = routeFor(t.level);
      const fresh = newCycle(policyFor(ctx.policies, t.requestType), now, { route: route.slice(Math.max(0, route.indexOf(stage))), previous: t.clocks });
      previousCycle = t.clocks;
      next = {
        ...next,
        assigneeStage: stage,
        clocks: startStage(fresh, stage, now),
        reopenCount: t.reopenCount + 1,
        resolvedAt: null,
        resolvedStage: null,
        progress: null,
      };
      break;
    }

    case 'auto_close':
      if (!autoCloseDue(t, now, ctx.autoCloseAfterDays)) throw fail('INVALID_TRANSITION', { event: 'auto_close', resolvedAt: t.resolvedAt }, {
        vi: 'chưa hết thời gian đánh giá',
        en: 'the review period has not ended',
      });
      break;

    case 'review_satisfied':
      break;
  }

  const entry: TicketLogEntry = { at: now, role: ctx.role, event: cmd.event, from: place(t), to: place(next), command: cmd };
  return { ticket: next, entry, ...(previousCycle ? { previousCycle } : {}) };
}
