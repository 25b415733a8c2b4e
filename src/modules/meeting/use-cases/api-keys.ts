import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { apiKeys, organisations } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { meetingError } from '../errors.ts';
import { callerAdminOrg } from '../queries.ts';
import type { Caller } from './meetings.ts';

export const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/** H4: a key for an outside system, shown once; only its sha256 is kept. */
export async function createApiKey(d: Deps, ctx: Ctx, name: string) {
  const { org } = await callerAdminOrg(d, ctx);
  const key = `mk_${randomBytes(32).toString('base64url')}`;
  const now = d.clock.now();
  const row = { id: newId('apiKey', now), organisationId: org.id, name, prefix: key.slice(0, 10), keyHash: hashKey(key), createdBy: ctx.actor.id, createdAt: now };
  await d.database.db.transaction(async (tx) => {
    await tx.insert(apiKeys).values(row);
    await d.audit.record(tx, ctx, { action: 'meeting.api_key.created', entityType: 'meeting_org', entityId: org.id, after: { id: row.id, prefix: row.prefix, name } });
  });
  return { id: row.id, name, prefix: row.prefix, key, createdAt: now, revokedAt: null };
}

export async function listApiKeys(d: Deps, ctx: Ctx) {
  const { org } = await callerAdminOrg(d, ctx);
  const rows = await d.database.db.select().from(apiKeys).where(eq(apiKeys.organisationId, org.id)).orderBy(desc(apiKeys.createdAt));
  return { items: rows.map((k) => ({ id: k.id, name: k.name, prefix: k.prefix, createdAt: k.createdAt, revokedAt: k.revokedAt })) };
}

export async function revokeApiKey(d: Deps, ctx: Ctx, keyId: string) {
  const { org } = await callerAdminOrg(d, ctx);
  await d.database.db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiKeys)
      .set({ revokedAt: d.clock.now() })
      .where(and(eq(apiKeys.id, keyId), eq(apiKeys.organisationId, org.id), isNull(apiKeys.revokedAt)))
      .returning();
    if (!row) throw fail('NOT_FOUND', { apiKey: keyId });
    await d.audit.record(tx, ctx, { action: 'meeting.api_key.revoked', entityType: 'meeting_org', entityId: org.id, after: { id: keyId, prefix: row.prefix } });
  });
}

/** The organisation an `X-Api-Key` stands for (read from the database on every call: a revoke holds at once in every process). */
export async function authorizeApiKey(d: Deps, key: string | undefined, from: { requestId?: string; ip?: string }): Promise<Caller> {
  if (!key || key.length > 200) throw meetingError('MEETING_API_KEY_INVALID');
  const [row] = await d.database.db
    .select({ key: apiKeys, org: organisations })
    .from(apiKeys)
    .innerJoin(organisations, eq(organisations.id, apiKeys.organisationId))
    .where(and(eq(apiKeys.keyHash, hashKey(key)), isNull(apiKeys.revokedAt)));
  if (!row) throw meetingError('MEETING_API_KEY_INVALID');
  const ctx: Ctx = {
    actor: { kind: 'system', id: null, name: `meeting-api:${row.key.prefix}`, roles: [], orgUnitId: null, orgUnitPath: null, customerId: row.org.customerId },
    locale: 'vi',
    requestId: from.requestId,
    ip: from.ip,
  };
  return { ctx, org: row.org, member: null };
}
