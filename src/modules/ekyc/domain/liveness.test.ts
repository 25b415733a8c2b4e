import { describe, expect, it } from 'vitest';
import { judgeSequence, pickActions, type FrameReading } from './liveness.ts';

const f = (yaw: number, eyeOpen = 0.3, o: Partial<FrameReading> = {}): FrameReading => ({ face: true, yaw, pitch: 0, eyeOpen, samePerson: 0.9, ...o });
const failed = (r: { checks: { name: string; ok: boolean }[] }) => r.checks.filter((c) => !c.ok).map((c) => c.name);

describe('active liveness: a challenge judged on frame readings', () => {
  it('draws distinct actions from the random source', () => {
    const seq = [0.99, 0.0, 0.5];
    const actions = pickActions(() => seq.shift() ?? 0, 3);
    expect(new Set(actions).size).toBe(3);
    expect(actions[0]).toBe('look_up');
  });

  it('a sequence doing the actions in order passes with score 1', () => {
    const r = judgeSequence(['turn_left', 'blink'], [f(2), f(28), f(3, 0.08), f(1, 0.29)]);
    expect(failed(r)).toEqual([]);
    expect(r.score).toBe(1);
    expect(judgeSequence(['look_up', 'turn_right'], [f(0), f(0, 0.3, { pitch: 18 }), f(-25)]).score).toBe(1);
  });

  it('a still photo held up to the camera (no movement, no blink) fails every action', () => {
    const still = [f(1), f(1), f(1), f(1)];
    const r = judgeSequence(['turn_right', 'blink'], still);
    expect(failed(r)).toEqual(['action.turn_right', 'action.blink']);
    expect(r.score).toBeCloseTo(4 / 6, 3);
  });

  it('actions in the wrong order, a turn the other way, or eyes that never reopen fail', () => {
    expect(failed(judgeSequence(['turn_left', 'turn_right'], [f(0), f(-25), f(25)]))).toEqual(['action.turn_right']);
    expect(failed(judgeSequence(['turn_left'], [f(0), f(-30), f(-30)]))).toEqual(['action.turn_left']);
    expect(failed(judgeSequence(['blink'], [f(0), f(0, 0.05), f(0, 0.05)]))).toEqual(['action.blink']);
  });

  it('another face swapped in, a frame without a face, a turned first frame, too few frames', () => {
    expect(failed(judgeSequence(['turn_left'], [f(0), f(30, 0.3, { samePerson: 0.2 }), f(0)]))).toEqual(['frames.samePerson']);
    expect(failed(judgeSequence(['turn_left'], [f(0), { face: false, yaw: null, pitch: null, eyeOpen: null, samePerson: null }, f(30)]))).toEqual(['frames.faceInEach']);
    expect(failed(judgeSequence(['turn_left'], [f(25), f(50), f(60)]))).toEqual(['frames.startFrontal']);
    expect(failed(judgeSequence(['turn_left', 'blink'], [f(0), f(30)]))).toEqual(['frames.count', 'action.blink']);
  });
});
