/**
 * Host controls as a pure rule: who may do what to whom in a live meeting, and what changes.
 * Only the host role may mute or kick; a host is never muted by "mute all" nor kicked by another host;
 * nobody kicks themselves. Muting is enforced on Janus by the caller (moderate) for every participant
 * in `mute`, and lifted for those in `unmute`.
 */
import type { ParticipantRole } from '../live-ports.ts';

export type HostAction =
  | { action: 'mute_all' }
  | { action: 'mute_all_except'; target: string }
  | { action: 'mute'; target: string }
  | { action: 'allow_unmute'; target?: string }
  | { action: 'kick'; target: string }
  | { action: 'end' };

export interface RuleParticipant {
  participantId: string;
  role: ParticipantRole;
  hostMuted: boolean;
}

export type HostDecision =
  | { ok: true; mute: string[]; unmute: string[]; kick: string[]; end: boolean }
  | { ok: false; code: 'NOT_HOST' | 'NO_SUCH_PARTICIPANT' | 'HOST_PROTECTED' | 'CANNOT_TARGET_SELF' };

const none = { mute: [] as string[], unmute: [] as string[], kick: [] as string[], end: false };

export function decideHostAction(actorId: string, action: HostAction, present: RuleParticipant[]): HostDecision {
  const actor = present.find((p) => p.participantId === actorId);
  if (!actor || actor.role !== 'host') return { ok: false, code: 'NOT_HOST' };
  const target = 'target' in action && action.target !== undefined ? present.find((p) => p.participantId === action.target) : undefined;
  if ('target' in action && action.target !== undefined && !target) return { ok: false, code: 'NO_SUCH_PARTICIPANT' };
  const others = present.filter((p) => p.participantId !== actorId && p.role !== 'host');
  switch (action.action) {
    case 'end':
      return { ok: true, ...none, end: true };
    case 'mute_all':
      return { ok: true, ...none, mute: others.filter((p) => !p.hostMuted).map((p) => p.participantId) };
    case 'mute_all_except':
      return {
        ok: true,
        ...none,
        mute: others.filter((p) => p.participantId !== target!.participantId && !p.hostMuted).map((p) => p.participantId),
        // The one spared may speak even if muted by the host before.
        unmute: target!.hostMuted ? [target!.participantId] : [],
      };
    case 'mute':
      if (target!.participantId === actorId) return { ok: false, code: 'CANNOT_TARGET_SELF' };
      if (target!.role === 'host') return { ok: false, code: 'HOST_PROTECTED' };
      return { ok: true, ...none, mute: target!.hostMuted ? [] : [target!.participantId] };
    case 'allow_unmute':
      return { ok: true, ...none, unmute: (target ? [target] : present).filter((p) => p.hostMuted).map((p) => p.participantId) };
    case 'kick':
      if (target!.participantId === actorId) return { ok: false, code: 'CANNOT_TARGET_SELF' };
      if (target!.role === 'host') return { ok: false, code: 'HOST_PROTECTED' };
      return { ok: true, ...none, kick: [target!.participantId] };
  }
}

/** Whether a participant may turn their own microphone on (not while muted by the host). */
export function mayUnmuteSelf(p: RuleParticipant): boolean {
  return !p.hostMuted;
}
