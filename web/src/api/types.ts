/** Shapes of the /api/v1 contract used by the UI. Money is a decimal string, instants ISO 8601 UTC. */

import type { CustomerType } from '@contracts/customers';

export type { Paged } from '@shared/fields.ts';

  id: string;
  code: string;
  name: string;
  nameEn: string;

// ---------- support: customer requests (tickets) ----------

// One list of request types, channels, stages and levels for server and UI (SPEC F1–F4).
import type { Channel as TicketChannel, Level, RequestType, Stage } from '../../../src/modules/support/domain/levels.ts';
import type { ClockMode } from '../../../src/modules/support/domain/sla.ts';
import type { TicketEvent, TicketStatus } from '../../../src/modules/support/domain/ticket.ts';
import type { ClockState } from '../../../src/modules/support/domain/clocks.ts';
export type { TicketChannel, Level, RequestType, Stage, ClockMode, TicketEvent, TicketStatus, ClockState };
export { REQUEST_TYPES, CHANNELS as TICKET_CHANNELS, STAGES, LEVELS, DEFAULT_LEVEL } from '../../../src/modules/support/domain/levels.ts';
export { DEFAULT_SLA_POLICIES, type SlaPolicy } from '../../../src/modules/support/domain/sla.ts';

export const TICKET_STATUSES = ['new', 'in_progress', 'waiting_customer', 'resolved', 'closed', 'reopened'] as const satisfies readonly TicketStatus[];

export interface TicketSummary {
  id: string;
  number: string;
  subject: string;
  customer: { id: string; name: string } | null;
  customerPhone: string | null;
  channel: TicketChannel;
  requestType: RequestType;
  level: Level;
  status: TicketStatus;
  assigneeStage: Stage;
  assigneeUnit: UnitRef | null;
  createdAt: string;
  /** TOTAL deadline. */
  dueAt: string | null;
  /** Deadline of the unit holding the ticket. */
  stageDueAt: string | null;
  warned: boolean;
  breached: boolean;
  reopenCount: number;
}

export interface TicketClock {
  stage: 'total' | Stage;
  targetMin: number | null;
  consumedMin: number;
  dueAt: string | null;
  state: ClockState;
}

export interface TicketClockSet {
  cycle: number;
  mode: ClockMode;
  paused: boolean;
  items: TicketClock[];
}

export interface TicketTimelineEntry {
  id: string;
  at: string;
  actorName: string | null;
  actorUnit: UnitRef | null;
  kind: 'event' | 'comment';
  /** A TicketEvent, `receive`, or a job's note (`sla_warning`, `sla_breach`, `progress_required`); null for comments. */
  event: string | null;
  visibility: 'internal' | 'customer';
  body: string | null;
  data: Record<string, unknown> | null;
}

export interface TicketAttachment {
  id: string;
  name: string;
  mime: string;
  size: number;
  createdAt: string;
}

export interface TicketDetail extends TicketSummary {
  description: string;
  contract: { id: string; number?: string } | null;
  clocks: TicketClockSet;
  previousCycles: TicketClockSet[];
  allowedEvents: TicketEvent[];
  progressRequired: { required: boolean; reason?: 'overdue' | 'promise_passed' | 'stale'; since?: string };
  progress: { at: string; expectedCompletionAt: string } | null;
  resolvedAt: string | null;
  closedAt: string | null;
  answer: string | null;
  events: TicketTimelineEntry[];
  attachments: TicketAttachment[];
}

export interface TicketLookup {
  customers: { id: string; name: string; type: CustomerType; phone: string; email: string }[];
  contracts: { id: string; number: string; productCode: string; status: string }[];
}

export interface TicketReviewInfo {
  number: string;
  subject: string;
  answer: string | null;
  status: TicketStatus;
}

export interface SupportDashboard {
  openByLevel: { level: number; count: number }[];
  openByUnit: { unit: UnitRef | null; stage: Stage; count: number }[];
  compliance: { total: number; met: number; breached: number; percent: number };
  breaches: number;
  avgHandlingMinutesByType: { requestType: RequestType; minutes: number; count: number }[];
  perDay: { date: string; created: number; resolved: number }[];
}

// ---------- payments through VNPay (SPEC D) ----------

export type PaymentStatus = 'pending' | 'paid' | 'cancelled' | 'refunded' | 'partially_refunded';
export const PAYMENT_STATUSES: readonly PaymentStatus[] = ['pending', 'paid', 'partially_refunded', 'refunded', 'cancelled'];
export type AttemptStatus = 'pending' | 'success' | 'failed';

/** One VNPay transaction (vnp_TxnRef) of a payment. */
export interface PaymentAttempt {
  txnRef: string;
  amountVnd: string;
  createdAt: string;
  status: AttemptStatus;
  responseCode: string | null;
  transactionNo: string | null;
  bankCode: string | null;
  payDate: string | null;
  settledBy: 'ipn' | 'querydr' | null;
}

export type RefundStatus = 'pending' | 'sending' | 'done' | 'failed';

/** A refund through VNPay: sent once by a job; a failed one carries VNPay's reason and released its amount. */
export interface PaymentRefund {
  id: string;
  amountVnd: string;
  reason: string;
  status: RefundStatus;
  transactionType: '02' | '03';
  responseCode: string | null;
  message: string | null;
  transactionNo: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Payment {
  id: string;
  contractId: string;
  contractNumber: string | null;
  amendmentId: string | null;
  customerId: string;
  customerName: string | null;
  amountVnd: string;
  description: string;
  status: PaymentStatus;
  /** A bank transfer is recorded by an accountant and cannot be refunded through VNPay. */
  method: 'vnpay' | 'bank_transfer';
  bankRef: string | null;
  note: string | null;
  paidTxnRef: string | null;
  paidAt: string | null;
  refundedVnd: string;
  /** The money arrived but the contract could not take it: someone must refund it. */
  applyError: string | null;
  createdAt: string;
  attempts: PaymentAttempt[];
  refunds: PaymentRefund[];
}

/** What the e-mailed payment link (/pay/:token) shows before [Thanh toán]. */
export interface PayLinkInfo {
  paymentId: string;
  status: PaymentStatus;
  amountVnd: string;
  description: string;
  contract: { id: string; number: string; quantity: number; periodMonths: number };
  customer: { name: string; taxCode: string | null };
  paidAt: string | null;
}

/** What the browser return page shows: the result held by QLDV (from the IPN), never the return itself. */
export interface PayReturnInfo {
  valid: boolean;
  found: boolean;
  message: string;
  txnRef?: string;
  attemptStatus?: AttemptStatus;
  paymentStatus?: PaymentStatus;
  contractId?: string;
  amountVnd?: string;
  responseCode?: string;
}

export const RECON_KINDS = ['matched', 'pending_here', 'unknown_here', 'missing_at_vnpay', 'amount_mismatch'] as const;
export type ReconKind = (typeof RECON_KINDS)[number];

export interface ReconSummary {
  matched: number;
  matchedVnd: string;
  pendingHere: number;
  unknownHere: number;
  missingAtVnpay: number;
  amountMismatch: number;
  total: number;
}

export interface Reconciliation {
  date: string;
  status: 'running' | 'done' | 'failed';
  summary: ReconSummary | null;
  finishedAt: string | null;
}

export interface ReconItem {
  txnRef: string;
  contractId: string | null;
  contractNumber: string | null;
  customerName: string | null;
  kind: ReconKind;
  vnpayAmountVnd: string | null;
  ourAmountVnd: string | null;
  transactionNo: string | null;
  resolution?: 'settled_by_querydr' | 'still_pending' | null;
}

export interface ReconciliationDetail extends Reconciliation {
  items: ReconItem[] | null;
  startedAt?: string;
  error?: string | null;
}

// ---- e-invoices (src/modules/invoicing) ----------------------------------------------------------

export const INVOICE_STATUSES = ['needs_data', 'pending', 'issuing', 'issued', 'cancelling', 'failed', 'cancelled', 'replaced'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];
export type InvoiceAction = 'retry' | 'cancel' | 'replace';
/** TSuat: the VAT treatment of a line. */
export type InvoiceRate = 'KCT' | '0%' | '5%' | '8%' | '10%' | 'KKKNT';

export interface InvoiceBuyer {
  name: string;
  taxCode?: string | null;
  address?: string | null;
  email?: string | null;
  phone?: string | null;
  customerCode?: string | null;
  contactName?: string | null;
}

/** A row of `GET /invoices`; `attempts`, `lastError` and `dataProblems` for staff only. */
export interface Invoice {
  id: string;
  status: InvoiceStatus;
  /** KHMSHDon, e.g. "1". */
  form: string;
  /** KHHDon, e.g. "C26TMB". */
  series: string;
  /** SHDon; null until issued. */
  number: number | null;
  issuedDate: string | null;
  taxAuthorityCode: string | null;
  buyer: { name: string; taxCode: string | null };
  subtotalVnd: string;
  vatVnd: string;
  discountVnd: string;
  totalVnd: string;
  sourcePaymentId: string | null;
  paidAt: string;
  customerId: string | null;
  contractId: string | null;
  replacesId: string | null;
  replacedById: string | null;
  attempts?: number;
  lastError?: string | null;
  /** Why the data cannot make an invoice yet (status `needs_data`), in words. */
  dataProblems?: string[];
  createdAt: string;
  updatedAt: string;
}

export interface InvoiceLine {
  no: number;
  /** 1 goods/service, 2 promotion, 3 trade discount, 4 note. */
  kind: 1 | 2 | 3 | 4;
  code: string | null;
  name: string;
  unit: string | null;
  quantity: number | null;
  unitPrice: string | null;
  amount: string | null;
  rate: InvoiceRate | null;
}

/** TTHDLQuan: the invoice a replacement replaces. */
export interface InvoiceRelation {
  kind: 'replace' | 'adjust';
  form: string;
  series: string;
  number: number;
  issueDate: string;
  note?: string | null;
}

export interface InvoiceDetail extends Omit<Invoice, 'buyer'> {
  paymentMethod: string;
  seller: { name: string; taxCode: string; address: string };
  buyer: InvoiceBuyer;
  lines: InvoiceLine[];
  byRate: { rate: InvoiceRate; amount: string; vat: string }[];
  /** Null while the invoice needs data. */
  totalInWords: string | null;
  relation: InvoiceRelation | null;
  /** Replacements of this invoice, newest first (withdrawn attempts included). */
  replacements: { id: string; status: InvoiceStatus; series: string; number: number | null; issuedDate: string | null }[];
  cancelReason: string | null;
  cancelledAt: string | null;
  issuedAt: string | null;
  provider?: string | null;
  providerRef?: string | null;
  /** What the caller may do now (empty without `invoice.manage`). */
  actions: InvoiceAction[];
}

/** `GET /contracts/{id}/money`: what was asked, paid and invoiced on a contract. */
export interface ContractMoney {
  payments: {
    id: string;
    amendmentId: string | null;
    description: string;
    amountVnd: string;
    refundedVnd: string;
    status: 'pending' | 'paid' | 'cancelled' | 'refunded' | 'partially_refunded';
    paidAt: string | null;
    createdAt: string;
  }[];
  invoices: Invoice[];
}
