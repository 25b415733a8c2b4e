import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agingBucket, DEFAULT_POLICY, nextSteps, policyProblems, stepKey, STEP_ACTIONS, type DebtState, type PolicyStep } from './policy.ts';

const owing = (daysOverdue: number | null, done: string[], owes = daysOverdue !== null): DebtState => ({ daysOverdue, done, owes });

describe('collection policy step selection', () => {
  it('nothing before the first step is due; each step once, oldest first, in the order of days', () => {
    expect(nextSteps(DEFAULT_POLICY, owing(0, []))).toEqual({ steps: [], settled: false, reopen: false });
    expect(nextSteps(DEFAULT_POLICY, owing(1, [])).steps.map(stepKey)).toEqual(['remind_email@1']);
    expect(nextSteps(DEFAULT_POLICY, owing(12, ['remind_email@1'])).steps.map(stepKey)).toEqual(['remind_sms@5', 'suspend@10']);
    expect(nextSteps(DEFAULT_POLICY, owing(12, ['remind_email@1', 'remind_sms@5', 'suspend@10'])).steps).toEqual([]);
    expect(
      nextSteps(DEFAULT_POLICY, owing(40, [])).steps.map((s) => s.action)
    ).toEqual(['remind_email', 'remind_sms', 'suspend', 'lock', 'collect']);
  });

  it('a paid debt settles the episode and reopens a suspended service', () => {
    expect(nextSteps(DEFAULT_POLICY, owing(null, ['remind_email@1', 'suspend@10']))).toEqual({ steps: [], settled: true, reopen: true });
    expect(nextSteps(DEFAULT_POLICY, owing(null, ['remind_email@1']))).toEqual({ steps: [], settled: true, reopen: false });
    expect(nextSteps(DEFAULT_POLICY, owing(null, []))).toEqual({ steps: [], settled: false, reopen: false });
    // A suspended service reopens once nothing is PAST due, even if a newer bill is not due yet.
    expect(nextSteps(DEFAULT_POLICY, owing(null, ['suspend@10'], true))).toEqual({ steps: [], settled: true, reopen: true });
  });

  it('a locked service reopens only when the whole debt is paid, not when only the overdue part or a part of it is', () => {
    const locked = ['remind_email@1', 'remind_sms@5', 'suspend@10', 'lock@30'];
    expect(nextSteps(DEFAULT_POLICY, owing(31, locked)).steps.map(stepKey)).toEqual([]);
    expect(nextSteps(DEFAULT_POLICY, owing(36, locked)).steps.map(stepKey)).toEqual(['collect@35']);
    expect(nextSteps(DEFAULT_POLICY, owing(null, locked, true))).toEqual({ steps: [], settled: false, reopen: false });
    expect(nextSteps(DEFAULT_POLICY, owing(null, [...locked, 'collect@35'], true))).toEqual({ steps: [], settled: false, reopen: false });
    expect(nextSteps(DEFAULT_POLICY, owing(null, [...locked, 'collect@35'], false))).toEqual({ steps: [], settled: true, reopen: true });
  });

  it('property: evaluating every day takes each due step exactly once, never one not yet due', () => {
    const step = fc.record({ afterDays: fc.integer({ min: 0, max: 60 }), action: fc.constantFrom(...STEP_ACTIONS) });
    fc.assert(
      fc.property(fc.uniqueArray(step, { selector: stepKey, maxLength: 8 }), fc.integer({ min: 0, max: 90 }), (steps: PolicyStep[], lastDay) => {
        const done: string[] = [];
        for (let day = 0; day <= lastDay; day++) {
          for (const s of nextSteps({ steps }, owing(day, done)).steps) {
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
