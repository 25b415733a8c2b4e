import { bigint, bigserial, index, integer, jsonb, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';

export const auditSchema = pgSchema('audit');
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Append-only (a trigger refuses UPDATE and DELETE) and hash-chained: each row seals the one before. */
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
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('entries_entity_idx').on(t.entityType, t.entityId),
    index('entries_actor_idx').on(t.actorId),
    index('entries_at_idx').on(t.at),
  ],
);

/** The chain's head, updated with every append: deleting the newest entries is detected too. */
export const chainHead = auditSchema.table('chain_head', {
  id: integer('id').primaryKey(),
  lastId: bigint('last_id', { mode: 'number' }).notNull(),
  lastHash: text('last_hash').notNull(),
  count: bigint('count', { mode: 'number' }).notNull(),
});
