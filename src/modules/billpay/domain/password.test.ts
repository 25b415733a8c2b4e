import { describe, expect, it } from 'vitest';
import { afterFailure, isLocked, parsePasswordCommand, PASSWORD_RULES, type FailureState } from './password.ts';

describe('payment password', () => {
  it('reads "MK xxxx": one word of 4–8 letters or digits', () => {
    expect(parsePasswordCommand(['1234'])).toBe('1234');
    expect(parsePasswordCommand(['Ab12cD34'])).toBe('Ab12cD34');
    expect(parsePasswordCommand(['123'])).toBeNull();
    expect(parsePasswordCommand(['123456789'])).toBeNull();
    expect(parsePasswordCommand([])).toBeNull();
    expect(parsePasswordCommand(['12', '34'])).toBeNull();
    expect(parsePasswordCommand(['12#4'])).toBeNull();
  });

  it('locks the number after the 5th wrong answer within 15 minutes, for 15 minutes', () => {
    const t0 = new Date('2026-03-02T02:00:00Z');
    let s: FailureState = { failedCount: 0, failedSince: null, lockedUntil: null };
    for (let i = 1; i <= 4; i++) {
      s = afterFailure(s, new Date(t0.getTime() + i * 60_000));
      expect(isLocked(s, new Date(t0.getTime() + i * 60_000))).toBe(false);
    }
    const fifth = new Date(t0.getTime() + 5 * 60_000);
    s = afterFailure(s, fifth);
    expect(s.failedCount).toBe(PASSWORD_RULES.maxFailures);
    expect(isLocked(s, fifth)).toBe(true);
    expect(isLocked(s, new Date(fifth.getTime() + PASSWORD_RULES.lockMs - 1))).toBe(true);
    expect(isLocked(s, new Date(fifth.getTime() + PASSWORD_RULES.lockMs))).toBe(false);
  });

  it('starts counting again once the window has passed', () => {
    const t0 = new Date('2026-03-02T02:00:00Z');
    const s = afterFailure({ failedCount: 4, failedSince: t0, lockedUntil: null }, new Date(t0.getTime() + PASSWORD_RULES.windowMs));
    expect(s).toMatchObject({ failedCount: 1, lockedUntil: null });
  });
});
