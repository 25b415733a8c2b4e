import { toLocalDate } from '../../../platform/calendar.ts';

export interface TrialPolicy {
  /** From this local date (Asia/Ho_Chi_Minh) trial meetings are capped. */
  limitFrom: string;
  meetingMinutesLimit: number;
}

/**
 * When the server ends a meeting (A4): a trial organisation's meeting started on or after `limitFrom`
 * ends `meetingMinutesLimit` minutes after it started; before that date, and for paying organisations,
 * it runs until it is ended (null). `startedAt` is the first connection (or now, for the first joiner).
 */
export function meetingEndsAt(p: { trial: boolean; policy: TrialPolicy | null; startedAt: Date }): Date | null {
  if (!p.trial || !p.policy) return null;
  if (toLocalDate(p.startedAt) < p.policy.limitFrom) return null;
  return new Date(p.startedAt.getTime() + p.policy.meetingMinutesLimit * 60_000);
}

/** Whole minutes a meeting ran (a started minute counts), for usage and reports. */
export function minutesBetween(from: Date, to: Date): number {
  const ms = to.getTime() - from.getTime();
  return ms <= 0 ? 0 : Math.ceil(ms / 60_000);
}
