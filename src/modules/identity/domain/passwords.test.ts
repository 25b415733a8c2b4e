import { describe, expect, it } from 'vitest';
import { isLocked, LOCK_MINUTES, lockEnd, passwordProblem } from './passwords.ts';

describe('password policy and lockout', () => {
  it('needs 8+ characters with letters and digits, not containing the username', () => {
    expect(passwordProblem('Qldv@2026')).toBeNull();
    expect(passwordProblem('abc123')).toBe('too short');
    expect(passwordProblem('abcdefgh')).toBe('needs letters and digits');
    expect(passwordProblem('12345678')).toBe('needs letters and digits');
    expect(passwordProblem('am1secret99', 'am1')).toBe('contains the username');
  });

  it('a lock lasts LOCK_MINUTES after the failure that starts it', () => {
    const now = new Date('2026-03-02T02:00:00Z');
    const until = lockEnd(now);
    expect(until.getTime() - now.getTime()).toBe(LOCK_MINUTES * 60_000);
    expect(isLocked(until, new Date(now.getTime() + 14 * 60_000))).toBe(true);
    expect(isLocked(until, new Date(now.getTime() + 15 * 60_000))).toBe(false);
    expect(isLocked(null, now)).toBe(false);
  });
});
