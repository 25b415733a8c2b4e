import type { Ctx } from '../../../platform/context.ts';
import { slaPolicies } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import type { RequestType } from '../domain/levels.ts';
import { validatePolicy, type SlaPolicy } from '../domain/sla.ts';

/** Edits the SLA policy of a request type (applies to new resolution cycles); every process reloads it. */
export async function setSlaPolicy(d: Deps, ctx: Ctx, requestType: RequestType, body: Omit<SlaPolicy, 'requestType'>) {
  const policy = validatePolicy({ ...body, requestType });
  const before = (await d.policies.get())[requestType];
  await d.database.db.transaction(async (tx) => {
    const row = { requestType, policy, updatedBy: ctx.actor.id, updatedAt: d.clock.now() };
    await tx.insert(slaPolicies).values(row).onConflictDoUpdate({ target: slaPolicies.requestType, set: row });
    await d.audit.record(tx, ctx, { action: 'sla_policy.updated', entityType: 'sla_policy', entityId: requestType, before, after: policy });
  });
  await d.policies.load();
  return (await d.policies.get())[requestType];
}
