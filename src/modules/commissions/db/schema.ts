import { bigint, index, integer, pgSchema, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const commissionsSchema = pgSchema('commissions');
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const vnd = (name: string) => bigint(name, { mode: 'bigint' });

/**
 * One line per money movement that changes a commission: a collected payment (positive), a done
 * refund or an approved write-off (negative). Unique by its source, so recomputing adds nothing twice.
 */
export const accruals = commissionsSchema.table(
  'accruals',
  {
    id: text('id').primaryKey(),
    sourceType: text('source_type', { enum: ['payment', 'refund', 'write_off'] }).notNull(),
    sourceId: text('source_id').notNull(),
    /** The payment the line belongs to (null for a write-off, which names the payments it reverses). */
    paymentId: text('payment_id'),
    /** Local month the money moved (YYYY-MM). */
    period: text('period').notNull(),
    contractId: text('contract_id').notNull(),
    contractNumber: text('contract_number').notNull(),
    beneficiaryUserId: text('beneficiary_user_id').notNull(),
    beneficiaryUsername: text('beneficiary_username').notNull(),
    beneficiaryKind: text('beneficiary_kind', { enum: ['am', 'agent'] }).notNull(),
    /** Money collected (VAT included; negative for a refund) and its part before VAT. */
    collectedVnd: vnd('collected_vnd').notNull(),
    netVnd: vnd('net_vnd').notNull(),
    rateBp: integer('rate_bp').notNull(),
    amountVnd: vnd('amount_vnd').notNull(),
    /** Set when the month's statement of the beneficiary is approved. */
    statementId: text('statement_id'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [uniqueIndex('accruals_source_idx').on(t.sourceType, t.sourceId), index('accruals_period_idx').on(t.period, t.beneficiaryUserId)],
);

/** A beneficiary's monthly statement, approved by the accountant (the totals it approved are kept). */
export const statements = commissionsSchema.table(
  'statements',
  {
    id: text('id').primaryKey(),
    period: text('period').notNull(),
    beneficiaryUserId: text('beneficiary_user_id').notNull(),
    beneficiaryUsername: text('beneficiary_username').notNull(),
    beneficiaryKind: text('beneficiary_kind', { enum: ['am', 'agent'] }).notNull(),
    collectedVnd: vnd('collected_vnd').notNull(),
    amountVnd: vnd('amount_vnd').notNull(),
    approvedBy: text('approved_by').notNull(),
    approvedAt: instant('approved_at').notNull(),
  },
  (t) => [uniqueIndex('statements_period_beneficiary_idx').on(t.period, t.beneficiaryUserId)],
);
