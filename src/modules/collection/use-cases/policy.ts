import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import type { CollectionPolicyOut } from '../contract.ts';
import { policies } from '../db/schema.ts';
import type { CollectionDeps } from '../deps.ts';
import { DEFAULT_POLICY, policyProblems, type CollectionPolicy } from '../domain/policy.ts';
import { collectionError } from '../errors.ts';

export async function getPolicy(d: CollectionDeps): Promise<CollectionPolicyOut> {
  const [row] = await d.database.db.select().from(policies).where(eq(policies.id, 'default'));
  return row ? {
    ...row.policy,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  } : { ...DEFAULT_POLICY, updatedBy: null, updatedAt: null, version: 0 };
}

/** Saves the policy (audited); the next daily evaluation applies it. */
export async function setPolicy(d: CollectionDeps, ctx: Ctx, input: CollectionPolicy): Promise<CollectionPolicyOut> {
  const problems = policyProblems(input);
  if (problems.length) throw collectionError('COLLECTION_POLICY_INVALID', { problems });
  const policy = { steps: [...input.steps].sort((a, b) => a.afterDays - b.afterDays) };
  await d.database.db.transaction(async (tx) => {
    const [before] = await tx.select().from(policies).where(eq(policies.id, 'default')).for('update');
    const row = { id: 'default', policy, updatedBy: ctx.actor.name, updatedAt: d.clock.now(), version: (before?.version ?? 0) + 1 };
    await tx.insert(policies).values(row).onConflictDoUpdate({ target: policies.id, set: row });
    const change = { before: before?.policy ?? DEFAULT_POLICY, after: policy };
    await d.audit.record(tx, ctx, { action: 'collection.policy_changed', entityType: 'collection_policy', entityId: 'default', ...change });
  });
  return getPolicy(d);
}
