import type { Ctx } from '../../../platform/context.ts';
import type { Deps } from '../deps.ts';
import { nextStatus } from '../domain/lifecycle.ts';
import { changeContract } from '../persist.ts';

/** The service stops for a while; the reason goes into the contract's note. */
export async function suspendContract(d: Deps, ctx: Ctx, id: string, reason: string) {
  return changeContract(d, ctx, id, 'contract.suspended', async (_tx, c) => ({
    status: nextStatus(c.status, 'suspend'),
    note: [c.note, `Tạm dừng: ${reason}`].filter(Boolean).join('\n'),
  }));
}
