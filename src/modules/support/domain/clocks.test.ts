import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWorkCalendar, type WorkCalendar } from '../../../platform/calendar.ts';
import {
  addClockMinutes,
  clockOf,
  consumed,
  dueAt,
  evaluate,
  finishAll,
  finishStage,
  markNotified,
  newCycle,
  pause,
  resume,
  retarget,
  startStage,
  type ClockSet,
  type ClockStage,
} from './clocks.ts';
import { DEFAULT_SLA_POLICIES, type SlaPolicy } from './sla.ts';

const at = (iso: string) => new Date(iso);
const iso = (s: string) => new Date(s).toISOString();
const cal = createWorkCalendar(); // Mon–Fri 08:00–12:00 + 13:30–17:30, Vietnamese holidays
const incident = DEFAULT_SLA_POLICIES.incident;
const working = (p: SlaPolicy): SlaPolicy => ({ ...p, mode: 'working' });

/** A level-3 ticket received at `when`: TOTAL and CTKV running. */
function received(policy: SlaPolicy, when: string): ClockSet {
  return startStage(newCycle(policy, at(when), { route: ['ctkv', 'ttcntt'] }), 'ctkv', at(when));
}

function due(set: ClockSet, stage: ClockStage, now: string, calendar?: WorkCalendar): string | undefined {
  return dueAt(clockOf(set, stage)!, at(now), set.mode, calendar)?.toISOString();
}

const used = (set: ClockSet, stage: ClockStage, now: string, calendar?: WorkCalendar) => consumed(clockOf(set, stage)!, at(now), set.mode, calendar);
const stages = (alerts: { stage: ClockStage }[]) => alerts.map((a) => a.stage);

describe('deadlines in both clock modes', () => {
  it('across a weekend: elapsed time runs through it, working time skips it', () => {
    const fri = '2026-03-06T16:00:00+07:00';
    const elapsed = received(incident, fri);
    expect(due(elapsed, 'ctkv', fri)).toBe(iso('2026-03-06T20:00:00+07:00'));
    expect(due(elapsed, 'total', fri)).toBe(iso('2026-03-08T16:00:00+07:00'));

    const biz = received(working(incident), fri);
    expect(due(biz, 'ctkv', fri, cal)).toBe(iso('2026-03-09T10:30:00+07:00')); // 90 min Fri + 150 min Mon
    expect(due(biz, 'total', fri, cal)).toBe(iso('2026-03-16T16:00:00+07:00')); // 48 h = 6 working days
    expect(used(biz, 'ctkv', '2026-03-09T09:00:00+07:00', cal)).toBe(150);
  });

  it('across Tết 2026 (16–20/02), which working time skips whole', () => {
    const fri = '2026-02-13T16:00:00+07:00';
    const elapsed = received(incident, fri);
    expect(due(elapsed, 'ctkv', fri)).toBe(iso('2026-02-13T20:00:00+07:00'));
    expect(due(elapsed, 'total', fri)).toBe(iso('2026-02-15T16:00:00+07:00'));

    const biz = received(working(incident), fri);
    expect(due(biz, 'ctkv', fri, cal)).toBe(iso('2026-02-23T10:30:00+07:00'));
    expect(due(biz, 'total', fri, cal)).toBe(iso('2026-03-02T16:00:00+07:00'));
    expect(used(biz, 'ctkv', '2026-02-19T10:00:00+07:00', cal)).toBe(90); // nothing counts during Tết
  });

  it('across the lunch break (12:00–13:30)', () => {
    const tue = '2026-03-10T10:00:00+07:00';
    expect(due(received(incident, tue), 'ctkv', tue)).toBe(iso('2026-03-10T14:00:00+07:00'));
    expect(due(received(working(incident), tue), 'ctkv', tue, cal)).toBe(iso('2026-03-10T15:30:00+07:00'));
    const lunch = '2026-03-10T12:30:00+07:00'; // received during lunch: counting starts at 13:30
    expect(due(received(working(incident), lunch), 'ctkv', lunch, cal)).toBe(iso('2026-03-10T17:30:00+07:00'));
  });

  it("across a day an admin marked 'off'", () => {
    const offWednesday = createWorkCalendar({ overrides: [{ date: '2026-03-11', kind: 'off', name: 'Nghỉ bù' }] });
    const tue = '2026-03-10T16:00:00+07:00';
    const biz = received(working(incident), tue);
    expect(due(biz, 'ctkv', tue, cal)).toBe(iso('2026-03-11T10:30:00+07:00'));
    expect(due(biz, 'ctkv', tue, offWednesday)).toBe(iso('2026-03-12T10:30:00+07:00'));
    expect(due(received(incident, tue), 'ctkv', tue, offWednesday)).toBe(iso('2026-03-10T20:00:00+07:00')); // elapsed ignores it
  });

  it('plans to the second when instants carry seconds, even where a window closes', () => {
    const policy = working({ ...incident, stageMin: { ctkv: 121, ttcntt: 2640 } });
    let set = received(policy, '2026-03-10T09:00:00+07:00');
    set = pause(set, at('2026-03-10T09:00:30+07:00'), cal);
    set = resume(set, at('2026-03-10T10:00:00+07:00'));
    // 120.5 min left from 10:00: 120 fill the morning, the last 30 s open the afternoon.
    const deadline = due(set, 'ctkv', '2026-03-10T10:00:00+07:00', cal)!;
    expect(deadline).toBe(iso('2026-03-10T13:30:30+07:00'));
    expect(used(set, 'ctkv', deadline, cal)).toBe(121);
    expect(addClockMinutes('working', at('2026-03-10T11:59:45+07:00'), 0.5, cal).toISOString()).toBe(iso('2026-03-10T13:30:15+07:00'));
  });

  it('needs a calendar to count working time', () => {
    const set = received(working(incident), '2026-03-10T10:00:00+07:00');
    expect(() => due(set, 'ctkv', '2026-03-10T11:00:00+07:00')).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
  });
});

describe('waiting for the customer', () => {
  it('a ticket paused over a night consumes no elapsed time while paused', () => {
    let set = received(DEFAULT_SLA_POLICIES.activation, '2026-03-10T16:00:00+07:00');
    set = pause(set, at('2026-03-10T17:00:00+07:00'));
    expect(clockOf(set, 'ctkv')!.state).toBe('paused');
    expect(clockOf(set, 'total')!.state).toBe('paused');
    expect(used(set, 'ctkv', '2026-03-10T23:00:00+07:00')).toBe(60);
    expect(used(set, 'ctkv', '2026-03-11T08:00:00+07:00')).toBe(60);
    expect(due(set, 'ctkv', '2026-03-10T23:00:00+07:00')).toBe(iso('2026-03-11T02:00:00+07:00')); // if resumed now

    set = resume(set, at('2026-03-11T08:30:00+07:00'));
    expect(due(set, 'ctkv', '2026-03-11T08:30:00+07:00')).toBe(iso('2026-03-11T11:30:00+07:00'));
    expect(used(set, 'total', '2026-03-11T09:30:00+07:00')).toBe(120);
    expect(set.pauses).toEqual([{ from: at('2026-03-10T17:00:00+07:00'), to: at('2026-03-11T08:30:00+07:00') }]);
  });

  it('in working mode a pause takes out only the working time it covers', () => {
    let set = received(working(DEFAULT_SLA_POLICIES.activation), '2026-03-10T10:00:00+07:00');
    set = pause(set, at('2026-03-10T11:00:00+07:00'), cal);
    set = resume(set, at('2026-03-11T14:00:00+07:00'));
    expect(due(set, 'ctkv', '2026-03-11T14:00:00+07:00', cal)).toBe(iso('2026-03-11T17:00:00+07:00'));
  });

  it('refuses pausing twice, resuming a running set, and resuming before the pause', () => {
    const set = pause(received(incident, '2026-03-10T10:00:00+07:00'), at('2026-03-10T11:00:00+07:00'));
    expect(() => pause(set, at('2026-03-10T12:00:00+07:00'))).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
    expect(() => resume(resume(set, at('2026-03-10T12:00:00+07:00')), at('2026-03-10T13:00:00+07:00'))).toThrow(
      expect.objectContaining({ code: 'INVALID_TRANSITION' }),
    );
    expect(() => resume(set, at('2026-03-10T10:30:00+07:00'))).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });
});

describe('the 4 h + 44 h = 48 h incident flow', () => {
  const mon9 = '2026-03-09T09:00:00+07:00';
  const forwardedAt = at('2026-03-09T12:00:00+07:00');
  const start = received(incident, mon9);
  // CTKV forwards after 3 h, within its 4 h.
  const atTtcntt = startStage(finishStage(start, 'ctkv', forwardedAt), 'ttcntt', forwardedAt);

  it('CTKV is met at the forward; TT CNTT gets 44 h from there; TOTAL keeps 48 h from receipt', () => {
    expect(due(start, 'ctkv', mon9)).toBe(iso('2026-03-09T13:00:00+07:00'));
    const ctkv = clockOf(atTtcntt, 'ctkv')!;
    expect(ctkv).toMatchObject({ state: 'met', consumedMin: 180, metAt: forwardedAt, runningSince: null });
    expect(due(atTtcntt, 'ttcntt', '2026-03-09T12:00:00+07:00')).toBe(iso('2026-03-11T08:00:00+07:00'));
    expect(due(atTtcntt, 'total', '2026-03-09T12:00:00+07:00')).toBe(iso('2026-03-11T09:00:00+07:00'));
  });

  it('warns before the breach, then reports each breach once', () => {
    let set = atTtcntt;
    const check = (when: string) => evaluate(set, at(when), incident);
    const notify = (when: string) => {
      const found = check(when);
      set = markNotified(set, found, at(when));
      return { warnings: stages(found.warnings), breaches: stages(found.breaches) };
    };

    expect(check('2026-03-09T11:00:00+07:00')).toEqual({ warnings: [], breaches: [] });
    expect(check('2026-03-10T20:59:00+07:00')).toEqual({ warnings: [], breaches: [] });
    // 75 %: TT CNTT 33 h after 12:00 Mon, TOTAL 36 h after 09:00 Mon — both Tue 21:00.
    expect(notify('2026-03-10T21:00:00+07:00')).toEqual({ warnings: ['total', 'ttcntt'], breaches: [] });
    expect(notify('2026-03-10T22:00:00+07:00')).toEqual({ warnings: [], breaches: [] });

    expect(notify('2026-03-11T08:00:00+07:00')).toEqual({ warnings: [], breaches: [] }); // at the deadline: still on time
    const breach = check('2026-03-11T08:01:00+07:00').breaches;
    expect(breach).toEqual([{ stage: 'ttcntt', targetMin: 2640, consumedMin: 2641, dueAt: at('2026-03-11T08:00:00+07:00') }]);
    expect(notify('2026-03-11T08:01:00+07:00')).toEqual({ warnings: [], breaches: ['ttcntt'] });
    expect(notify('2026-03-11T08:30:00+07:00')).toEqual({ warnings: [], breaches: [] }); // not again
    expect(notify('2026-03-11T09:01:00+07:00')).toEqual({ warnings: [], breaches: ['total'] });
    expect(notify('2026-03-11T12:00:00+07:00')).toEqual({ warnings: [], breaches: [] });

    const done = finishAll(set, at('2026-03-11T12:00:00+07:00'));
    expect(clockOf(done, 'ttcntt')).toMatchObject({ state: 'breached', breachedAt: at('2026-03-11T08:00:00+07:00'), consumedMin: 2880 });
    expect(clockOf(done, 'total')).toMatchObject({ state: 'breached', breachedAt: at('2026-03-11T09:00:00+07:00'), consumedMin: 3060 });
    expect(evaluate(done, at('2026-03-11T12:05:00+07:00'), incident)).toEqual({ warnings: [], breaches: [] });
  });

  it('still reports a breach whose clock stopped before the job ran', () => {
    const late = at('2026-03-09T13:30:00+07:00'); // CTKV forwards 30 min after its 4 h
    const set = startStage(finishStage(start, 'ctkv', late), 'ttcntt', late);
    expect(clockOf(set, 'ctkv')).toMatchObject({ state: 'breached', breachedAt: at('2026-03-09T13:00:00+07:00') });
    expect(stages(evaluate(set, at('2026-03-09T13:35:00+07:00'), incident).breaches)).toEqual(['ctkv']);
  });

  it('refuses to start a running stage or finish one that never started', () => {
    expect(() => startStage(start, 'ctkv', forwardedAt)).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
    expect(() => finishStage(start, 'ttcntt', forwardedAt)).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
  });

  it('a stage entered again continues its own clock', () => {
    const back = at('2026-03-09T14:00:00+07:00');
    const returned = startStage(finishStage(atTtcntt, 'ttcntt', back), 'ctkv', back);
    expect(clockOf(returned, 'ctkv')).toMatchObject({ state: 'running', consumedMin: 180, startedAt: at(mon9) });
    expect(due(returned, 'ctkv', '2026-03-09T14:00:00+07:00')).toBe(iso('2026-03-09T15:00:00+07:00'));
  });
});

describe('cycles and re-targeting', () => {
  it('a reopen starts a new cycle and leaves the old one as it was', () => {
    const first = finishAll(received(incident, '2026-03-09T09:00:00+07:00'), at('2026-03-09T11:00:00+07:00'));
    const snapshot = structuredClone(first);
    const second = startStage(newCycle(incident, at('2026-03-12T10:00:00+07:00'), { route: ['ctkv'], previous: first }), 'ctkv', at('2026-03-12T10:00:00+07:00'));
    expect(first).toEqual(snapshot);
    expect(first.cycle).toBe(1);
    expect(second.cycle).toBe(2);
    expect(clockOf(second, 'total')).toMatchObject({ state: 'running', consumedMin: 0, targetMin: 2880 });
    expect(due(second, 'ctkv', '2026-03-12T10:00:00+07:00')).toBe(iso('2026-03-12T14:00:00+07:00'));
  });

  it('takes the new budgets when a question turns out to be an incident', () => {
    const q = DEFAULT_SLA_POLICIES.question;
    let set = startStage(newCycle(q, at('2026-03-09T09:00:00+07:00'), { route: ['receiver'] }), 'receiver', at('2026-03-09T09:00:00+07:00'));
    const twoPm = at('2026-03-09T14:00:00+07:00');
    set = markNotified(set, evaluate(set, twoPm, q), twoPm);
    expect(clockOf(set, 'total')!.notified?.breach).toEqual(twoPm);

    set = retarget(set, incident, twoPm);
    expect(set.targets).toEqual({ receiver: 240, ctkv: 240, ttcntt: 2640 });
    expect(clockOf(set, 'total')).toMatchObject({ targetMin: 2880, consumedMin: 300, breachedAt: undefined, notified: undefined });
    expect(due(set, 'total', '2026-03-09T14:00:00+07:00')).toBe(iso('2026-03-11T09:00:00+07:00'));
    expect(evaluate(set, twoPm, incident).breaches).toEqual([]);
  });
});

describe('properties', () => {
  const t0Arb = fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') });
  const gapsArb = fc.array(fc.integer({ min: 0, max: 5 * 86_400_000 }), { maxLength: 8 });

  it('consumed time never exceeds the wall time since the start (elapsed: exactly wall − paused)', () => {
    fc.assert(
      fc.property(t0Arb, gapsArb, fc.integer({ min: 0, max: 5 * 86_400_000 }), fc.boolean(), (t0, gaps, tail, biz) => {
        const policy = biz ? working(incident) : incident;
        let set = newCycle(policy, new Date(t0));
        let t = t0;
        for (const gap of gaps) {
          t += gap;
          set = set.pausedSince ? resume(set, new Date(t)) : pause(set, new Date(t), cal);
        }
        const end = t + tail;
        const minutes = consumed(clockOf(set, 'total')!, new Date(end), set.mode, cal);
        const paused = set.pauses.reduce((s, p) => s + p.to.getTime() - p.from.getTime(), 0) + (set.pausedSince ? end - set.pausedSince.getTime() : 0);
        expect(minutes).toBeGreaterThanOrEqual(0);
        expect(minutes).toBeLessThanOrEqual((end - t0) / 60_000);
        if (!biz) expect(minutes).toBe((end - t0 - paused) / 60_000);
      }),
    );
  });

  it("a pause moves an elapsed clock's deadline later by exactly the paused time", () => {
    fc.assert(
      fc.property(t0Arb, fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), fc.integer({ min: 0, max: 30 * 86_400_000 }), (t0, target, share, paused) => {
        const policy: SlaPolicy = { ...incident, stageMin: { ctkv: target, ttcntt: null }, totalMin: Math.max(target, 240) };
        let set = startStage(newCycle(policy, new Date(t0)), 'ctkv', new Date(t0));
        const before = dueAt(clockOf(set, 'ctkv')!, new Date(t0), 'elapsed')!.getTime();
        const p = t0 + Math.floor(share * target * 60_000); // paused before the deadline
        set = resume(pause(set, new Date(p)), new Date(p + paused));
        expect(dueAt(clockOf(set, 'ctkv')!, new Date(p + paused), 'elapsed')!.getTime()).toBe(before + paused);
      }),
    );
  });

  it('at its deadline a clock has consumed exactly its budget, in both modes', () => {
    fc.assert(
      fc.property(t0Arb, fc.integer({ min: 0, max: 4000 }), fc.boolean(), (t0, target, biz) => {
        const policy: SlaPolicy = { ...incident, mode: biz ? 'working' : 'elapsed', stageMin: { ctkv: Math.max(1, target), ttcntt: null }, totalMin: 4000 };
        const set = startStage(newCycle(policy, new Date(t0)), 'ctkv', new Date(t0));
        const clock = clockOf(set, 'ctkv')!;
        const deadline = dueAt(clock, new Date(t0), set.mode, cal)!;
        expect(consumed(clock, deadline, set.mode, cal)).toBe(clock.targetMin);
      }),
    );
  });
});
