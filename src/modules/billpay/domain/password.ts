/**
 * E2: the payment password set by "MK xxxx" to 9223 and asked by the site before it shows a
 * postpaid subscriber's name, address and debt. Wrong passwords are counted (in SQL) and lock the
 * number out for a while.
 */
export const PASSWORD_RULES = {
  /** Wrong answers within the window before the lockout. */
  maxFailures: 5,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
} as const;

/** "MK 1234" → "1234": one word of 4–8 letters or digits; null for any other syntax. */
export function parsePasswordCommand(args: string[]): string | null {
  return args.length === 1 && /^[A-Za-z0-9]{4,8}$/.test(args[0]) ? args[0] : null;
}

export interface FailureState {
  failedCount: number;
  failedSince: Date | null;
  lockedUntil: Date | null;
}

export const isLocked = (s: Pick<FailureState, 'lockedUntil'>, now: Date): boolean => s.lockedUntil !== null && s.lockedUntil > now;

/** The state after one more wrong password (the SQL update applies the same rule in one statement). */
export function afterFailure(s: FailureState, now: Date): FailureState {
  const fresh = s.failedSince === null || now.getTime() - s.failedSince.getTime() >= PASSWORD_RULES.windowMs;
  const failedCount = fresh ? 1 : s.failedCount + 1;
  const failedSince = fresh ? now : s.failedSince;
  const lockedUntil = failedCount >= PASSWORD_RULES.maxFailures ? new Date(now.getTime() + PASSWORD_RULES.lockMs) : s.lockedUntil;
  return { failedCount, failedSince, lockedUntil };
}
