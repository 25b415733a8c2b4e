/**
 * MobiFone Meeting's free trial (SPEC A4, seed 004 "chính sách dùng thử miễn phí"): before a
 * configured date, unlimited accounts, meetings and duration; from that date on, each meeting is
 * limited to a number of minutes (40 in the seed). The policy has no end date. Pure.
 */
import { addDays } from '../../../platform/calendar.ts';
import { fail } from '../../../platform/errors.ts';

export interface TrialPolicy {
  limitFrom: string; // YYYY-MM-DD (Asia/Ho_Chi_Minh business date): the first day with a limit
  meetingMinutesLimit: number; // 40
}

/** Throws VALIDATION_FAILED unless `limitFrom` is a real date and the limit a positive whole number of minutes. */
export function validateTrialPolicy(policy: TrialPolicy): void {
  checkDate(policy.limitFrom, 'limitFrom');
  if (!Number.isSafeInteger(policy.meetingMinutesLimit) || policy.meetingMinutesLimit < 1) {
    throw fail(
      'VALIDATION_FAILED',
      { field: 'meetingMinutesLimit' },
      { vi: 'giới hạn thời lượng cuộc họp phải là số phút nguyên dương', en: 'meetingMinutesLimit must be a positive whole number of minutes' },
    );
  }
}

/** The longest a trial meeting may last on `date`, in minutes; null = unlimited (before `limitFrom`). */
export function trialMeetingLimit(policy: TrialPolicy, date: string): number | null {
  validateTrialPolicy(policy);
  checkDate(date, 'date');
  // Valid YYYY-MM-DD strings sort like the dates they name.
  return date < policy.limitFrom ? null : policy.meetingMinutesLimit;
}

function checkDate(value: unknown, field: string): void {
  let ok = false;
  try {
    ok = typeof value === 'string' && addDays(value, 0) === value;
  } catch {
    // RangeError from addDays: not a date, e.g. 2026-02-30.
  }
  if (!ok) throw fail('VALIDATION_FAILED', { field }, { vi: `${field} phải là ngày dạng YYYY-MM-DD`, en: `${field} must be a date YYYY-MM-DD` });
}
