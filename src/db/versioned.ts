import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Ctx } from '../platform/context.ts';
import { fail } from '../platform/errors.ts';
import type { Executor } from './client.ts';
import { updateWhere } from './prepared.ts';

/** A table whose rows change under optimistic versioning: `id`, `version`, and `updatedAt` if it keeps one. */
type Versioned = PgTable & { id: PgColumn; version: PgColumn; updatedAt?: PgColumn };
type Row = { id: string; version: number };

/** Where an audit entry goes; modules pass their `AuditLog` (platform imports no module). */
export interface AuditSink {
  record(tx: Executor, ctx: Ctx, e: { action: string; entityType: string; entityId: string; before?: unknown; after?: unknown }): Promise<unknown>;
}

export interface VersionedSave<R extends Row> {
  table: Versioned;
  /** `contract`, `invoice`, `ticket`: the audit entity type and the `details` key of the conflict. */
  entityType: string;
  row: R;
  patch: Partial<R>;
  now: Date;
  /** How far the version moves: 1, or one per step when several steps of a use case are saved at once. */
  versions?: number;
}

/**
 * Writes `patch` if the row is still at the version it was read at, and bumps it; a concurrent change
 * in between is a 409 CONFLICT (reload and retry), never a lost update.
 */
export async function updateVersioned<R extends Row>(tx: Executor, s: VersionedSave<R>): Promise<R> {
  const set = { ...s.patch, ...(s.table.updatedAt ? { updatedAt: s.now } : {}), version: s.row.version + (s.versions ?? 1) };
  const [after] = await updateWhere(tx, s.table, set, { id: s.row.id, version: s.row.version }, { returning: true });
  if (!after) throw fail('CONFLICT', { [s.entityType]: s.row.id }, { vi: 'dữ liệu vừa được người khác thay đổi; hãy tải lại rồi thử lại', en: 'it changed meanwhile; reload and retry' });
  return after as R;
}

/** The changed fields before and after, for an audit entry. */
export function changedFields<R extends object>(before: R, after: R, keys: (keyof R)[]) {
  return { before: Object.fromEntries(keys.map((k) => [k, before[k]])), after: Object.fromEntries(keys.map((k) => [k, after[k]])) };
}

/** `updateVersioned` plus its audit entry (the changed fields before and after) in the same transaction. */
export async function saveVersioned<R extends Row>(
  tx: Executor,
  audit: AuditSink,
  ctx: Ctx,
  s: VersionedSave<R> & { action: string; view?: (fields: Record<string, unknown>) => Record<string, unknown>; extra?: Record<string, unknown> },
): Promise<R> {
  const after = await updateVersioned(tx, s);
  const view = s.view ?? ((f) => f);
  const changed = changedFields(s.row, after, Object.keys(s.patch) as (keyof R)[]);
  await audit.record(tx, ctx, {
    action: s.action,
    entityType: s.entityType,
    entityId: s.row.id,
    before: view(changed.before),
    after: { ...view(changed.after), ...s.extra },
  });
  return after;
}
