/** The revenue feed to BHTT (issue #11 item 8): revenue, collections and commissions per contract and month, through a job. */
import { periodEnded, periodRange } from '../commissions/index.ts';
import { periodOf, previousPeriod } from '../usage/index.ts';
import type { RevenueFeedDeps } from './deps.ts';
import { revenueFeedError } from './errors.ts';
import { CLOSE_QUEUE, closeMonth } from './use-cases/close-month.ts';
import { listPushes } from './use-cases/list-pushes.ts';
import { PUSH_QUEUE, pushRecord } from './use-cases/push-record.ts';

export type { BhttPort, RevenueFeedDeps } from './deps.ts';
export type { ContractAmount } from './domain/records.ts';
export { BhttAdapter, unconfiguredBhtt } from './bhtt/adapter.ts';
export const REVENUE_FEED_JOBS = { close: CLOSE_QUEUE, push: PUSH_QUEUE } as const;

export function createRevenueFeed(d: RevenueFeedDeps) {
  d.jobs.register(CLOSE_QUEUE, async (p: { period: string }) => void (await closeMonth(d, p.period)));
  d.jobs.register(PUSH_QUEUE, (p: { recordId: string }, job) => pushRecord(d, p.recordId, job.attempt));
  return {
    /** Queues an ended month (the monthly timer, or an accountant by hand); returns how many records were queued. */
    async close(period: string): Promise<number> {
      if (!periodEnded(period, d.clock.now())) throw revenueFeedError('REVENUE_FEED_PERIOD_NOT_ENDED', { period });
      return closeMonth(d, period);
    },
    /**
     * The previous month's close, once per month across all processes (the job key), on the 3rd: the
     * bill run and the last commission accruals of the month are in by then.
     */
    scheduleLastMonth: () => {
      const current = periodOf(d.clock.now());
      const period = previousPeriod(current);
      const runAt = new Date(periodRange(current).from.getTime() + 2 * 86_400_000);
      return d.jobs.enqueue(d.database.db, { queue: CLOSE_QUEUE, key: `${CLOSE_QUEUE}:${period}`, payload: { period }, runAt });
    },
    list: (period: string) => listPushes(d, period),
  };
}

export type RevenueFeedService = ReturnType<typeof createRevenueFeed>;
