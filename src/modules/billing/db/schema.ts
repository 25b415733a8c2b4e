import { bigint, date, index, integer, pgSchema, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { BILL_STATUSES } from '../domain/bill-lifecycle.ts';

export const billingSchema = pgSchema('billing');
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const vnd = (name: string) => bigint(name, { mode: 'bigint' });

/**
 * One bill per postpaid contract and month (`period` 'YYYY-MM', Asia/Ho_Chi_Minh): the unique index
 * is what makes a rerun of a bill run change nothing. The number is given when the bill is issued.
 */
export const bills = billingSchema.table(
  'bills',
  {
    id: text('id').primaryKey(),
    contractId: text('contract_id').notNull(),
    customerId: text('customer_id').notNull(),
    period: text('period').notNull(),
    status: text('status', { enum: BILL_STATUSES }).notNull(),
    number: text('number').unique(),
    issueDate: date('issue_date', { mode: 'string' }),
    dueDate: date('due_date', { mode: 'string' }),
    subtotalVnd: vnd('subtotal_vnd').notNull(),
    vatVnd: vnd('vat_vnd').notNull(),
    totalVnd: vnd('total_vnd').notNull(),
    paidVnd: vnd('paid_vnd').notNull(),
    paidAt: instant('paid_at'),
    /** When the fee e-mail was queued (once per bill, however often its job runs). */
    notifiedAt: instant('notified_at'),
    /** The payment (VNPay link or bank transfer) that collects this bill. */
    paymentId: text('payment_id'),
    runId: text('run_id'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('bills_contract_period_idx').on(t.contractId, t.period),
    index('bills_status_due_idx').on(t.status, t.dueDate),
    index('bills_customer_idx').on(t.customerId),
    index('bills_period_idx').on(t.period),
  ],
);

/** What a bill charges: rated usage and prorated fixed fees, each with its VAT; they sum to the bill. */
export const billLines = billingSchema.table(
  'bill_lines',
  {
    billId: text('bill_id').notNull(),
    position: integer('position').notNull(),
    kind: text('kind', { enum: ['usage', 'fixed'] }).notNull(),
    description: text('description').notNull(),
    metric: text('metric'),
    quantity: integer('quantity').notNull(),
    unit: text('unit').notNull(),
    unitPriceVnd: vnd('unit_price_vnd').notNull(),
    amountVnd: vnd('amount_vnd').notNull(),
    vatRate: text('vat_rate').notNull(),
    vatVnd: vnd('vat_vnd').notNull(),
  },
  (t) => [primaryKey({ name: 'bill_lines_pkey', columns: [t.billId, t.position] })],
);

/** A bill run over one period: its progress, so the API, the CLI and the screens can show it. */
export const runs = billingSchema.table(
  'runs',
  {
    id: text('id').primaryKey(),
    period: text('period').notNull(),
    status: text('status', { enum: ['running', 'done', 'failed'] }).notNull(),
    contractsTotal: integer('contracts_total').notNull(),
    contractsDone: integer('contracts_done').notNull(),
    billsCreated: integer('bills_created').notNull(),
    startedBy: text('started_by').notNull(),
    startedAt: instant('started_at').notNull(),
    finishedAt: instant('finished_at'),
    error: text('error'),
  },
  (t) => [index('runs_period_idx').on(t.period, t.startedAt)],
);
