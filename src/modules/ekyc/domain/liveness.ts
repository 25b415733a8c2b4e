import type { Check } from './id-number.ts';

/**
 * Active liveness: the server issues a challenge (a short random list of actions, single use, valid a
 * few minutes); the app films the person doing them and sends a few frames; each frame's face model
 * reading (head angles, eye openness, similarity to the first frame) is judged here. Pure.
 *
 * Conventions of a reading: `yaw` in degrees, positive when the person turns their head to their own
 * left; `pitch` in degrees, positive when they look up; `eyeOpen` the eyes' aspect ratio (lid gap over
 * eye width, about 0.25–0.35 open, under 0.15 closed); `samePerson` the face-match score against the
 * first frame.
 */
export const ACTIONS = ['turn_left', 'turn_right', 'blink', 'look_up'] as const;
export type Action = (typeof ACTIONS)[number];

export interface FrameReading {
  face: boolean;
  yaw: number | null;
  pitch: number | null;
  eyeOpen: number | null;
  samePerson: number | null;
}

export interface LivenessRules {
  /** Head turn that counts, in degrees from the first frame. */
  turnDeg: number;
  /** Pitch that counts as looking up, in degrees from the first frame. */
  lookUpDeg: number;
  /** A blink: eye openness below this fraction of the first frame's, then back above `reopenRatio`. */
  closedRatio: number;
  reopenRatio: number;
  /** The first frame must face the camera within this yaw (the face match uses it). */
  frontalDeg: number;
  /** Every frame's face-match score to the first frame must reach this. */
  samePerson: number;
}

export const DEFAULT_RULES: LivenessRules = { turnDeg: 20, lookUpDeg: 12, closedRatio: 0.55, reopenRatio: 0.8, frontalDeg: 12, samePerson: 0.5 };
export const MIN_FRAMES = 3;

/** `count` distinct actions drawn with the given random source (0 ≤ r < 1). */
export function pickActions(random: () => number, count = 2): Action[] {
  const pool = [...ACTIONS];
  const out: Action[] = [];
  while (out.length < count && pool.length) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]);
  return out;
}

/** The first frame index ≥ `from` where the action is seen (a blink needs closed, then open again), or -1. */
function seenAt(action: Action, f: FrameReading[], base: FrameReading, from: number, r: LivenessRules): number {
  for (let i = from; i < f.length; i++) {
    const x = f[i];
    if (!x.face) continue;
    if (action === 'turn_left' && x.yaw !== null && x.yaw - (base.yaw ?? 0) >= r.turnDeg) return i;
    if (action === 'turn_right' && x.yaw !== null && (base.yaw ?? 0) - x.yaw >= r.turnDeg) return i;
    if (action === 'look_up' && x.pitch !== null && x.pitch - (base.pitch ?? 0) >= r.lookUpDeg) return i;
    if (action === 'blink' && x.eyeOpen !== null && base.eyeOpen && x.eyeOpen <= base.eyeOpen * r.closedRatio) {
      const reopened = f.findIndex((y, j) => j > i && y.face && y.eyeOpen !== null && y.eyeOpen >= base.eyeOpen! * r.reopenRatio);
      if (reopened > 0) return reopened;
    }
  }
  return -1;
}

/**
 * The frames against the challenge: a face in every frame, the same person throughout, the first
 * frame frontal with open eyes, and each action seen in the order asked. The score is the share of
 * checks passed (1 = all); any failed check is a reason.
 */
export function judgeSequence(actions: readonly Action[], frames: FrameReading[], r: LivenessRules = DEFAULT_RULES): { score: number; checks: Check[] } {
  const base = frames[0];
  const checks: Check[] = [
    { name: 'frames.count', ok: frames.length >= Math.max(MIN_FRAMES, actions.length + 1) },
    { name: 'frames.faceInEach', ok: frames.length > 0 && frames.every((f) => f.face) },
    { name: 'frames.samePerson', ok: frames.slice(1).every((f) => !f.face || (f.samePerson !== null && f.samePerson >= r.samePerson)) },
    { name: 'frames.startFrontal', ok: !!base?.face && base.yaw !== null && Math.abs(base.yaw) <= r.frontalDeg && (base.eyeOpen ?? 0) > 0 },
  ];
  let at = 1;
  for (const a of actions) {
    const i = base?.face ? seenAt(a, frames, base, at, r) : -1;
    checks.push({ name: `action.${a}`, ok: i >= 0 });
    if (i >= 0) at = i + 1;
  }
  const score = Math.round((checks.filter((c) => c.ok).length / checks.length) * 1000) / 1000;
  return { score, checks };
}
