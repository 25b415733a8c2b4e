import { describe, expect, it } from 'vitest';
import { afterFailedLogin, isLocked, LOCK_MINUTES, passwordProblem } from './passwords.ts';

describe('password policy and lockout', () => {
  it('needs 8+ characters with letters and digits, not containing the username', () => {
    expect(passwordProblem('Qldv@2026')).toBeNull();
    expect(passwordProblem('abc123')).toBe('too short');
    expect(passwordProblem('abcdefgh')).toBe('needs letters and digits');
    expect(passwordProblem('12345678')).toBe('needs letters and digits');
    expect(passwordProblem('am1secret99', 'am1')).toBe('contains the username');
  });

  it('the fifth failure in a row locks for 15 minutes and resets the counter', () => {
    const now = new Date('2026-03-02T02:00:00Z');
    let state = { failedLogins: 0, lockedUntil: null as Date | null };
    for (let i = 1; i <= 4; i++) {
      state = afterFailedLogin(state.failedLogins, now);
      expect(state).toEqual({ failedLogins: i, lockedUntil: null });
    }
    state = afterFailedLogin(state.failedLogins, now);
    expect(state.failedLogins).toBe(0);
    expect(state.lockedUntil!.getTime() - now.getTime()).toBe(LOCK_MINUTES * 60_000);
    expect(isLocked(state.lockedUntil, new Date(now.getTime() + 14 * 60_000))).toBe(true);
    expect(isLocked(state.lockedUntil, new Date(now.getTime() + 15 * 60_000))).toBe(false);
  });
});
