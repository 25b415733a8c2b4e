import { sql } from 'drizzle-orm';
import { bigint, bigserial, customType, index, integer, jsonb, pgSchema, smallint, text, timestamp } from 'drizzle-orm/pg-core';

export const auditSchema = pgSchema('audit');
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
/** PostgreSQL's 64-bit transaction id, read as its decimal text. */
const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

/**
 * Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE). Written freely inside the business
 * transaction, with the id of that transaction; the sealer chains it later (ADR 0004).
 */
export const entries = auditSchema.table(
  'entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: instant('at').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    ip: text('ip'),
    /** pg_current_xact_id() of the inserting transaction: the sealer's horizon is compared with it. */
    xid: xid8('xid').notNull().default(sql`pg_current_xact_id()`),
  },
  (t) => [
    index('entries_entity_idx').on(t.entityType, t.entityId),
    index('entries_actor_idx').on(t.actorId),
    index('entries_action_idx').on(t.action),
    index('entries_at_idx').on(t.at),
    index('entries_xid_idx').on(t.xid, t.id),
  ],
);

/** The hash chain, append-only too: the entry at each position and the HMAC that seals it to the one before. */
export const seals = auditSchema.table('seals', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  entryId: bigint('entry_id', { mode: 'number' }).notNull().unique('seals_entry_unique'),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
  /** 1: sealed under the lock before ADR 0004 (canonical JSON of the fields); 2: the body text PostgreSQL builds. */
  format: smallint('format').notNull().default(2),
});

/** The chain's head and the sealer's cursor (the last sealed entry's xid and id). */
export const chainHead = auditSchema.table('chain_head', {
  id: integer('id').primaryKey(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  lastHash: text('last_hash').notNull(),
  count: bigint('count', { mode: 'number' }).notNull(),
  cursorXid: xid8('cursor_xid').notNull(),
  cursorId: bigint('cursor_id', { mode: 'number' }).notNull(),
});
