import { toLocalDate, type LocalDate } from '../../../platform/calendar.ts';

/** E3, from seed 001: per transaction, per subscriber per day (Vietnam days). */
export const LIMITS = {
  minVnd: 50_000n,
  maxVnd: 10_000_000n,
  perDayCount: 5,
  perDayBillVnd: 10_000_000n,
} as const;

export type OrderKind = 'bill' | 'topup';

/** What a subscriber already holds today: orders not failed or expired, and their bill amounts. */
export interface DayUsage {
  count: number;
  billVnd: bigint;
}

export type LimitRefusal = 'AMOUNT_OUT_OF_RANGE' | 'DAILY_COUNT_EXCEEDED' | 'DAILY_AMOUNT_EXCEEDED';

export const amountInRange = (amountVnd: bigint): boolean => amountVnd >= LIMITS.minVnd && amountVnd <= LIMITS.maxVnd;

/** Only bill payments count towards the daily amount; top-ups count only towards the number of transactions. */
export const billPartOf = (kind: OrderKind, amountVnd: bigint): bigint => (kind === 'bill' ? amountVnd : 0n);

/** Why one more order would break E3 given today's usage, or null when it fits. */
export function refusalOf(usage: DayUsage, order: { kind: OrderKind; amountVnd: bigint }): LimitRefusal | null {
  if (!amountInRange(order.amountVnd)) return 'AMOUNT_OUT_OF_RANGE';
  if (usage.count + 1 > LIMITS.perDayCount) return 'DAILY_COUNT_EXCEEDED';
  if (usage.billVnd + billPartOf(order.kind, order.amountVnd) > LIMITS.perDayBillVnd) return 'DAILY_AMOUNT_EXCEEDED';
  return null;
}

/** The Vietnam day an order counts in (Asia/Ho_Chi_Minh, UTC+7): 00:00 local starts a new day. */
export const limitDay = (at: Date): LocalDate => toLocalDate(at);
