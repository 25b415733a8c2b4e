import { bigint, customType, index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const ekycSchema = pgSchema('ekyc');
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * The eKYC API account a contract's provisioning created (one per contract): found by the
 * provisioning port's idempotency key, so a retried job creates it once.
 */
export const accounts = ekycSchema.table('accounts', {
  contractId: text('contract_id').primaryKey(),
  customerId: text('customer_id').notNull(),
  idempotencyKey: text('idempotency_key').notNull().unique(),
  accountRef: text('account_ref').notNull(),
  createdAt: instant('created_at').notNull(),
});

/**
 * Every metered call (a text check or a verification): the customer's request log. The caller's
 * request id makes a resend return the stored answer and count once. `response` holds personal data
 * and is erased with the images when the retention ends; outcome and reasons stay for the statistics.
 */
export const requests = ekycSchema.table(
  'requests',
  {
    id: text('id').primaryKey(),
    contractId: text('contract_id').notNull(),
    customerId: text('customer_id').notNull(),
    requestId: text('request_id').notNull(),
    kind: text('kind').notNull(),
    /** sha256 of what was asked: the same request id with another body is refused. */
    bodyHash: text('body_hash').notNull(),
    /** 'pass' | 'fail' for the text checks; 'approved' | 'review' | 'rejected' for verifications. */
    outcome: text('outcome').notNull(),
    /** Reason codes (and failed check names): no personal data. */
    reasons: jsonb('reasons').$type<string[]>().notNull(),
    response: jsonb('response'),
    durationMs: integer('duration_ms').notNull(),
    apiKeyId: text('api_key_id'),
    createdAt: instant('created_at').notNull(),
    eraseAfter: instant('erase_after').notNull(),
    erasedAt: instant('erased_at'),
  },
  (t) => [
    uniqueIndex('requests_contract_request_idx').on(t.contractId, t.requestId),
    index('requests_contract_created_idx').on(t.contractId, t.createdAt),
    index('requests_erase_idx').on(t.eraseAfter),
  ],
);

/** The images of a verification, encrypted (AES-256-GCM) with the configured key; erased at retention. */
export const images = ekycSchema.table(
  'images',
  {
    id: text('id').primaryKey(),
    requestRowId: text('request_row_id').notNull(),
    contractId: text('contract_id').notNull(),
    part: text('part').notNull(),
    mime: text('mime').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** Which key encrypted it (rotation: older images name the older key). */
    keyId: text('key_id').notNull(),
    iv: bytea('iv'),
    tag: bytea('tag'),
    ciphertext: bytea('ciphertext'),
    createdAt: instant('created_at').notNull(),
    erasedAt: instant('erased_at'),
  },
  (t) => [index('images_request_idx').on(t.requestRowId)],
);
