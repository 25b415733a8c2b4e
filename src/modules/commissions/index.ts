/** Commissions on collected money (SPEC A6): accruals from the payments ledger, monthly statements, minutes. */
import type { Executor } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import type { CommissionsDeps } from './deps.ts';
import { listCommissions } from './use-cases/list-commissions.ts';
import { minutesHtml } from './use-cases/minutes.ts';
import { reverseWriteOff, type WriteOff } from './use-cases/reverse-write-off.ts';
import { approveStatement, listStatements } from './use-cases/statements.ts';
import { totalsByContract } from './use-cases/totals-by-contract.ts';
import { SYNC_QUEUE, syncAccruals } from './use-cases/sync-accruals.ts';
import { periodOf, previousPeriod } from '../usage/index.ts';

export type { CommissionsDeps } from './deps.ts';
export type { WriteOff } from './use-cases/reverse-write-off.ts';
export { periodEnded, periodRange } from './queries.ts';
export { SYNC_QUEUE as COMMISSIONS_SYNC_QUEUE };

/** Builds the module; its sync job accrues the current and the previous month (money of the last days arrives late). */
export function createCommissions(d: CommissionsDeps) {
  d.jobs.register(SYNC_QUEUE, async () => {
    const now = periodOf(d.clock.now());
    await syncAccruals(d, previousPeriod(now));
    await syncAccruals(d, now);
  });
  return {
    sync: (period: string) => syncAccruals(d, period),
    list: (ctx: Ctx, period: string) => listCommissions(d, ctx, period),
    statements: (ctx: Ctx, period: string) => listStatements(d, ctx, period),
    approve: (ctx: Ctx, period: string, beneficiaryUsername: string) => approveStatement(d, ctx, period, beneficiaryUsername),
    minutes: (ctx: Ctx, period: string, beneficiaryUsername: string) => minutesHtml(d, ctx, period, beneficiaryUsername),
    totalsByContract: (period: string) => totalsByContract(d, period),
    /** Called by collection when a bad-debt write-off is approved, in its transaction. */
    reverseWriteOff: (tx: Executor, ctx: Ctx, w: WriteOff) => reverseWriteOff(d, tx, ctx, w),
  };
}

export type CommissionService = ReturnType<typeof createCommissions>;
