import { and, count, desc, eq, gte, ilike, lt, sql, type SQL } from 'drizzle-orm';
import { insertLater } from '../../db/batch.ts';
import type { Database, Executor } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/context.ts';
import type { z } from 'zod';
import type { auditQuery, AuditVerify } from './contract.ts';
import { memoryCheckpoints, type CheckpointStore } from './checkpoints.ts';
import { entries } from './db/schema.ts';
import { normalize } from './domain/chain.ts';
import { deriveCheckpointKey } from './domain/checkpoint.ts';
import type { AuditDeps } from './deps.ts';
import { sealPending, type SealResult } from './use-cases/seal-entries.ts';
import { verifyChain, type ChainCheck } from './use-cases/verify-chain.ts';

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

export type AuditFilter = z.output<typeof auditQuery>;
export type VerifyResult = AuditVerify;

/** The chain check as the API answers it: `firstBrokenId` is the first entry found edited, deleted or slipped in. */
function presented(c: ChainCheck): VerifyResult {
  const r: VerifyResult = { ok: c.ok, checked: c.checked };
  if (c.broken) Object.assign(r, { reason: c.broken.reason, brokenAt: c.broken.seq }, c.broken.entryId === undefined ? {} : { firstBrokenId: c.broken.entryId });
  if (c.pending) r.pending = c.pending;
  if (c.checkpoint) r.checkpoint = c.checkpoint;
  return r;
}

export class AuditLog {
  private readonly deps: AuditDeps;
  private verifying: Promise<unknown> = Promise.resolve();

  constructor(database: Database, clock: Clock, key: string, opts: { checkpointKey?: string; checkpoints?: CheckpointStore; verifyTuning?: AuditDeps['verifyTuning'] } = {}) {
    this.deps = {
      database,
      clock,
      key,
      checkpointKey: opts.checkpointKey ?? deriveCheckpointKey(key),
      checkpoints: opts.checkpoints ?? memoryCheckpoints(),
      verifyTuning: opts.verifyTuning,
    };
  }

  /**
   * Appends an entry in the caller's transaction, in one statement and without any lock: it commits
   * (or rolls back) with the change, and the sealer chains it once its transaction is behind the horizon.
   */
  async record(ex: Executor, ctx: Ctx, event: AuditEvent): Promise<void> {
    // Held to the end of the transaction when it batches its inserts (src/db/batch.ts): nothing reads an entry back before commit.
    await insertLater(ex, entries, {
      at: this.deps.clock.now(),
      actorId: ctx.actor.id,
      actorName: ctx.actor.name,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId ?? null,
      before: normalize(event.before),
      after: normalize(event.after),
      requestId: ctx.requestId ?? null,
      ip: ctx.ip ?? null,
    });
  }

  /** Chains what has committed behind the horizon and writes the checkpoint (the background sealer calls it every second). */
  seal(): Promise<SealResult> {
    return sealPending(this.deps);
  }

  async list(f: AuditFilter) {
    const where: SQL[] = [];
    if (f.actor) where.push(ilike(entries.actorName, `%${f.actor}%`));
    if (f.action) where.push(ilike(entries.action, `${f.action}%`));
    if (f.entityType) where.push(eq(entries.entityType, f.entityType));
    if (f.entityId) where.push(eq(entries.entityId, f.entityId));
    if (f.from) where.push(gte(entries.at, f.from));
    if (f.to) where.push(lt(entries.at, f.to));
    const cond = where.length ? and(...where) : undefined;
    const db = this.deps.database.db;
    const [items, [{ total }]] = await Promise.all([
      db
        .select({
          id: entries.id,
          at: entries.at,
          actorId: entries.actorId,
          actorName: entries.actorName,
          action: entries.action,
          entityType: entries.entityType,
          entityId: entries.entityId,
          before: entries.before,
          after: entries.after,
          requestId: entries.requestId,
          ip: entries.ip,
        })
        .from(entries)
        .where(cond)
        .orderBy(desc(entries.id))
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize),
      db.select({ total: count() }).from(entries).where(cond),
    ]);
    return { items, total, page: f.page, pageSize: f.pageSize };
  }

  /** The actions and entity types the trail holds, for the filter's pickers: a walk of each index, not a scan. */
  async facets(): Promise<{ actions: string[]; entityTypes: string[] }> {
    const distinct = async (column: 'action' | 'entity_type') => {
      const rows = await this.deps.database.rows<{ v: string }>(
        sql.raw(`with recursive d(v) as (
          select min(${column}) from audit.entries
          union all
          select (select min(${column}) from audit.entries where ${column} > d.v) from d where d.v is not null
        ) select v from d where v is not null`),
      );
      return rows.map((r) => r.v);
    };
    const [actions, entityTypes] = await Promise.all([distinct('action'), distinct('entity_type')]);
    return { actions, entityTypes };
  }

  /** Seals what is pending, then walks the whole chain and checks its head and the checkpoint outside the database. */
  verify(onProgress?: (checked: number, total: number) => void): Promise<VerifyResult> {
    // One at a time in this process: a verify holds one pooled connection while it opens its second,
    // so verifies started together could otherwise take every connection and wait for each other.
    const run = this.verifying.then(async () => {
      await this.seal();
      return presented(await verifyChain(this.deps, onProgress));
    });
    this.verifying = run.catch(() => {});
    return run;
  }
}
