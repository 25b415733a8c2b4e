import { bigint, customType, index, integer, jsonb, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const platformSchema = pgSchema('platform');

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Durable jobs, timers and the outbox: a row written in the business transaction is the promise to act. */
export const jobs = platformSchema.table(
  'jobs',
  {
    id: text('id').primaryKey(),
    queue: text('queue').notNull(),
    /** Deterministic key: a second enqueue with the same key is a no-op, so processes never double-schedule. */
    key: text('key').unique(),
    payload: jsonb('payload').notNull(),
    status: text('status', { enum: ['pending', 'running', 'done', 'dead'] }).notNull().default('pending'),
    runAt: instant('run_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(8),
    lockedUntil: instant('locked_until'),
    lockedBy: text('locked_by'),
    lastError: text('last_error'),
    createdAt: instant('created_at').notNull(),
    finishedAt: instant('finished_at'),
  },
  (t) => [index('jobs_due_idx').on(t.status, t.runAt)],
);

/** Named counters for human document numbers (HĐ-2026-000001, BG-2026-0001), allocated under a row lock. */
export const counters = platformSchema.table('counters', {
  name: text('name').primaryKey(),
  value: integer('value').notNull(),
});

/** Uploaded documents (signed contracts, appendices, ticket attachments), owned by one record. */
export const files = platformSchema.table(
  'files',
  {
    id: text('id').primaryKey(),
    ownerType: text('owner_type').notNull(),
    ownerId: text('owner_id').notNull(),
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    uploadedBy: text('uploaded_by'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('files_owner_idx').on(t.ownerType, t.ownerId)],
);

/** One row per in-process cache, bumped by a trigger on the cached tables (see platform/cache.ts). */
export const cacheVersions = platformSchema.table('cache_versions', {
  name: text('name').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});
