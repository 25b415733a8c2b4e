import { describe, expect, it } from 'vitest';
import { REQUEST_TYPES } from './levels.ts';
import {
  DEFAULT_SLA_POLICIES,
  policyFor,
  policyIssues,
  stageTarget,
  validatePolicy,
  validatePolicyTable,
  warningPoint,
  type SlaPolicy,
} from './sla.ts';

const incident = DEFAULT_SLA_POLICIES.incident;

describe('SLA policies (F4)', () => {
  it('defaults to the seed table, counted in wall-clock hours', () => {
    const hours = REQUEST_TYPES.map((t) => {
      const p = DEFAULT_SLA_POLICIES[t];
      return [t, p.stageMin.ctkv / 60, p.stageMin.ttcntt === null ? null : p.stageMin.ttcntt / 60, p.totalMin / 60];
    });
    expect(hours).toEqual([
      ['question', 4, null, 4],
      ['activation', 4, null, 4],
      ['config_change', 4, null, 4],
      ['incident', 4, 44, 48],
      ['integration', 4, 44, 48],
      ['other', 4, 44, 48],
    ]);
    expect(REQUEST_TYPES.every((t) => DEFAULT_SLA_POLICIES[t].mode === 'elapsed')).toBe(true);
    expect(validatePolicyTable(DEFAULT_SLA_POLICIES)).toBe(DEFAULT_SLA_POLICIES);
  });

  it('gives the receiver the CTKV budget and TT CNTT its own', () => {
    expect(stageTarget(incident, 'receiver')).toBe(240);
    expect(stageTarget(incident, 'ctkv')).toBe(240);
    expect(stageTarget(incident, 'ttcntt')).toBe(2640);
    expect(stageTarget(DEFAULT_SLA_POLICIES.question, 'ttcntt')).toBeNull();
  });

  it('warns at the earlier of the percentage and the minutes-before point', () => {
    expect(warningPoint(240, { percent: 75, minutesBefore: null })).toBe(180);
    expect(warningPoint(240, { percent: null, minutesBefore: 15 })).toBe(225);
    expect(warningPoint(2880, { percent: 75, minutesBefore: 60 })).toBe(2160);
    expect(warningPoint(240, { percent: 90, minutesBefore: 60 })).toBe(180);
    expect(warningPoint(30, { percent: null, minutesBefore: 60 })).toBe(0);
    expect(warningPoint(240, { percent: null, minutesBefore: null })).toBeNull();
    expect(warningPoint(null, { percent: 75, minutesBefore: 15 })).toBeNull();
  });

  it('lets admins switch a policy to working time and edit it within limits', () => {
    const edited: SlaPolicy = { ...incident, mode: 'working', progressEveryMin: 480, warning: { percent: 80, minutesBefore: 30 } };
    expect(validatePolicy(edited)).toBe(edited);
  });

  it('rejects bad policies with every issue listed', () => {
    const bad: SlaPolicy = {
      ...incident,
      mode: 'business' as never,
      stageMin: { ctkv: 0, ttcntt: 30.5 },
      totalMin: 60,
      warning: { percent: 100, minutesBefore: -1 },
      progressEveryMin: 0,
    };
    expect(policyIssues(bad)).toEqual([
      "mode must be 'elapsed' or 'working'",
      'stageMin.ctkv must be a positive whole number of minutes',
      'stageMin.ttcntt must be null or a positive whole number of minutes',
      'warning.percent must be null or between 0 and 100 (exclusive)',
      'warning.minutesBefore must be null or a positive whole number of minutes',
      'progressEveryMin must be null or a positive whole number of minutes',
    ]);
    expect(() => validatePolicy(bad)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
    expect(policyIssues({ ...incident, totalMin: 120 })).toEqual(['stageMin.ctkv cannot exceed totalMin', 'stageMin.ttcntt cannot exceed totalMin']);
  });

  it('refuses a table with a missing or misfiled policy', () => {
    const { other: _other, ...rest } = DEFAULT_SLA_POLICIES;
    expect(() => validatePolicyTable(rest as never)).toThrow(/no SLA policy for other/);
    expect(() => validatePolicyTable({ ...DEFAULT_SLA_POLICIES, other: incident })).toThrow(/filed under other/);
    expect(policyFor(DEFAULT_SLA_POLICIES, 'incident')).toBe(incident);
  });
});
