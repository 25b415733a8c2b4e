import type { Ctx } from '../../../platform/context.ts';
import type { Deps } from '../deps.ts';
import { nextStatus } from '../domain/lifecycle.ts';
import { changeContract } from '../persist.ts';

/** A suspended service resumes, unless a guard refuses (a service locked for debt resumes only once the debt is paid). */
export async function resumeContract(d: Deps, ctx: Ctx, id: string) {
  return changeContract(d, ctx, id, 'contract.resumed', async (tx, c) => {
    const status = nextStatus(c.status, 'resume');
    for (const guard of d.ports.resumeGuards) await guard(tx, c.id);
    return { status };
  });
}
