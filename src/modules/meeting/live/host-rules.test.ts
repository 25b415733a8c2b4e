import { describe, expect, it } from 'vitest';
import { decideHostAction, mayUnmuteSelf, type RuleParticipant } from './host-rules.ts';

const room: RuleParticipant[] = [
  { participantId: 'h', role: 'host', hostMuted: false },
  { participantId: 'a', role: 'participant', hostMuted: false },
  { participantId: 'b', role: 'participant', hostMuted: true },
  { participantId: 'g', role: 'guest', hostMuted: false },
];

describe('host controls', () => {
  it('only the host may act', () => {
    expect(decideHostAction('a', { action: 'mute_all' }, room)).toEqual({ ok: false, code: 'NOT_HOST' });
    expect(decideHostAction('g', { action: 'kick', target: 'a' }, room)).toEqual({ ok: false, code: 'NOT_HOST' });
    expect(decideHostAction('nobody', { action: 'end' }, room)).toEqual({ ok: false, code: 'NOT_HOST' });
  });
  it('mute all mutes everyone but the host, skipping those already muted', () => {
    expect(decideHostAction('h', { action: 'mute_all' }, room)).toMatchObject({ ok: true, mute: ['a', 'g'], unmute: [], kick: [] });
  });
  it('mute all except one spares that one and lets them speak again', () => {
    expect(decideHostAction('h', { action: 'mute_all_except', target: 'g' }, room)).toMatchObject({ ok: true, mute: ['a'], unmute: [] });
    expect(decideHostAction('h', { action: 'mute_all_except', target: 'b' }, room)).toMatchObject({ ok: true, mute: ['a', 'g'], unmute: ['b'] });
  });
  it('mute one: not the host, not oneself, someone present', () => {
    expect(decideHostAction('h', { action: 'mute', target: 'a' }, room)).toMatchObject({ ok: true, mute: ['a'] });
    expect(decideHostAction('h', { action: 'mute', target: 'h' }, room)).toEqual({ ok: false, code: 'CANNOT_TARGET_SELF' });
    expect(decideHostAction('h', { action: 'mute', target: 'zz' }, room)).toEqual({ ok: false, code: 'NO_SUCH_PARTICIPANT' });
    const twoHosts = [...room, { participantId: 'h2', role: 'host' as const, hostMuted: false }];
    expect(decideHostAction('h', { action: 'mute', target: 'h2' }, twoHosts)).toEqual({ ok: false, code: 'HOST_PROTECTED' });
  });
  it('kick: one participant, never a host or oneself', () => {
    expect(decideHostAction('h', { action: 'kick', target: 'g' }, room)).toMatchObject({ ok: true, kick: ['g'] });
    expect(decideHostAction('h', { action: 'kick', target: 'h' }, room)).toEqual({ ok: false, code: 'CANNOT_TARGET_SELF' });
  });
  it('allow unmute lifts the host mute of one or all', () => {
    expect(decideHostAction('h', { action: 'allow_unmute', target: 'b' }, room)).toMatchObject({ ok: true, unmute: ['b'] });
    expect(decideHostAction('h', { action: 'allow_unmute' }, room)).toMatchObject({ ok: true, unmute: ['b'] });
    expect(decideHostAction('h', { action: 'allow_unmute', target: 'a' }, room)).toMatchObject({ ok: true, unmute: [] });
  });
  it('ending is the host’s', () => {
    expect(decideHostAction('h', { action: 'end' }, room)).toMatchObject({ ok: true, end: true });
  });
  it('a participant muted by the host cannot unmute themselves', () => {
    expect(mayUnmuteSelf(room[2])).toBe(false);
    expect(mayUnmuteSelf(room[1])).toBe(true);
  });
});
