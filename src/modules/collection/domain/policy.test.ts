import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agingBucket, DEFAULT_POLICY, nextSteps, policyProblems, stepKey, STEP_ACTIONS, type PolicyStep } from './policy.ts';

describe('collection policy step selection', () => {
  it('nothing before the first step is due; each step once, oldest first, in the order of days', () => {
    expect(nextSteps(DEFAULT_POLICY, { daysOverdue: 0, done: [] })).toEqual({ steps: [], reopen: false });
    expect(nextSteps(DEFAULT_POLICY, { daysOverdue: 1, done: [] }).steps.map(stepKey)).toEqual(['remind_email@1']);
    expect(nextSteps(DEFAULT_POLICY, { daysOverdue: 12, done: ['remind_email@1'] }).steps.map(stepKey)).toEqual(['remind_sms@5', 'suspend@10']);
    expect(nextSteps(DEFAULT_POLICY, { daysOverdue: 12, done: ['remind_email@1', 'remind_sms@5', 'suspend@10'] }).steps).toEqual([]);
    expect(
      nextSteps(DEFAULT_POLICY, { daysOverdue: 40, done: [] }).steps.map((s) => s.action)
    ).toEqual(['remind_email', 'remind_sms', 'suspend', 'lock', 'collect']);
  });

  it('a paid debt reopens a suspended service and nothing else', () => {
    expect(nextSteps(DEFAULT_POLICY, { daysOverdue: null, done: ['remind_email@1', 'suspend@10'] })).toEqual({ steps: [], reopen: true });
    expect(nextSteps(DEFAULT_POLICY, { daysOverdue: null, done: ['remind_email@1'] })).toEqual({ steps: [], reopen: false });
    expect(nextSteps(DEFAULT_POLICY, { daysOverdue: null, done: [] })).toEqual({ steps: [], reopen: false });
  });

  it('property: evaluating every day takes each due step exactly once, never one not yet due', () => {
    const step = fc.record({ afterDays: fc.integer({ min: 0, max: 60 }), action: fc.constantFrom(...STEP_ACTIONS) });
    fc.assert(
      fc.property(fc.uniqueArray(step, { selector: stepKey, maxLength: 8 }), fc.integer({ min: 0, max: 90 }), (steps: PolicyStep[], lastDay) => {
        const done: string[] = [];
        for (let day = 0; day <= lastDay; day++) {
          for (const s of nextSteps({ steps }, { daysOverdue: day, done }).steps) {
            expect(s.afterDays).toBeLessThanOrEqual(day);
            done.push(stepKey(s));
          }
        }
        expect(done.sort()).toEqual(steps.filter((s) => s.afterDays <= lastDay).map(stepKey).sort());
      }),
    );
  });

  it('a policy keeps suspension before lock before collection, whole days, no repeats', () => {
    expect(policyProblems(DEFAULT_POLICY)).toEqual([]);
    expect(policyProblems({ steps: [{ afterDays: 5, action: 'lock' }] })).toContain('lock needs suspend before it');
    expect(policyProblems({ steps: [{ afterDays: 20, action: 'suspend' }, { afterDays: 10, action: 'lock' }] })).toContain('lock must come after suspend');
    expect(policyProblems({ steps: [{ afterDays: 1.5, action: 'remind_email' }] })).toHaveLength(1);
    expect(
      policyProblems({ steps: [{ afterDays: 1, action: 'remind_email' }, { afterDays: 1, action: 'remind_email' }] })
    ).toEqual(['remind_email@1 appears twice']);
  });
});

describe('aging buckets', () => {
  it('0–30, 31–60, 61–90, over 90 days past due', () => {
    expect([0, 30, 31, 60, 61, 90, 91, 400].map(agingBucket)).toEqual(['0-30', '0-30', '31-60', '31-60', '61-90', '61-90', '90+', '90+']);
  });
});
