import type { WorkCalendar } from '../../../platform/calendar.ts';
import { fail, type Bilingual } from '../../../platform/errors.ts';
import type { Stage } from './levels.ts';
import { stageTarget, warningPoint, type ClockMode, type SlaPolicy } from './sla.ts';

/**
 * SLA clocks, OCA-style: each clock banks the minutes it has consumed and, while running, the
 * instant it last (re)started; the deadline is that instant + the remaining budget. Pausing banks
 * the time, resuming restarts the count, so a deadline never needs to be stored to stay right.
 * One TOTAL clock runs from receipt to the answer; one clock per stage runs while the unit holds
 * the ticket. Internally everything is integer milliseconds, so sums never drift; the API speaks minutes.
 */

export type ClockStage = 'total' | Stage;
import type { ClockState } from '../contract.ts';
export type { ClockState };

export interface Clock {
  stage: ClockStage;
  /** Budget in minutes of the cycle's mode; null = no limit set (the clock only measures). */
  targetMin: number | null;
  /** Minutes consumed before `runningSince` (all of them when not running). */
  consumedMin: number;
  runningSince: Date | null;
  state: ClockState;
  startedAt?: Date;
  stoppedAt?: Date;
  /** Set when the clock stopped within its budget. */
  metAt?: Date;
  /** The instant the budget ran out (kept once known, even if the clock runs on). */
  breachedAt?: Date;
  /** What escalation already went out, so a job fires each one once. */
  notified?: { warning?: Date; breach?: Date };
}

/** The clocks of one resolution cycle. A reopen starts a new set; the caller keeps the old one for reports. */
export interface ClockSet {
  cycle: number; // 1, then +1 per reopen
  mode: ClockMode; // frozen per cycle: banked minutes of one mode cannot be continued in the other
  targets: Record<Stage, number | null>; // copied from the policy, so policy edits never move running deadlines
  clocks: Clock[]; // TOTAL first, then stages
  pausedSince: Date | null;
  pauses: { from: Date; to: Date }[]; // every customer wait, for audit and reports
}

export interface ClockAlert {
  stage: ClockStage;
  targetMin: number;
  consumedMin: number;
  dueAt: Date | null;
}

export interface Evaluation {
  warnings: ClockAlert[];
  breaches: ClockAlert[];
}

const MIN = 60_000;
const toMs = (minutes: number) => Math.round(minutes * MIN);

// ---- time in the cycle's mode ------------------------------------------------------------------

function needCalendar(mode: ClockMode, calendar?: WorkCalendar): WorkCalendar | undefined {
  if (mode === 'working' && !calendar) throw fail('INTERNAL', { mode }, {
    vi: 'đồng hồ SLA tính theo giờ làm việc cần lịch làm việc',
    en: 'working-time SLA clocks need a WorkCalendar',
  });
  return calendar;
}

/** Milliseconds of counted time in [from, to). */
function spentMs(mode: ClockMode, from: Date, to: Date, calendar?: WorkCalendar): number {
  if (to.getTime() <= from.getTime()) return 0;
  if (mode === 'elapsed') return to.getTime() - from.getTime();
  return Math.round(needCalendar(mode, calendar)!.workingMinutesBetween(from, to) * MIN);
}

/** The instant at which `ms` of counted time (≥ 0) have passed after `from`. */
function planMs(mode: ClockMode, from: Date, ms: number, calendar?: WorkCalendar): Date {
  if (mode === 'elapsed') return new Date(from.getTime() + ms);
  const cal = needCalendar(mode, calendar)!;
  // The calendar plans whole minutes; the sub-minute rest (left by instants with seconds) is added by hand.
  const whole = Math.floor(ms / MIN);
  let t = cal.addWorkingMinutes(from, whole);
  let rest = ms - whole * MIN;
  while (rest > 0) {
    const start = cal.nextWorkingStart(t);
    const fits = Math.round(cal.workingMinutesBetween(start, new Date(start.getTime() + rest)) * MIN);
    if (fits >= rest) return new Date(start.getTime() + rest);
    t = new Date(start.getTime() + fits); // the window closed within that last minute
    rest -= fits;
  }
  return t;
}

/** `from` + `minutes` of counted time in `mode` (e.g. when a progress update falls due). */
export function addClockMinutes(mode: ClockMode, from: Date, minutes: number, calendar?: WorkCalendar): Date {
  return planMs(mode, from, toMs(minutes), calendar);
}

// ---- reading a clock ---------------------------------------------------------------------------

const bankedMs = (c: Clock) => toMs(c.consumedMin);
const isActive = (c: Clock) => c.state === 'running' || c.state === 'paused';

function consumedMs(c: Clock, now: Date, mode: ClockMode, calendar?: WorkCalendar): number {
  const running = c.state === 'running' && c.runningSince ? spentMs(mode, c.runningSince, now, calendar) : 0;
  return bankedMs(c) + running;
}

/** Minutes consumed by `now`, in `mode`. */
export function consumed(clock: Clock, now: Date, mode: ClockMode, calendar?: WorkCalendar): number {
  return consumedMs(clock, now, mode, calendar) / MIN;
}

/**
 * The deadline: the resume point + the remaining budget. A paused clock reports the deadline it
 * would have if resumed at `now`; a breached one the instant it ran out; pending, met and
 * unlimited clocks have none.
 */
export function dueAt(clock: Clock, now: Date, mode: ClockMode, calendar?: WorkCalendar): Date | null {
  if (clock.targetMin === null || clock.state === 'pending' || clock.state === 'met') return null;
  if (clock.breachedAt) return clock.breachedAt;
  const left = toMs(clock.targetMin) - bankedMs(clock);
  if (clock.state === 'running' && clock.runningSince) return planMs(mode, clock.runningSince, left, calendar);
  if (clock.state === 'paused') return planMs(mode, now, left, calendar);
  return null;
}

/** Past its budget by `now`. Stopping exactly at the deadline is on time. */
export function isOverdue(clock: Clock, now: Date, mode: ClockMode, calendar?: WorkCalendar): boolean {
  return clock.targetMin !== null && consumedMs(clock, now, mode, calendar) > toMs(clock.targetMin);
}

export function clockOf(set: ClockSet, stage: ClockStage): Clock | undefined {
  return set.clocks.find((c) => c.stage === stage);
}

// ---- transitions (pure: each returns a new set) ------------------------------------------------

function refuse(why: Bilingual, details: object): never {
  throw fail('INVALID_TRANSITION', details, why);
}

/** Stop counting at `now`: move the running time into `consumedMin`, noting when the budget ran out. */
function bank(c: Clock, now: Date, mode: ClockMode, calendar?: WorkCalendar): Clock {
  if (c.state !== 'running' || !c.runningSince) return c;
  const before = bankedMs(c);
  const after = before + spentMs(mode, c.runningSince, now, calendar);
  const target = c.targetMin === null ? null : toMs(c.targetMin);
  const crossed = target !== null && !c.breachedAt && before <= target && after > target;
  return {
    ...c,
    consumedMin: after / MIN,
    runningSince: null,
    ...(crossed ? { breachedAt: planMs(mode, c.runningSince, target - before, calendar) } : {}),
  };
}

function replace(set: ClockSet, clock: Clock): ClockSet {
  const exists = set.clocks.some((c) => c.stage === clock.stage);
  return { ...set, clocks: exists ? set.clocks.map((c) => (c.stage === clock.stage ? clock : c)) : [...set.clocks, clock] };
}

function targetsOf(policy: SlaPolicy): Record<Stage, number | null> {
  return { receiver: stageTarget(policy, 'receiver'), ctkv: stageTarget(policy, 'ctkv'), ttcntt: stageTarget(policy, 'ttcntt') };
}

const pending = (stage: ClockStage, targetMin: number | null): Clock => ({ stage, targetMin, consumedMin: 0, runningSince: null, state: 'pending' });

/**
 * A fresh cycle: TOTAL running from `now`, a pending clock per stage of `route`. For a reopen pass
 * the old set as `previous` (only its number is used; the caller keeps it).
 */
export function newCycle(policy: SlaPolicy, now: Date, opts: { route?: readonly Stage[]; previous?: ClockSet } = {}): ClockSet {
  const targets = targetsOf(policy);
  const total: Clock = { ...pending('total', policy.totalMin), state: 'running', runningSince: now, startedAt: now };
  return {
    cycle: (opts.previous?.cycle ?? 0) + 1,
    mode: policy.mode,
    targets,
    clocks: [total, ...(opts.route ?? []).map((s) => pending(s, targets[s]))],
    pausedSince: null,
    pauses: [],
  };
}

/** The unit received the ticket. A stage entered again (a ticket sent back) continues its own clock. */
export function startStage(set: ClockSet, stage: Stage, now: Date): ClockSet {
  const existing = clockOf(set, stage) ?? pending(stage, set.targets[stage]);
  if (isActive(existing)) {
    const why = { vi: `không thể bắt đầu ${stage}: đồng hồ đã ${existing.state}`, en: `cannot start ${stage}: its clock is already ${existing.state}` };
    refuse(why, { stage, state: existing.state });
  }
  const paused = set.pausedSince !== null; // a ticket that moves while waiting for the customer starts paused
  return replace(set, {
    ...existing,
    state: paused ? 'paused' : 'running',
    runningSince: paused ? null : now,
    startedAt: existing.startedAt ?? now,
    stoppedAt: undefined,
    metAt: undefined,
  });
}

/** The unit let go of the ticket (forwarded or answered): met if within budget, else breached. */
export function finishStage(set: ClockSet, stage: Stage | 'total', now: Date, calendar?: WorkCalendar): ClockSet {
  const c = clockOf(set, stage);
  if (!c || !isActive(c)) {
    const why = { vi: `không thể kết thúc ${stage}: đồng hồ ${c?.state ?? 'chưa có'}`, en: `cannot finish ${stage}: its clock is ${c?.state ?? 'missing'}` };
    refuse(why, { stage, state: c?.state });
  }
  const banked = bank(c, now, set.mode, calendar);
  const late = banked.targetMin !== null && bankedMs(banked) > toMs(banked.targetMin);
  return replace(set, { ...banked, state: late ? 'breached' : 'met', stoppedAt: now, metAt: late ? undefined : now });
}

/** The answer went out: every clock still counting stops. */
export function finishAll(set: ClockSet, now: Date, calendar?: WorkCalendar): ClockSet {
  let out = set.pausedSince ? { ...set, pausedSince: null, pauses: [...set.pauses, { from: set.pausedSince, to: now }] } : set;
  for (const c of set.clocks) if (isActive(c)) out = finishStage(out, c.stage, now, calendar);
  return out;
}

/** Waiting for the customer: every running clock stops consuming. */
export function pause(set: ClockSet, now: Date, calendar?: WorkCalendar): ClockSet {
  if (set.pausedSince) refuse({ vi: 'không thể tạm dừng: đồng hồ đang dừng', en: 'cannot pause: already paused' }, { pausedSince: set.pausedSince });
  return {
    ...set,
    pausedSince: now,
    clocks: set.clocks.map((c) => (c.state === 'running' ? { ...bank(c, now, set.mode, calendar), state: 'paused' } : c)),
  };
}

/** The customer answered: paused clocks count again from `now`. */
export function resume(set: ClockSet, now: Date): ClockSet {
  const since = set.pausedSince;
  if (!since) refuse({ vi: 'không thể chạy tiếp: đồng hồ không tạm dừng', en: 'cannot resume: not paused' }, {});
  if (now.getTime() < since.getTime()) throw fail('VALIDATION_FAILED', { pausedSince: since, now }, {
    vi: 'thời điểm chạy tiếp trước thời điểm tạm dừng',
    en: 'resume before pause',
  });
  return {
    ...set,
    pausedSince: null,
    pauses: [...set.pauses, { from: since, to: now }],
    clocks: set.clocks.map((c) => (c.state === 'paused' ? { ...c, state: 'running', runningSince: now } : c)),
  };
}

/**
 * The ticket changed request type, so its open clocks take the new policy's budgets (finished ones
 * keep their result). Escalation flags reset; a clock already past its new budget counts as
 * breached from `now`: when it crossed the new line earlier cannot be known.
 */
export function retarget(set: ClockSet, policy: SlaPolicy, now: Date, calendar?: WorkCalendar): ClockSet {
  const targets = targetsOf(policy);
  const clocks = set.clocks.map((c): Clock => {
    const targetMin = c.stage === 'total' ? policy.totalMin : targets[c.stage];
    if (c.state === 'met' || c.state === 'breached' || targetMin === c.targetMin) return c;
    const banked = bank(c, now, set.mode, calendar);
    const over = targetMin !== null && bankedMs(banked) > toMs(targetMin);
    return {
      ...banked,
      targetMin,
      runningSince: c.state === 'running' ? now : null,
      breachedAt: over ? now : undefined,
      notified: undefined,
    };
  });
  return { ...set, targets, clocks };
}

// ---- escalation --------------------------------------------------------------------------------

/**
 * What is newly due at `now`: clocks past their warning point or deadline whose escalation has not
 * gone out (`notified`). A breach is reported even if the clock has since stopped, so none is
 * lost between two job runs; a clock reported as breached is not also warned.
 */
export function evaluate(set: ClockSet, now: Date, policy: SlaPolicy, calendar?: WorkCalendar): Evaluation {
  const out: Evaluation = { warnings: [], breaches: [] };
  for (const c of set.clocks) {
    if (c.targetMin === null || c.state === 'pending') continue;
    const used = consumedMs(c, now, set.mode, calendar);
    const alert = (): ClockAlert => ({ stage: c.stage, targetMin: c.targetMin!, consumedMin: used / MIN, dueAt: dueAt(c, now, set.mode, calendar) });
    if (used > toMs(c.targetMin)) {
      if (!c.notified?.breach) out.breaches.push(alert());
      continue;
    }
    const point = warningPoint(c.targetMin, policy.warning);
    if (isActive(c) && point !== null && used >= toMs(point) && !c.notified?.warning && !c.notified?.breach) out.warnings.push(alert());
  }
  return out;
}

/** Record that the escalations in `sent` went out at `now`. */
export function markNotified(set: ClockSet, sent: Evaluation, now: Date): ClockSet {
  const flag = (list: ClockAlert[], stage: ClockStage) => list.some((a) => a.stage === stage);
  return {
    ...set,
    clocks: set.clocks.map((c) => {
      const warning = flag(sent.warnings, c.stage);
      const breach = flag(sent.breaches, c.stage);
      if (!warning && !breach) return c;
      return { ...c, notified: { ...c.notified, ...(warning ? { warning: now } : {}), ...(breach ? { breach: now } : {}) } };
    }),
  };
}
