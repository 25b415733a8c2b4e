import { eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { serviceLocks } from '../db/schema.ts';
import type { Deps } from '../deps.ts';

/**
 * Collection locks a contract's service for debt (in its own transaction): from then on every API key
 * of the contract is refused with SERVICE_LOCKED — at once in this process, within KEY_CACHE_MS in
 * the others. Locking twice changes nothing.
 */
export async function lockService(d: Deps, tx: Executor, ctx: Ctx, contractId: string, reason: string): Promise<boolean> {
  const [row] = await tx.insert(serviceLocks).values({ contractId, reason, lockedAt: d.clock.now() }).onConflictDoNothing().returning();
  if (row) await d.audit.record(tx, ctx, { action: 'usage.service_locked', entityType: 'contract', entityId: contractId, after: { reason } });
  forget(d, contractId);
  return !!row;
}

/** The debt is paid (or written off): the contract's keys work again as far as its status allows. */
export async function unlockService(d: Deps, tx: Executor, ctx: Ctx, contractId: string): Promise<boolean> {
  const [row] = await tx.delete(serviceLocks).where(eq(serviceLocks.contractId, contractId)).returning();
  if (row) await d.audit.record(tx, ctx, { action: 'usage.service_unlocked', entityType: 'contract', entityId: contractId, before: { reason: row.reason } });
  forget(d, contractId);
  return !!row;
}

export async function isServiceLocked(d: Deps, contractId: string, ex: Executor = d.database.db): Promise<boolean> {
  const [row] = await ex.select({ id: serviceLocks.contractId }).from(serviceLocks).where(eq(serviceLocks.contractId, contractId));
  return !!row;
}

/** This process stops trusting what it resolved of the contract's keys. */
function forget(d: Deps, contractId: string) {
  for (const [hash, entry] of d.keyCache) if (entry.holder?.contractId === contractId) d.keyCache.delete(hash);
}
