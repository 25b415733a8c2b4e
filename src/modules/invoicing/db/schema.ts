import { INVOICE_STATUSES } from '../domain/invoice-lifecycle.ts';
import { bigint, date, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const invoicingSchema = pgSchema('invoicing');
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const vnd = (name: string) => bigint(name, { mode: 'bigint' });


/**
 * One e-invoice per payment (the payment id is unique: requesting again returns the same invoice),
 * or one replacement per replaced invoice. The number stays null until the provider accepts.
 */
export const invoices = invoicingSchema.table(
  'invoices',
  {
    id: text('id').primaryKey(),
    /** The payment billed; null on a replacement (which bills the payment of the invoice it replaces). */
    sourcePaymentId: text('source_payment_id').unique(),
    paidAt: instant('paid_at').notNull(),
    customerId: text('customer_id'),
    contractId: text('contract_id'),
    /** Snapshot of the buyer at request time (name, tax code, address, e-mail …). */
    buyer: jsonb('buyer').notNull(),
    /** Snapshot of the seller printed on the invoice (from config, refreshed until issued). */
    seller: jsonb('seller').notNull(),
    /** Lines with amounts as decimal strings (`LineJson[]`). */
    lines: jsonb('lines').notNull(),
    paymentMethod: text('payment_method').notNull(),
    subtotalVnd: vnd('subtotal_vnd').notNull(),
    vatVnd: vnd('vat_vnd').notNull(),
    discountVnd: vnd('discount_vnd').notNull(),
    totalVnd: vnd('total_vnd').notNull(),
    /** KHMSHDon */
    form: text('form').notNull(),
    /** KHHDon; decided again at each push (the year digits follow the issue date). */
    series: text('series').notNull(),
    /** SHDon; null until issued. */
    number: integer('number'),
    status: text('status', { enum: INVOICE_STATUSES }).notNull(),
    provider: text('provider'),
    providerRef: text('provider_ref'),
    /** MCCQT: the tax authority's code ("C" series). */
    taxAuthorityCode: text('tax_authority_code'),
    /** The XML (Decision 1450) as issued. */
    xml: text('xml'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** Why the data cannot make a valid invoice (status `needs_data`), in words. */
    dataProblems: jsonb('data_problems').$type<string[]>(),
    /** NLap, local date (Asia/Ho_Chi_Minh). */
    issuedDate: date('issued_date', { mode: 'string' }),
    issuedAt: instant('issued_at'),
    /** The invoice this one replaces (several withdrawn attempts may point to one original; one issues). */
    replacesId: text('replaces_id'),
    replacedById: text('replaced_by_id'),
    /** TTHDLQuan of a replacement: the original's form, series, number, date and the reason. */
    relation: jsonb('relation'),
    cancelReason: text('cancel_reason'),
    cancelledAt: instant('cancelled_at'),
    createdBy: text('created_by'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('invoices_series_number_idx').on(t.form, t.series, t.number),
    index('invoices_status_idx').on(t.status),
    index('invoices_customer_idx').on(t.customerId),
    index('invoices_created_idx').on(t.createdAt),
    index('invoices_replaces_idx').on(t.replacesId),
  ],
);

/**
 * The last number recorded per form + series. Moves only inside the transaction that records an
 * invoice the provider accepted: a failed push never burns a number. Pushes of one series run one
 * at a time (providers require it) under a lease taken in a short transaction, never a lock held
 * across the provider's HTTP call.
 */
export const seriesCounters = invoicingSchema.table(
  'series_counters',
  {
    form: text('form').notNull(),
    series: text('series').notNull(),
    lastNumber: integer('last_number').notNull().default(0),
    lastIssuedDate: date('last_issued_date', { mode: 'string' }),
    /** The invoice being pushed in this series, until `leaseUntil` (then another push may go). */
    leaseInvoiceId: text('lease_invoice_id'),
    leaseUntil: instant('lease_until'),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.form, t.series] })],
);
