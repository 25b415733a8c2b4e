import { index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { BhttRecord } from '../../../protocols/bhtt/protocol.ts';

export const revenueFeedSchema = pgSchema('revenue_feed');
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** One record pushed (or to push) to BHTT: per contract, month and kind; the record id is the idempotency key. */
export const pushes = revenueFeedSchema.table(
  'pushes',
  {
    id: text('id').primaryKey(),
    recordId: text('record_id').notNull(),
    contractId: text('contract_id').notNull(),
    period: text('period').notNull(),
    kind: text('kind', { enum: ['revenue', 'collection', 'commission'] }).notNull(),
    record: jsonb('record').$type<BhttRecord>().notNull(),
    /** pending → sent (BHTT holds this content); a pending row shows its attempts and last error. */
    status: text('status', { enum: ['pending', 'sent'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: instant('created_at').notNull(),
    sentAt: instant('sent_at'),
  },
  (t) => [uniqueIndex('pushes_record_idx').on(t.recordId), index('pushes_period_idx').on(t.period, t.status)],
);
