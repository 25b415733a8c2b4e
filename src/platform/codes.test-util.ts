import { isAppError } from './errors.ts';

/** The error code `fn` throws, for tests of rules that refuse. */
export function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return isAppError(e) ? e.code : `not an AppError: ${String(e)}`;
  }
  return 'no error';
}
