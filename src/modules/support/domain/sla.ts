import { legacyError } from '../../../platform/legacy-errors.ts';
import { REQUEST_TYPES, type RequestType, type Stage } from './levels.ts';

/**
 * SLA policies per request type (SPEC F4, seed 003 "thời gian xử lý"). Data that admins edit; the
 * defaults are the seed's table. A ticket copies its targets when a resolution cycle starts, so an
 * edit applies to new cycles and never moves a running deadline.
 */

/** `elapsed`: wall-clock minutes, the seed's plain "4h"/"48h". `working`: minutes inside a WorkCalendar's windows. */
export type ClockMode = 'elapsed' | 'working';

/**
 * When to warn before a deadline. With both set, the earlier point wins (one warning per clock);
 * with neither, the policy never warns.
 */
export interface WarningRule {
  /** Warn once this share of the budget is used, e.g. 75. */
  percent: number | null;
  /** Warn this many minutes (in the clock's mode) before the deadline. */
  minutesBefore: number | null;
}

export interface SlaPolicy {
  requestType: RequestType;
  mode: ClockMode;
  /** Minutes a unit may hold the ticket. The seed's "at CTKV" column also covers the receiver (part of CTKV). */
  stageMin: { ctkv: number; ttcntt: number | null };
  /** Minutes from receipt to the answer ("tổng thời gian xử lý tối đa"). */
  totalMin: number;
  warning: WarningRule;
  /** Once the total budget is spent, TT CNTT re-posts progress at least this often (minutes); null = once, and again when the promised time passes. */
  progressEveryMin: number | null;
}

export type SlaPolicyTable = Record<RequestType, SlaPolicy>;

const H = 60;
const DEFAULT_WARNING: WarningRule = { percent: 75, minutesBefore: null };

function policy(requestType: RequestType, ctkvH: number, ttcnttH: number | null): SlaPolicy {
  return {
    requestType,
    mode: 'elapsed',
    stageMin: { ctkv: ctkvH * H, ttcntt: ttcnttH === null ? null : ttcnttH * H },
    totalMin: (ctkvH + (ttcnttH ?? 0)) * H,
    warning: { ...DEFAULT_WARNING },
    progressEveryMin: null,
  };
}

/** F4: 4 h at CTKV for levels 1–2; 4 h at CTKV + 44 h at TT CNTT = 48 h for incidents, integration and the rest. */
export const DEFAULT_SLA_POLICIES: SlaPolicyTable = {
  question: policy('question', 4, null),
  activation: policy('activation', 4, null),
  config_change: policy('config_change', 4, null),
  incident: policy('incident', 4, 44),
  integration: policy('integration', 4, 44),
  other: policy('other', 4, 44),
};

/** The budget of `stage` under `policy`, or null when the seed sets none (e.g. a question sent on to TT CNTT). */
export function stageTarget(policy: SlaPolicy, stage: Stage): number | null {
  return stage === 'ttcntt' ? policy.stageMin.ttcntt : policy.stageMin.ctkv;
}

/** The consumed minutes at which a clock with `targetMin` warns, or null for no warning. */
export function warningPoint(targetMin: number | null, rule: WarningRule): number | null {
  if (targetMin === null) return null;
  const points: number[] = [];
  if (rule.percent !== null) points.push((targetMin * rule.percent) / 100);
  if (rule.minutesBefore !== null) points.push(targetMin - rule.minutesBefore);
  return points.length === 0 ? null : Math.max(0, Math.min(...points));
}

// ---- validation --------------------------------------------------------------------------------

const isWholeMinutes = (x: unknown, min: number): x is number => Number.isInteger(x) && (x as number) >= min;

/** Problems in `p`, in plain English for the admin screen (empty = valid). */
export function policyIssues(p: SlaPolicy): string[] {
  const issues: string[] = [];
  if (!REQUEST_TYPES.includes(p.requestType)) issues.push(`unknown request type '${String(p.requestType)}'`);
  if (p.mode !== 'elapsed' && p.mode !== 'working') issues.push(`mode must be 'elapsed' or 'working'`);
  // Whole minutes: the working calendar plans in minutes.
  if (!isWholeMinutes(p.stageMin?.ctkv, 1)) issues.push('stageMin.ctkv must be a positive whole number of minutes');
  if (p.stageMin?.ttcntt !== null && !isWholeMinutes(p.stageMin?.ttcntt, 1)) {
    issues.push('stageMin.ttcntt must be null or a positive whole number of minutes');
  }
  if (!isWholeMinutes(p.totalMin, 1)) issues.push('totalMin must be a positive whole number of minutes');
  else {
    for (const s of ['ctkv', 'ttcntt'] as const) {
      const m = p.stageMin?.[s];
      if (typeof m === 'number' && m > p.totalMin) issues.push(`stageMin.${s} cannot exceed totalMin`);
    }
  }
  const w = p.warning;
  if (!w) issues.push('warning is required (use nulls for no warning)');
  else {
    if (w.percent !== null && !(typeof w.percent === 'number' && w.percent > 0 && w.percent < 100)) {
      issues.push('warning.percent must be null or between 0 and 100 (exclusive)');
    }
    if (w.minutesBefore !== null && !isWholeMinutes(w.minutesBefore, 1)) {
      issues.push('warning.minutesBefore must be null or a positive whole number of minutes');
    }
  }
  if (p.progressEveryMin !== null && !isWholeMinutes(p.progressEveryMin, 1)) {
    issues.push('progressEveryMin must be null or a positive whole number of minutes');
  }
  return issues;
}

/** Returns `p` unchanged, or throws VALIDATION_FAILED with `{ requestType, issues }`. */
export function validatePolicy(p: SlaPolicy): SlaPolicy {
  const issues = policyIssues(p);
  if (issues.length > 0) throw legacyError('VALIDATION_FAILED', { requestType: p.requestType, issues }, issues.join('; '));
  return p;
}

/** Every type needs a policy filed under its own key. */
export function validatePolicyTable(table: SlaPolicyTable): SlaPolicyTable {
  for (const t of REQUEST_TYPES) {
    const p = table[t];
    if (!p) throw legacyError('VALIDATION_FAILED', { requestType: t, issues: ['missing policy'] }, `no SLA policy for ${t}`);
    if (p.requestType !== t) {
      throw legacyError('VALIDATION_FAILED', { requestType: t, issues: ['filed under another type'] }, `policy for ${p.requestType} filed under ${t}`);
    }
    validatePolicy(p);
  }
  return table;
}

export function policyFor(table: SlaPolicyTable, type: RequestType): SlaPolicy {
  const p = table[type];
  if (!p) throw legacyError('VALIDATION_FAILED', { requestType: type }, `no SLA policy for ${type}`);
  return p;
}
