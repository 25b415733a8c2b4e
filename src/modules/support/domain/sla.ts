import { fail } from '../../../platform/errors.ts';
import { REQUEST_TYPES, type RequestType, type SlaPolicy, type SlaPolicyTable, type Stage, type WarningRule } from '../contract.ts';

/**
 * SLA policies per request type (SPEC F4, seed 003 "thời gian xử lý"). Data that admins edit; the
 * defaults are the seed's table. A ticket copies its targets when a resolution cycle starts, so an
 * edit applies to new cycles and never moves a running deadline.
 */

// The policy's shape and the defaults (the seed's table) are in the contract, shared with the web.
export { DEFAULT_SLA_POLICIES, type ClockMode, type SlaPolicy, type SlaPolicyTable, type WarningRule } from '../contract.ts';

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
  if (issues.length > 0) {
    // The issues name the fields (`stageMin.ctkv`, `warning.percent`), which the Vietnamese message lists too.
    const fields = [...new Set(issues.map((i) => i.split(' ')[0]))].join(', ');
    throw fail('VALIDATION_FAILED', { requestType: p.requestType, issues }, {
      vi: `chính sách SLA có giá trị không hợp lệ ở: ${fields}`,
      en: issues.join('; '),
    });
  }
  return p;
}

/** Every type needs a policy filed under its own key. */
export function validatePolicyTable(table: SlaPolicyTable): SlaPolicyTable {
  for (const t of REQUEST_TYPES) {
    const p = table[t];
    if (!p) throw missingPolicy(t);
    if (p.requestType !== t) {
      throw fail(
        'VALIDATION_FAILED',
        { requestType: t, issues: ['filed under another type'] },
        { vi: `chính sách SLA của ${p.requestType} lại nằm ở mục ${t}`, en: `policy for ${p.requestType} filed under ${t}` },
      );
    }
    validatePolicy(p);
  }
  return table;
}

export function policyFor(table: SlaPolicyTable, type: RequestType): SlaPolicy {
  const p = table[type];
  if (!p) throw missingPolicy(type);
  return p;
}

function missingPolicy(type: RequestType) {
  return fail('VALIDATION_FAILED', { requestType: type, issues: ['missing policy'] }, {
    vi: `chưa có chính sách SLA cho ${type}`,
    en: `no SLA policy for ${type}`,
  });
}
