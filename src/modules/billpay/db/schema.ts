import { bigint, boolean, date, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { LedgerPosting } from '../../../protocols/subscriber-ledger/protocol.ts';
import { ORDER_STATUSES } from '../domain/order-lifecycle.ts';
import type { RiskHit } from '../domain/risk.ts';

export const billpaySchema = pgSchema('billpay');
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const vnd = (name: string) => bigint(name, { mode: 'bigint' });

/** A subscriber's card payment of their bill or a top-up (SPEC E), paid through the payments module. */
export const orders = billpaySchema.table(
  'orders',
  {
    id: text('id').primaryKey(),
    msisdn: text('msisdn').notNull(),
    kind: text('kind', { enum: ['bill', 'topup'] }).notNull(),
    amountVnd: vnd('amount_vnd').notNull(),
    cardType: text('card_type', { enum: ['international', 'domestic'] }).notNull(),
    status: text('status', { enum: ORDER_STATUSES }).notNull(),
    /** The Vietnam day it counts in (E3). */
    day: date('day', { mode: 'string' }).notNull(),
    /** Billing center 1–6 (E9), from the ledger. */
    center: integer('center').notNull(),
    ip: text('ip').notNull(),
    email: text('email'),
    paymentId: text('payment_id').notNull(),
    txnRef: text('txn_ref').notNull(),
    bankCode: text('bank_code'),
    expiresAt: instant('expires_at').notNull(),
    paidAt: instant('paid_at'),
    riskScore: integer('risk_score'),
    riskHits: jsonb('risk_hits').$type<RiskHit[]>(),
    /** The ledger's posting once cleared (debt before/after, or balance for a top-up). */
    posting: jsonb('posting').$type<LedgerPosting>(),
    clearedAt: instant('cleared_at'),
    /** `system` for the automatic clearing, else the user who cleared by hand. */
    clearedBy: text('cleared_by'),
    clearingError: text('clearing_error'),
    cancelReason: text('cancel_reason'),
    cancelledBy: text('cancelled_by'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('billpay_orders_msisdn_idx').on(t.msisdn, t.createdAt),
    index('billpay_orders_status_idx').on(t.status, t.center),
    index('billpay_orders_ip_idx').on(t.ip, t.createdAt),
  ],
);

/** E3 per subscriber per Vietnam day: the places held (count) and the bill amount held, updated in one statement. */
export const dayUsage = billpaySchema.table(
  'day_usage',
  {
    msisdn: text('msisdn').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    count: integer('count').notNull(),
    billVnd: vnd('bill_vnd').notNull(),
  },
  (t) => [primaryKey({ columns: [t.msisdn, t.day] })],
);

/** E2: the payment password (argon2id) and the wrong answers counted towards the lockout. */
export const passwords = billpaySchema.table('passwords', {
  msisdn: text('msisdn').primaryKey(),
  hash: text('hash').notNull(),
  failedCount: integer('failed_count').notNull().default(0),
  failedSince: instant('failed_since'),
  lockedUntil: instant('locked_until'),
  updatedAt: instant('updated_at').notNull(),
});

/** E6: money taken but clearing failed: raised to TT TC&TK with the 2-day limit. */
export const recoveryCases = billpaySchema.table(
  'recovery_cases',
  {
    id: text('id').primaryKey(),
    orderId: text('order_id').notNull().unique(),
    center: integer('center').notNull(),
    status: text('status', { enum: ['open', 'resolved'] }).notNull(),
    openedAt: instant('opened_at').notNull(),
    dueAt: instant('due_at').notNull(),
    lastError: text('last_error'),
    /** auto: the recovery job cleared it; manual: a clearing user; cancelled: fraud cancel. */
    resolution: text('resolution', { enum: ['auto', 'manual', 'cancelled'] }),
    resolvedAt: instant('resolved_at'),
    resolvedBy: text('resolved_by'),
  },
  (t) => [index('billpay_cases_status_idx').on(t.status, t.center)],
);

/** Editable settings of the module (the risk rules). */
export const settings = billpaySchema.table('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedBy: text('updated_by'),
  updatedAt: instant('updated_at').notNull(),
});

/** E10: each day's end-of-day comparison as the job found it (collection per cashier code vs clearing). */
export const dayReports = billpaySchema.table('day_reports', {
  date: date('date', { mode: 'string' }).primaryKey(),
  balanced: boolean('balanced').notNull(),
  differences: integer('differences').notNull(),
  report: jsonb('report').notNull(),
  createdAt: instant('created_at').notNull(),
});

/** E11: a subscriber's request for the VAT invoice of a cleared transaction (by web or SMS), one per order. */
export const vatRequests = billpaySchema.table(
  'vat_requests',
  {
    orderId: text('order_id').primaryKey(),
    msisdn: text('msisdn').notNull(),
    center: integer('center').notNull(),
    buyerName: text('buyer_name').notNull(),
    taxCode: text('tax_code'),
    address: text('address').notNull(),
    email: text('email'),
    channel: text('channel', { enum: ['web', 'sms'] }).notNull(),
    /** The Vietnam day of the request: the next morning's batch gathers it. */
    day: date('day', { mode: 'string' }).notNull(),
    batchId: text('batch_id'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [index('billpay_vat_day_idx').on(t.day, t.center)],
);

/** E11: each morning, the previous day's requests of one regional center, to print and mail. */
export const invoiceBatches = billpaySchema.table(
  'invoice_batches',
  {
    id: text('id').primaryKey(),
    day: date('day', { mode: 'string' }).notNull(),
    center: integer('center').notNull(),
    count: integer('count').notNull(),
    totalVnd: vnd('total_vnd').notNull(),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [uniqueIndex('billpay_batches_day_center_idx').on(t.day, t.center)],
);
