import type { Ctx } from '../../../platform/context.ts';
import type { Deps } from '../deps.ts';
import { nextStatus } from '../domain/lifecycle.ts';
import { changeContract } from '../persist.ts';

export async function resumeContract(d: Deps, ctx: Ctx, id: string) {
  return changeContract(d, ctx, id, 'contract.resumed', async (_tx, c) => ({ status: nextStatus(c.status, 'resume') }));
}
