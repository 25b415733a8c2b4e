import type { Ctx } from '../../../platform/context.ts';
import type { Deps } from '../deps.ts';
import { nextStatus } from '../domain/lifecycle.ts';
import { cancelTasks, changeContract } from '../persist.ts';
import { assertSeller } from '../queries.ts';

/** The seller (or a self-service customer, their own order) cancels a contract not yet running. */
export async function cancelContract(d: Deps, ctx: Ctx, id: string, reason: string) {
  return changeContract(d, ctx, id, 'contract.cancelled', async (tx, c) => {
    const ownOrder = ctx.actor.customerId === c.customerId && c.channel === 'self_service';
    if (!ownOrder) assertSeller(d, ctx, c);
    const status = nextStatus(c.status, 'cancel');
    await cancelTasks(d, tx, c.id);
    return { status, terminationReason: reason };
  });
}
