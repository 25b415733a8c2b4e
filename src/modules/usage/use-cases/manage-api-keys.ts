import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import type { ApiKey, ApiKeyCreated } from '../contract.ts';
import { apiKeys, closedPeriods } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { usageError } from '../errors.ts';
import { isServiceLocked } from './lock-service.ts';

export const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/** The contract, if the caller may manage its keys: ops (and admins) in scope, or the customer's own users. */
async function keyContract(d: Deps, ctx: Ctx, contractId: string) {
  const c = await d.contracts.row(contractId);
  d.contracts.assertCanSee(ctx, c);
  return c;
}

/** A new key for a live postpaid contract; the key is returned once and only its sha256 is stored. */
export async function createApiKey(d: Deps, ctx: Ctx, contractId: string, name: string): Promise<ApiKeyCreated> {
  const c = await keyContract(d, ctx, contractId);
  if (c.billing !== 'postpaid' || !['active', 'suspended', 'provisioning'].includes(c.status)) {
    throw usageError('API_KEY_NOT_ALLOWED', { status: `${c.billing}/${c.status}` });
  }
  if (await isServiceLocked(d, contractId)) throw usageError('SERVICE_LOCKED');
  const key = `qk_${randomBytes(32).toString('base64url')}`;
  const now = d.clock.now();
  const row = { id: newId('apiKey', now), contractId, keyHash: hashKey(key), prefix: key.slice(0, 10), name, createdBy: ctx.actor.id, createdAt: now };
  await d.database.db.transaction(async (tx) => {
    await tx.insert(apiKeys).values(row);
    // The row ingestion locks (FOR SHARE) while it inserts, so a bill run closing the month waits for it.
    await tx.insert(closedPeriods).values({ contractId, closedThrough: '', updatedAt: now }).onConflictDoNothing();
    await d.audit.record(tx, ctx, { action: 'api_key.created', entityType: 'contract', entityId: contractId, after: { id: row.id, prefix: row.prefix, name } });
  });
  return { id: row.id, key, prefix: row.prefix, name };
}

export async function listApiKeys(d: Deps, ctx: Ctx, contractId: string): Promise<ApiKey[]> {
  await keyContract(d, ctx, contractId);
  const rows = await d.database.db.select().from(apiKeys).where(eq(apiKeys.contractId, contractId)).orderBy(desc(apiKeys.createdAt));
  return rows.map((k) => ({ id: k.id, prefix: k.prefix, name: k.name, createdAt: k.createdAt.toISOString(), revokedAt: k.revokedAt?.toISOString() ?? null }));
}

/** Revokes a key at once in the database; processes that resolved it stop trusting it within KEY_CACHE_MS. */
export async function revokeApiKey(d: Deps, ctx: Ctx, contractId: string, keyId: string): Promise<void> {
  await keyContract(d, ctx, contractId);
  await d.database.db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: d.clock.now(), revokedBy: ctx.actor.id })
      .where(and(eq(apiKeys.id, keyId), eq(apiKeys.contractId, contractId), isNull(apiKeys.revokedAt)))
      .returning();
    if (!row) throw fail('NOT_FOUND', { apiKey: keyId });
    await d.audit.record(tx, ctx, { action: 'api_key.revoked', entityType: 'contract', entityId: contractId, after: { id: keyId, prefix: row.prefix } });
    d.keyCache.delete(row.keyHash);
  });
}
