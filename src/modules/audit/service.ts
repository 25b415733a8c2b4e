import { and, asc, count, desc, eq, gt, gte, ilike, lt, sql, type SQL } from 'drizzle-orm';
import { advisoryXactLock, type Database, type Executor } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/context.ts';
import type { z } from 'zod';
import type { auditQuery, AuditVerify } from './contract.ts';
import { chainHead, entries } from './db/schema.ts';
import {
  entryHash,
  GENESIS_HASH,
  initialVerifyState,
  normalize,
  verifyBatch,
  type StoredEntry,
  type VerifyState,
} from './domain/chain.ts';

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

export type AuditFilter = z.output<typeof auditQuery>;
export type VerifyResult = AuditVerify;

export class AuditLog {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly key: string,
  ) {}

  /** Appends an entry in the caller's transaction (or a savepoint of it): it commits with the change. */
  async record(ex: Executor, ctx: Ctx, event: AuditEvent): Promise<void> {
    await ex.transaction(async (tx) => {
      // One writer at a time extends the chain; the lock lasts until the business transaction ends.
      await advisoryXactLock(tx, 'audit.chain');
      const [head] = await tx.select().from(chainHead).where(eq(chainHead.id, 1));
      const nextId = await this.nextId(tx);
      const prevHash = head?.lastHash ?? GENESIS_HASH;
      const fields = {
        id: nextId,
        at: this.clock.now(),
        actorId: ctx.actor.id,
        actorName: ctx.actor.name,
        action: event.action,
        entityType: event.entityType,
        entityId: event.entityId ?? null,
        before: normalize(event.before),
        after: normalize(event.after),
        requestId: ctx.requestId ?? null,
        ip: ctx.ip ?? null,
      };
      const hash = entryHash(this.key, prevHash, fields);
      await tx.insert(entries).values({ ...fields, prevHash, hash });
      await tx
        .insert(chainHead)
        .values({ id: 1, lastId: nextId, lastHash: hash, count: 1 })
        .onConflictDoUpdate({
          target: chainHead.id,
          set: { lastId: nextId, lastHash: hash, count: (head?.count ?? 0) + 1 },
        });
    });
  }

  private async nextId(tx: Executor): Promise<number> {
    const rows = await this.database.rows<{ id: string }>(sql`select nextval('audit.entries_id_seq')::text as id`, tx);
    return Number(rows[0].id);
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
    const db = this.database.db;
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

  /** Walks the whole chain in id order, batch by batch, then checks the head (catches a cut tail). */
  async verify(onProgress?: (checked: number, total: number) => void): Promise<VerifyResult> {
    const db = this.database.db;
    const [head] = await db.select().from(chainHead).where(eq(chainHead.id, 1));
    const total = head?.count ?? 0;
    let state: VerifyState = initialVerifyState();
    for (;;) {
      const batch = (await db
        .select()
        .from(entries)
        .where(state.lastId === null ? undefined : gt(entries.id, state.lastId))
        .orderBy(asc(entries.id))
        .limit(1000)) as StoredEntry[];
      if (batch.length === 0) break;
      state = verifyBatch(this.key, state, batch);
      onProgress?.(state.checked, total);
      if (state.firstBrokenId !== undefined) return { ok: false, checked: state.checked, firstBrokenId: state.firstBrokenId };
    }
    const headMatches = head
      ? head.lastId === state.lastId && head.lastHash === state.lastHash && head.count === state.checked
      : state.checked === 0;
    if (!headMatches) return { ok: false, checked: state.checked, firstBrokenId: (state.lastId ?? 0) + 1 };
    return { ok: true, checked: state.checked };
  }
}
