import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { PriceModelJson, VatRate } from '../../catalog/contract.ts';
import { CONTRACT_STATUSES, type TerminationQuote } from '../contract.ts';

export const contractsSchema = pgSchema('contracts');
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const vnd = (name: string) => bigint(name, { mode: 'bigint' });


export const contracts = contractsSchema.table(
  'contracts',
  {
    id: text('id').primaryKey(),
    number: text('number').notNull().unique(),
    kind: text('kind', { enum: ['new', 'renewal'] }).notNull(),
    parentId: text('parent_id'),
    customerId: text('customer_id').notNull(),
    productId: text('product_id').notNull(),
    planId: text('plan_id').notNull(),
    /** The price version signed on, and its model: later price changes never touch this contract. */
    priceVersionId: text('price_version_id'),
    priceModel: jsonb('price_model').$type<PriceModelJson>().notNull(),
    onpremQuoteId: text('onprem_quote_id'),
    channel: text('channel', { enum: ['self_service', 'am', 'agent'] }).notNull(),
    billing: text('billing', { enum: ['prepaid', 'postpaid'] }).notNull(),
    sellingUnitId: text('selling_unit_id'),
    managingUnitId: text('managing_unit_id'),
    salesUserId: text('sales_user_id'),
    quantity: integer('quantity').notNull(),
    periodMonths: integer('period_months').notNull(),
    unitPriceVnd: vnd('unit_price_vnd').notNull(),
    subtotalVnd: vnd('subtotal_vnd').notNull(),
    vatRate: text('vat_rate').$type<VatRate>().notNull(),
    vatVnd: vnd('vat_vnd').notNull(),
    totalVnd: vnd('total_vnd').notNull(),
    status: text('status', { enum: CONTRACT_STATUSES }).notNull(),
    signedDate: date('signed_date', { mode: 'string' }),
    startDate: date('start_date', { mode: 'string' }),
    endDate: date('end_date', { mode: 'string' }),
    /** The end date the renewal reminder was sent for: a reminder job retried after a crash sends nothing twice. */
    remindedFor: date('reminded_for', { mode: 'string' }),
    /** Approvals required by the selling channel (CTKV-sold contracts need both). */
    needsCtkvApproval: integer('needs_ctkv_approval').notNull().default(0),
    ctkvApprovedBy: text('ctkv_approved_by'),
    ctkvApprovedAt: instant('ctkv_approved_at'),
    ttcnttApprovedBy: text('ttcntt_approved_by'),
    ttcnttApprovedAt: instant('ttcntt_approved_at'),
    paidAt: instant('paid_at'),
    paymentRef: text('payment_ref'),
    activatedAt: instant('activated_at'),
    accountRef: text('account_ref'),
    /** Where the customer uses the service (given by the provisioning port or by ops). */
    accessUrl: text('access_url'),
    rejectionReason: text('rejection_reason'),
    terminatedAt: instant('terminated_at'),
    terminationDate: date('termination_date', { mode: 'string' }),
    terminationReason: text('termination_reason'),
    /** The settlement of an early termination, amounts as decimal strings. */
    settlement: jsonb('settlement').$type<Omit<TerminationQuote, 'usedValueVnd' | 'refundVnd'> & { usedValueVnd: string; refundVnd: string }>(),
    note: text('note'),
    createdBy: text('created_by'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  // The list's reads (0027, 0029, 0030): newest first, by status, customer, unit and seller (the three ways of a
  // staff scope, each with the status and the order); number searches use a trigram index
  // (contracts_number_trgm_idx) where pg_trgm exists, created by the migration only, as is the customer
  // index's INCLUDE (status and the scope's columns, for index-only searches by customer) and those of 0030:
  // the scope's columns in the newest-first and status indexes (a staff member's walk reads the index alone),
  // the earlier ways' units in the managing unit's and seller's (a scope's disjoint counts); the narrow
  // customer keys index counts a broad search's matches in a scope from deduplicated entries.
  (t) => [
    index('contracts_created_idx').on(t.createdAt.desc(), t.id.desc()),
    index('contracts_status_created_idx').on(t.status, t.createdAt.desc(), t.id.desc()),
    index('contracts_customer_scope_idx').on(t.customerId, t.createdAt.desc(), t.id.desc()),
    index('contracts_customer_keys_idx').on(t.customerId, t.sellingUnitId, t.managingUnitId, t.salesUserId),
    index('contracts_selling_unit_status_idx').on(t.sellingUnitId, t.status, t.createdAt.desc(), t.id.desc()),
    index('contracts_managing_unit_status_idx').on(t.managingUnitId, t.status, t.createdAt.desc(), t.id.desc()),
    index('contracts_sales_user_status_idx').on(t.salesUserId, t.status, t.createdAt.desc(), t.id.desc()).where(sql`${t.salesUserId} is not null`),
    index('contracts_number_prefix_idx').using('btree', sql`${t.number} text_pattern_ops`),
    index('contracts_end_idx').on(t.endDate),
    index('contracts_parent_idx').on(t.parentId).where(sql`${t.parentId} is not null`),
    uniqueIndex('contracts_payment_ref_idx').on(t.paymentRef),
  ],
);

/** Contract appendices (C6): upgrades, added packages and service adjustments, with their proration. */
export const amendments = contractsSchema.table('amendments', {
  id: text('id').primaryKey(),
  contractId: text('contract_id').notNull(),
  kind: text('kind', { enum: ['upgrade', 'add_package', 'adjust'] }).notNull(),
  status: text('status', { enum: ['awaiting_payment', 'configuring', 'applied', 'cancelled'] }).notNull(),
  fromQuantity: integer('from_quantity').notNull(),
  quantity: integer('quantity').notNull(),
  periodMonths: integer('period_months').notNull(),
  changeDate: date('change_date', { mode: 'string' }).notNull(),
  creditVnd: vnd('credit_vnd').notNull(),
  chargeVnd: vnd('charge_vnd').notNull(),
  netVnd: vnd('net_vnd').notNull(),
  paymentRef: text('payment_ref').unique(),
  note: text('note'),
  createdBy: text('created_by'),
  createdAt: instant('created_at').notNull(),
  appliedAt: instant('applied_at'),
});

/** Each step with a deadline on the working-day calendar (C4, C8). */
export const tasks = contractsSchema.table(
  'tasks',
  {
    id: text('id').primaryKey(),
    contractId: text('contract_id').notNull(),
    amendmentId: text('amendment_id'),
    kind: text('kind', {
      enum: ['declare', 'approve_ctkv', 'approve_ttcntt', 'provision', 'configure_amendment', 'configure_termination', 'renew'],
    }).notNull(),
    /** Unit whose people must act (scope of the inbox); null = a corporate role (TT CNTT, ops). */
    unitId: text('unit_id'),
    status: text('status', { enum: ['open', 'done', 'cancelled'] }).notNull(),
    openedAt: instant('opened_at').notNull(),
    dueAt: instant('due_at').notNull(),
    doneAt: instant('done_at'),
    doneBy: text('done_by'),
  },
  (t) => [index('tasks_open_idx').on(t.status, t.dueAt), index('tasks_contract_idx').on(t.contractId)],
);
