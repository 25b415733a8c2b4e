import { bigint, date, index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { PriceModelJson } from '../contract.ts';

export const catalogSchema = pgSchema('catalog');
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const products = catalogSchema.table('products', {
  id: text('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  description: text('description'),
  /** The description in English (the UI in English); null = none yet. */
  descriptionEn: text('description_en'),
  /** VAT treatment (SPEC A5): 'KCT' = not subject to VAT (software), or a rate in percent. */
  vatRate: text('vat_rate', { enum: ['KCT', '0', '5', '8', '10'] }).notNull(),
  /** Commission on collected revenue (SPEC A6), in basis points: 4000 = 40 %. */
  agentCommissionBp: integer('agent_commission_bp').notNull(),
  amCommissionBp: integer('am_commission_bp').notNull(),
  status: text('status', { enum: ['active', 'retired'] }).notNull().default('active'),
  createdAt: instant('created_at').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

export const plans = catalogSchema.table(
  'plans',
  {
    id: text('id').primaryKey(),
    productId: text('product_id').notNull(),
    code: text('code').notNull().unique(),
    name: text('name').notNull(),
    nameEn: text('name_en').notNull(),
    edition: text('edition', { enum: ['saas', 'on_premise'] }).notNull(),
    billing: text('billing', { enum: ['prepaid', 'postpaid'] }).notNull(),
    status: text('status', { enum: ['active', 'retired'] }).notNull().default('active'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('plans_product_idx').on(t.productId)],
);

/** Versioned price lists: a new version starts on its date; signed contracts keep the version they were signed on. */
export const priceVersions = catalogSchema.table(
  'price_versions',
  {
    id: text('id').primaryKey(),
    planId: text('plan_id').notNull(),
    version: integer('version').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    model: jsonb('model').$type<PriceModelJson>().notNull(),
    createdBy: text('created_by'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [uniqueIndex('price_versions_plan_version_idx').on(t.planId, t.version)],
);

export const trialPolicies = catalogSchema.table('trial_policies', {
  productId: text('product_id').primaryKey(),
  limitFrom: date('limit_from', { mode: 'string' }).notNull(),
  meetingMinutesLimit: integer('meeting_minutes_limit').notNull(),
  updatedAt: instant('updated_at').notNull(),
});

/** Negotiated On-Premise quotes (A1): drafted by an AM, approved, then usable in one contract. */
export const onpremQuotes = catalogSchema.table('onprem_quotes', {
  id: text('id').primaryKey(),
  number: text('number').notNull().unique(),
  customerId: text('customer_id').notNull(),
  productId: text('product_id').notNull(),
  unitId: text('unit_id'),
  description: text('description').notNull(),
  lines: jsonb('lines').$type<{ description: string; quantity: number; unitPriceVnd: string; amountVnd: string }[]>().notNull(),
  totalVnd: bigint('total_vnd', { mode: 'bigint' }).notNull(),
  validUntil: date('valid_until', { mode: 'string' }).notNull(),
  status: text('status', { enum: ['draft', 'submitted', 'approved', 'rejected', 'used'] }).notNull(),
  createdBy: text('created_by').notNull(),
  decidedBy: text('decided_by'),
  decidedAt: instant('decided_at'),
  reason: text('reason'),
  usedByContractId: text('used_by_contract_id'),
  createdAt: instant('created_at').notNull(),
  version: integer('version').notNull().default(1),
});
