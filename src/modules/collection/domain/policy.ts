/**
 * The collection policy (SPEC G2, Kill Bill's overdue states): steps by days past the oldest unpaid
 * due date of ONE contract — a paid contract is never touched by another contract's debt. Pure.
 */

export const STEP_ACTIONS = ['remind_email', 'remind_sms', 'suspend', 'lock', 'collect'] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];

export interface PolicyStep {
  afterDays: number;
  action: StepAction;
}

export interface CollectionPolicy {
  steps: PolicyStep[];
}

/** Reminders by e-mail the day after the due date and by SMS after 5 days; suspension after 10; lock after 30; collection after 35. */
export const DEFAULT_POLICY: CollectionPolicy = {
  steps: [
    { afterDays: 1, action: 'remind_email' },
    { afterDays: 5, action: 'remind_sms' },
    { afterDays: 10, action: 'suspend' },
    { afterDays: 30, action: 'lock' },
    { afterDays: 35, action: 'collect' },
  ],
};

export const stepKey = (s: PolicyStep): string => `${s.action}@${s.afterDays}`;

/** The order the service-affecting steps must keep: a service is suspended before it is locked, locked before collection. */
const ESCALATION: StepAction[] = ['suspend', 'lock', 'collect'];

/** What is wrong with a policy (empty when it can be saved). */
export function policyProblems(p: CollectionPolicy): string[] {
  const problems: string[] = [];
  const keys = new Set<string>();
  for (const s of p.steps) {
    if (!Number.isInteger(s.afterDays) || s.afterDays < 0 || s.afterDays > 365) problems.push(`${s.action}: afterDays must be a whole number of days 0–365`);
    if (keys.has(stepKey(s))) problems.push(`${stepKey(s)} appears twice`);
    keys.add(stepKey(s));
  }
  const dayOf = (a: StepAction) => p.steps.find((s) => s.action === a)?.afterDays;
  for (const a of ESCALATION) if (p.steps.filter((s) => s.action === a).length > 1) problems.push(`${a} appears more than once`);
  for (let i = 1; i < ESCALATION.length; i++) {
    const before = dayOf(ESCALATION[i - 1]);
    const after = dayOf(ESCALATION[i]);
    if (after !== undefined && before === undefined) problems.push(`${ESCALATION[i]} needs ${ESCALATION[i - 1]} before it`);
    if (after !== undefined && before !== undefined && after < before) problems.push(`${ESCALATION[i]} must come after ${ESCALATION[i - 1]}`);
  }
  return problems;
}

export interface DebtState {
  /** Days past the oldest unpaid due date; null when nothing is overdue. */
  daysOverdue: number | null;
  /** Step keys already taken in the current episode of debt. */
  done: string[];
  /** Whether the contract still owes anything at all (bills not yet due, or the rest of a bill paid in part). */
  owes: boolean;
}

export interface Decision {
  /** Steps now due and not yet taken, oldest first. */
  steps: PolicyStep[];
  /** The episode of debt is over: its state starts afresh. */
  settled: boolean;
  /** …and the service, suspended or locked by it, resumes. */
  reopen: boolean;
}

/** Whether the episode has locked the service (seed 003: "khóa dịch vụ", after which debt collection starts). */
export const isLocked = (done: string[]): boolean => done.some((k) => k.startsWith('lock@'));

/**
 * What to do today. While something is past due: the steps now due and not yet taken. Once nothing
 * is past due the episode settles — a suspended service reopens — except that a LOCKED service
 * waits for the whole debt: paying the overdue bill, or part of what is owed, does not reopen it.
 */
export function nextSteps(policy: CollectionPolicy, s: DebtState): Decision {
  if (s.daysOverdue === null) {
    if (isLocked(s.done) && s.owes) return { steps: [], settled: false, reopen: false };
    const settled = s.done.length > 0;
    return { steps: [], settled, reopen: settled && s.done.some((k) => k.startsWith('suspend@') || k.startsWith('lock@')) };
  }
  const days = s.daysOverdue;
  const steps = policy.steps.filter((step) => step.afterDays <= days && !s.done.includes(stepKey(step))).sort((a, b) => a.afterDays - b.afterDays);
  return { steps, settled: false, reopen: false };
}

/** Aging buckets of what is past due (days after the due date). */
export const AGING_BUCKETS = ['0-30', '31-60', '61-90', '90+'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export function agingBucket(daysPastDue: number): AgingBucket {
  if (daysPastDue <= 30) return '0-30';
  if (daysPastDue <= 60) return '31-60';
  if (daysPastDue <= 90) return '61-90';
  return '90+';
}
