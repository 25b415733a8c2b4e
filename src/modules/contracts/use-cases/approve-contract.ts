import type { Ctx } from '../../../platform/context.ts';
import type { Deps } from '../deps.ts';
import { approvalsComplete, nextStatus } from '../domain/lifecycle.ts';
import { APPROVAL_TASK } from '../domain/tasks.ts';
import { changeContract, closeTasks } from '../persist.ts';
import { approvalLevel, approvalsOf, type ContractRow } from '../queries.ts';
import { startProvisioning } from './start-provisioning.ts';

/** C2 step 5: the caller approves at their level; with every approval given, provisioning starts. */
export async function approveContract(d: Deps, ctx: Ctx, id: string) {
  return changeContract(
    d,
    ctx,
    id,
    'contract.approved',
    async (tx, c) => {
      const level = approvalLevel(d, ctx, c);
      if (c.status !== 'pending_approval') nextStatus(c.status, 'approved'); // throws INVALID_TRANSITION
      const now = d.clock.now();
      const by = ctx.actor.id;
      const patch: Partial<ContractRow> =
        level === 'ctkv' ? { ctkvApprovedBy: by, ctkvApprovedAt: now } : { ttcnttApprovedBy: by, ttcnttApprovedAt: now };
      await closeTasks(d, tx, ctx, c.id, [APPROVAL_TASK[level]]);
      if (!approvalsComplete(approvalsOf({ ...c, ...patch }))) return patch;
      return { ...patch, status: nextStatus(c.status, 'approved') };
    },
    async (tx, after) => {
      if (after.status === 'provisioning') await startProvisioning(d, tx, after);
    },
  );
}
