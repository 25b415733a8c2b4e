/** Password policy and brute-force lockout: pure rules, the service applies them. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
/** How long an e-mailed password-reset link stays valid. */
export const RESET_LINK_MINUTES = 30;

export type PasswordProblem = 'too short' | 'too long' | 'needs letters and digits' | 'contains the username';

export function passwordProblem(password: string, username?: string): PasswordProblem | null {
  if (password.length < 8) return 'too short';
  if (password.length > 128) return 'too long';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return 'needs letters and digits';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return 'contains the username';
  return null;
}

export function isLocked(lockedUntil: Date | null, now: Date): boolean {
  return lockedUntil !== null && lockedUntil.getTime() > now.getTime();
}

/** The end of the lock that the MAX_FAILED_LOGINS-th failure in a row starts (the service counts in SQL). */
export function lockEnd(now: Date): Date {
  return new Date(now.getTime() + LOCK_MINUTES * 60_000);
}
