import type { Ctx } from '../../../platform/context.ts';
import type { Deps } from '../deps.ts';
import { nextStatus } from '../domain/lifecycle.ts';
import { notifyStaff, staffToTell } from '../notify.ts';
import { cancelTasks, changeContract } from '../persist.ts';
import { approvalLevel } from '../queries.ts';

/** An approver at their level refuses the contract: its open steps are cancelled, the seller and admin told why. */
export async function rejectContract(d: Deps, ctx: Ctx, id: string, reason: string) {
  return changeContract(
    d,
    ctx,
    id,
    'contract.rejected',
    async (tx, c) => {
      approvalLevel(d, ctx, c); // only an approver whose turn it is rejects
      const status = nextStatus(c.status, 'reject');
      await cancelTasks(d, tx, c.id);
      return { status, rejectionReason: reason };
    },
    async (tx, after) => notifyStaff(d, tx, after, 'rejected', await staffToTell(d, tx, after, 'rejected'), reason),
  );
}
