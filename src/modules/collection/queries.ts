import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import { fail } from '../../platform/errors.ts';
import { cases, contractStates, policies } from './db/schema.ts';
import type { CollectionDeps } from './deps.ts';
import { DEFAULT_POLICY, type CollectionPolicy } from './domain/policy.ts';

export async function currentPolicy(d: CollectionDeps, ex: Executor = d.database.db): Promise<CollectionPolicy> {
  const [row] = await ex.select().from(policies).where(eq(policies.id, 'default'));
  return row?.policy ?? DEFAULT_POLICY;
}

/** The contract's collection state, locked for the step about to be taken (created empty on first use). */
export async function lockState(d: CollectionDeps, tx: Executor, contractId: string) {
  await tx.insert(contractStates).values({ contractId, stage: 'current', doneSteps: [], updatedAt: d.clock.now() }).onConflictDoNothing();
  const [row] = await tx.select().from(contractStates).where(eq(contractStates.contractId, contractId)).for('update');
  return row;
}

export async function caseRow(d: CollectionDeps, id: string, ex: Executor = d.database.db) {
  const [c] = await ex.select().from(cases).where(eq(cases.id, id));
  if (!c) throw fail('NOT_FOUND', { case: id });
  return c;
}

/** Collection staff, the accountant and admin see every debt; an AM/KAM the contracts in their scope. */
export const seesAllDebt = (ctx: Ctx) => ctx.actor.kind === 'system' || ctx.actor.roles.some((r) => ['accountant', 'admin', 'collector'].includes(r));

export async function assertCanSeeContract(d: CollectionDeps, ctx: Ctx, contractId: string) {
  if (seesAllDebt(ctx)) return;
  if (!d.contracts.canSee(ctx, await d.contracts.row(contractId))) throw fail('NOT_FOUND', { contract: contractId });
}

/** Days from `from` to `to` (local dates). */
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
