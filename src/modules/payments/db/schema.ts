import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { ATTEMPT_STATUSES, PAYMENT_STATUSES, REFUND_STATUSES } from '../domain/payment-lifecycle.ts';

export const paymentsSchema = pgSchema('payments');
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const vnd = (name: string) => bigint(name, { mode: 'bigint' });

/** What a customer owes for a contract or an appendix; paid through one or more VNPay attempts. */
export const payments = paymentsSchema.table(
  'payments',
  {
    id: text('id').primaryKey(),
    contractId: text('contract_id').notNull(),
    amendmentId: text('amendment_id'),
    /**
     * Set when the payment collects a postpaid bill (billing module) instead of the contract or an
     * appendix: the bill's link payment (pending, for what remains) and any part paid by bank transfer.
     */
    billId: text('bill_id'),
    /**
     * Set when another module owns what is paid (e.g. `billpay`: a subscriber's bill or top-up), with
     * its reference; such a payment has no contract or customer (both '') and no QLDV e-invoice.
     */
    purpose: text('purpose'),
    purposeRef: text('purpose_ref'),
    customerId: text('customer_id').notNull(),
    amountVnd: vnd('amount_vnd').notNull(),
    description: text('description').notNull(),
    status: text('status', { enum: PAYMENT_STATUSES }).notNull(),
    /** How the money came: through VNPay (an attempt) or a bank transfer an accountant recorded. */
    method: text('method', { enum: ['vnpay', 'bank_transfer'] }).notNull().default('vnpay'),
    paidTxnRef: text('paid_txn_ref'),
    /** The bank's reference of a recorded transfer (unique: the same transfer is recorded once). */
    bankRef: text('bank_ref'),
    note: text('note'),
    recordedBy: text('recorded_by'),
    paidAt: instant('paid_at'),
    refundedVnd: vnd('refunded_vnd').notNull().default(sql`0`),
    /** Set when the money arrived but the contract could not take it (e.g. cancelled meanwhile): needs a person. */
    applyError: text('apply_error'),
    linkExpiresAt: instant('link_expires_at').notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('payments_purpose_idx').on(t.contractId, sql`coalesce(${t.amendmentId}, '')`).where(sql`${t.billId} is null and ${t.purpose} is null`),
    index('payments_bill_idx').on(t.billId),
    // A bill takes several payments, but at most one awaits money: the VNPay link's, for the remaining balance.
    uniqueIndex('payments_bill_open_idx').on(t.billId).where(sql`${t.status} = 'pending'`),
    // Partial: most rows are a bill's unpaid link, which none of these lookups can find (0024).
    uniqueIndex('payments_purpose_ref_idx').on(t.purpose, t.purposeRef).where(sql`${t.purpose} is not null`),
    index('payments_paid_at_idx').on(t.paidAt).where(sql`${t.paidAt} is not null`),
    uniqueIndex('payments_bank_ref_idx').on(t.bankRef).where(sql`${t.bankRef} is not null`),
  ],
);

/** One VNPay transaction (vnp_TxnRef): the unit the IPN, querydr and reconciliation speak of. */
export const attempts = paymentsSchema.table(
  'attempts',
  {
    txnRef: text('txn_ref').primaryKey(),
    paymentId: text('payment_id').notNull(),
    amountVnd: vnd('amount_vnd').notNull(),
    /** The exact vnp_CreateDate sent: querydr and refund must quote it. */
    createdAt: instant('created_at').notNull(),
    ipAddr: text('ip_addr').notNull(),
    status: text('status', { enum: ATTEMPT_STATUSES }).notNull(),
    responseCode: text('response_code'),
    transactionStatus: text('transaction_status'),
    transactionNo: text('transaction_no'),
    bankCode: text('bank_code'),
    payDate: instant('pay_date'),
    settledBy: text('settled_by', { enum: ['ipn', 'querydr'] }),
    settledAt: instant('settled_at'),
  },
  (t) => [index('attempts_payment_idx').on(t.paymentId), index('attempts_created_idx').on(t.createdAt)],
);

/** Every signed IPN received, with our answer (forensics and support); forgeries are only logged, so a flood stays cheap. */
export const ipnLog = paymentsSchema.table('ipn_log', {
  id: text('id').primaryKey(),
  receivedAt: instant('received_at').notNull(),
  txnRef: text('txn_ref'),
  query: jsonb('query').notNull(),
  rspCode: text('rsp_code').notNull(),
  ip: text('ip'),
});

/**
 * A refund: created under the payment's row lock (so the amounts in flight never exceed what was
 * paid), then sent to VNPay by a job with the row's stable vnp_RequestId and applied once.
 */
export const refunds = paymentsSchema.table(
  'refunds',
  {
    id: text('id').primaryKey(),
    paymentId: text('payment_id').notNull(),
    txnRef: text('txn_ref').notNull(),
    amountVnd: vnd('amount_vnd').notNull(),
    reason: text('reason').notNull(),
    /** pending → sending (a request may have reached VNPay) → done | failed (refused: the amount is released). */
    status: text('status', { enum: REFUND_STATUSES }).notNull(),
    /** vnp_RequestId: the same on every try, so VNPay (and the simulator) see one refund. */
    requestId: text('request_id').notNull(),
    /** 02 full, 03 partial. */
    transactionType: text('transaction_type', { enum: ['02', '03'] }).notNull(),
    responseCode: text('response_code'),
    /** VNPay's message (the refusal reason of a failed refund). */
    message: text('message'),
    transactionNo: text('transaction_no'),
    createdBy: text('created_by'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [uniqueIndex('refunds_request_idx').on(t.requestId), index('refunds_payment_idx').on(t.paymentId)],
);

/** One day's comparison with VNPay (D4). */
export const reconciliations = paymentsSchema.table('reconciliations', {
  date: date('date', { mode: 'string' }).primaryKey(),
  status: text('status', { enum: ['running', 'done', 'failed'] }).notNull(),
  summary: jsonb('summary'),
  items: jsonb('items'),
  startedAt: instant('started_at').notNull(),
  finishedAt: instant('finished_at'),
  error: text('error'),
});
