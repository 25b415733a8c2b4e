import { z } from 'zod';
import { id, instant, instantOut, localDate, paged, vndOut, vndString } from '../../shared/fields.ts';
import { invoice } from '../invoicing/contract.ts';

/**
 * The payments module's HTTP contract (SPEC D: VNPay links, attempts, refunds, bank transfers, daily
 * reconciliation): the statuses as data, and every route's request and response schema. Imports only
 * zod and src/shared (the web bundles it).
 */

export const PAYMENT_STATUSES = ['pending', 'paid', 'cancelled', 'refunded', 'partially_refunded'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
export const ATTEMPT_STATUSES = ['pending', 'success', 'failed'] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];
export const REFUND_STATUSES = ['pending', 'sending', 'done', 'failed'] as const;
export type RefundStatus = (typeof REFUND_STATUSES)[number];
export const RECON_KINDS = ['matched', 'pending_here', 'unknown_here', 'missing_at_vnpay', 'amount_mismatch'] as const;
export type ReconKind = (typeof RECON_KINDS)[number];

// ---- requests ----------------------------------------------------------------------------------

const productCode = z.string().trim().min(2).max(30).regex(/^[A-Za-z0-9_-]+$/);
const noBody = z.object({}).strict().optional();

export const order = z
  .object({
    product: productCode,
    quantity: z.number().int('must be a whole number').min(1).max(1_000_000_000),
    periodMonths: z.number().int().min(1).max(60).optional(),
  })
  .strict();
export const contractParams = z.object({ id });
export const paymentLinkBody = noBody;
export const tokenParams = z.object({ token: z.string().min(10).max(200) });
export const startBody = noBody;
/** VNPay's signed query (IPN and return): checked by signature, not by shape. */
export const vnpQuery = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
export const paymentQuery = z
  .object({
    status: z.enum(PAYMENT_STATUSES).optional(),
    contractId: id.optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(20),
  })
  .strict();
export const paymentParams = z.object({ id });
export const refundBody = z.object({ amountVnd: vndString, reason: z.string().trim().min(5).max(1000) }).strict();
export const bankTransfer = z
  .object({
    contractId: id,
    amendmentId: id.optional(),
    billId: id.optional(),
    amountVnd: vndString,
    /** Default: now (a transfer seen today). */
    paidAt: instant.optional(),
    bankRef: z.string().trim().min(3).max(100),
    note: z.string().trim().max(1000).optional(),
  })
  .strict();
export const attemptParams = z.object({ txnRef: z.string().max(100) });
export const queryBody = noBody;
export const reconcileBody = z.object({ date: localDate }).strict();
export const reconciliationParams = z.object({ date: localDate });
export const reconciliationFormat = z.object({ format: z.enum(['json', 'csv', 'xlsx']).default('json') }).strict();

export type Order = z.input<typeof order>;
export type PaymentQuery = z.input<typeof paymentQuery>;
export type RefundBody = z.input<typeof refundBody>;
export type BankTransferBody = z.input<typeof bankTransfer>;

// ---- responses ---------------------------------------------------------------------------------

/** A new VNPay attempt: the browser goes to `payUrl`. */
export const startedAttempt = z.object({ paymentId: z.string(), txnRef: z.string(), payUrl: z.string() });
export const orderResult = startedAttempt.extend({ contractId: z.string() });
export const paymentLink = z.object({ paymentId: z.string(), link: z.string() });

/** One VNPay transaction (vnp_TxnRef) of a payment. */
export const paymentAttempt = z.object({
  txnRef: z.string(),
  amountVnd: vndOut,
  createdAt: instantOut,
  status: z.enum(ATTEMPT_STATUSES),
  responseCode: z.string().nullable(),
  transactionNo: z.string().nullable(),
  bankCode: z.string().nullable(),
  payDate: instantOut.nullable(),
  settledBy: z.enum(['ipn', 'querydr']).nullable(),
});

/** A refund through VNPay: sent once by a job; a failed one carries VNPay's reason and released its amount. */
export const paymentRefund = z.object({
  id: z.string(),
  amountVnd: vndOut,
  reason: z.string(),
  status: z.enum(REFUND_STATUSES),
  transactionType: z.enum(['02', '03']),
  responseCode: z.string().nullable(),
  message: z.string().nullable(),
  transactionNo: z.string().nullable(),
  createdAt: instantOut,
  updatedAt: instantOut,
});

/** A payment as recorded (the answer of a recorded bank transfer). */
export const paymentRecord = z.object({
  id: z.string(),
  contractId: z.string(),
  amendmentId: z.string().nullable(),
  /** The postpaid bill the payment collects (wholly or a part of it), if any. */
  billId: z.string().nullable(),
  customerId: z.string(),
  amountVnd: vndOut,
  description: z.string(),
  status: z.enum(PAYMENT_STATUSES),
  /** A bank transfer is recorded by an accountant and cannot be refunded through VNPay. */
  method: z.enum(['vnpay', 'bank_transfer']),
  bankRef: z.string().nullable(),
  note: z.string().nullable(),
  paidTxnRef: z.string().nullable(),
  paidAt: instantOut.nullable(),
  refundedVnd: vndOut,
  /** The money arrived but the contract could not take it: someone must refund it. */
  applyError: z.string().nullable(),
  createdAt: instantOut,
  version: z.number().int(),
});

/** A row of the ledger: the payment with its contract, customer, attempts and refunds. */
export const payment = paymentRecord.extend({
  contractNumber: z.string().nullable(),
  customerName: z.string().nullable(),
  attempts: z.array(paymentAttempt),
  refunds: z.array(paymentRefund),
});
export const paymentPage = paged(payment);

/** What the e-mailed payment link (/pay/:token) shows before [Thanh toán]. */
export const payLinkInfo = z.object({
  paymentId: z.string(),
  status: z.enum(PAYMENT_STATUSES),
  amountVnd: vndOut,
  description: z.string(),
  contract: z.object({ id: z.string(), number: z.string(), quantity: z.number().int(), periodMonths: z.number().int() }),
  customer: z.object({ name: z.string(), taxCode: z.string().nullable() }),
  paidAt: instantOut.nullable(),
});

/** What the browser return page shows: the result held by QLDV (from the IPN), never the return itself. */
export const payReturnInfo = z.object({
  valid: z.boolean(),
  found: z.boolean(),
  message: z.string(),
  txnRef: z.string().optional(),
  attemptStatus: z.enum(ATTEMPT_STATUSES).optional(),
  paymentStatus: z.enum(PAYMENT_STATUSES).optional(),
  contractId: z.string().optional(),
  amountVnd: vndOut.optional(),
  responseCode: z.string().optional(),
});

/** VNPay's IPN answer. */
export const ipnAnswer = z.object({ RspCode: z.string(), Message: z.string() });
export const queryResult = z.object({ txnRef: z.string(), status: z.enum(ATTEMPT_STATUSES) });

export const reconSummary = z.object({
  matched: z.number().int(),
  matchedVnd: z.string(),
  pendingHere: z.number().int(),
  unknownHere: z.number().int(),
  missingAtVnpay: z.number().int(),
  amountMismatch: z.number().int(),
  total: z.number().int(),
});

export const reconItem = z.object({
  txnRef: z.string(),
  kind: z.enum(RECON_KINDS),
  vnpayAmountVnd: vndOut.nullable(),
  ourAmountVnd: vndOut.nullable(),
  transactionNo: z.string().nullable(),
  resolution: z.enum(['settled_by_querydr', 'still_pending']).nullable().optional(),
});
/** A stored row of a day, named by its contract and customer (none for a reference unknown here). */
export const namedReconItem = reconItem.extend({
  contractId: z.string().nullable(),
  contractNumber: z.string().nullable(),
  customerName: z.string().nullable(),
});

export const reconciliation = z.object({
  date: z.string(),
  status: z.enum(['running', 'done', 'failed']),
  summary: reconSummary.nullable(),
  finishedAt: instantOut.nullable(),
});
export const reconciliations = z.object({ items: z.array(reconciliation) });
export const reconciliationDetail = reconciliation.extend({ items: z.array(namedReconItem), startedAt: instantOut, error: z.string().nullable() });
/** The answer of reconciling a day now. */
export const reconcileResult = z.object({ date: z.string(), summary: reconSummary, items: z.array(reconItem) });

/** `GET /contracts/{id}/money` lists these: what was asked and paid on a contract. */
export const contractPayment = z.object({
  id: z.string(),
  amendmentId: z.string().nullable(),
  description: z.string(),
  amountVnd: vndOut,
  refundedVnd: vndOut,
  status: z.enum(PAYMENT_STATUSES),
  paidAt: instantOut.nullable(),
  createdAt: instantOut,
});

/** `GET /contracts/{id}/money`: what was asked, paid and invoiced on a contract. */
export const contractMoney = z.object({ payments: z.array(contractPayment), invoices: z.array(invoice) });

export type PaymentAttempt = z.infer<typeof paymentAttempt>;
export type PaymentRefund = z.infer<typeof paymentRefund>;
export type Payment = z.infer<typeof payment>;
export type PayLinkInfo = z.infer<typeof payLinkInfo>;
export type PayReturnInfo = z.infer<typeof payReturnInfo>;
export type ReconSummary = z.infer<typeof reconSummary>;
export type Reconciliation = z.infer<typeof reconciliation>;
export type ReconItem = z.infer<typeof namedReconItem>;
export type ReconciliationDetail = z.infer<typeof reconciliationDetail>;
export type ContractPayment = z.infer<typeof contractPayment>;
export type ContractMoney = z.infer<typeof contractMoney>;
