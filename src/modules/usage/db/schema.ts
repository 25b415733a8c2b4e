import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const usageSchema = pgSchema('usage');
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A contract's API keys: only the sha256 of the key is kept; the key itself is shown once. */
export const apiKeys = usageSchema.table(
  'api_keys',
  {
    id: text('id').primaryKey(),
    contractId: text('contract_id').notNull(),
    /** hex sha256 of the whole key: how a request's X-Api-Key is found. */
    keyHash: text('key_hash').notNull().unique(),
    /** The key's first characters, to tell keys apart in a list. */
    prefix: text('prefix').notNull(),
    name: text('name').notNull(),
    createdBy: text('created_by'),
    createdAt: instant('created_at').notNull(),
    revokedAt: instant('revoked_at'),
    revokedBy: text('revoked_by'),
  },
  (t) => [index('api_keys_contract_idx').on(t.contractId)],
);

/** Usage events as sent; the key (contract, transactionId) makes a resend count once. */
export const events = usageSchema.table(
  'events',
  {
    contractId: text('contract_id').notNull(),
    transactionId: text('transaction_id').notNull(),
    metric: text('metric').notNull(),
    occurredAt: instant('occurred_at').notNull(),
    /** 'YYYY-MM' of `occurredAt` in Asia/Ho_Chi_Minh. */
    period: text('period').notNull(),
    quantity: bigint('quantity', { mode: 'bigint' }).notNull(),
    properties: jsonb('properties'),
    receivedAt: instant('received_at').notNull(),
  },
  // No other index: ingestion speed matters more; totals come from `monthly`, rare unique counts scan one contract.
  (t) => [primaryKey({ columns: [t.contractId, t.transactionId] })],
);

/**
 * Monthly totals per contract and metric, kept in the same statement that inserts the events, so a
 * bill run reads one row per contract instead of scanning the month's events.
 */
export const monthly = usageSchema.table(
  'monthly',
  {
    contractId: text('contract_id').notNull(),
    period: text('period').notNull(),
    metric: text('metric').notNull(),
    events: bigint('events', { mode: 'bigint' }).notNull(),
    quantitySum: bigint('quantity_sum', { mode: 'bigint' }).notNull(),
    quantityMax: bigint('quantity_max', { mode: 'bigint' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.contractId, t.period, t.metric] }), index('monthly_period_idx').on(t.period)],
);

/**
 * The last billed period of each contract: events of that period or before are refused. A bill run
 * moves it forward under the row lock an ingesting batch takes (FOR SHARE), so no event slips into
 * a period after its bill was computed.
 */
export const closedPeriods = usageSchema.table('closed_periods', {
  contractId: text('contract_id').primaryKey(),
  closedThrough: text('closed_through').notNull(),
  updatedAt: instant('updated_at').notNull().default(sql`now()`),
});

/**
 * Contracts whose service collection has locked for debt (the lock step): their API keys are refused
 * with SERVICE_LOCKED until the whole debt is paid and collection lifts the lock.
 */
export const serviceLocks = usageSchema.table('service_locks', {
  contractId: text('contract_id').primaryKey(),
  reason: text('reason').notNull(),
  lockedAt: instant('locked_at').notNull(),
});
