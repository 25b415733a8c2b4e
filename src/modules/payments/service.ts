import type { Database, Executor } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/context.ts';
import type { BillPort, Deps, PaymentLogger, PaymentModuleDeps, PurposePort } from './deps.ts';
import { assertVnpayAmount } from './domain/amount.ts';
import { addressList } from '../../platform/ip-list.ts';
import { paymentById, paymentByToken, paymentLink, paymentsOfBill, type PaymentRow } from './queries.ts';
import { billPaymentDescription, createPurposePayment, ensurePayment, type PaymentPurpose } from './use-cases/ensure-payment.ts';
import { getPaymentLink } from './use-cases/get-payment-link.ts';
import { getReconciliation } from './use-cases/get-reconciliation.ts';
import { handleIpn } from './use-cases/handle-ipn.ts';
import { listPayments, type PaymentFilter } from './use-cases/list-payments.ts';
import { listReconciliations } from './use-cases/list-reconciliations.ts';
import { orderPackage, type PackageOrder } from './use-cases/order-package.ts';
import { RECONCILE_QUEUE, reconcileDay, scheduleDailyReconciliation } from './use-cases/reconcile-day.ts';
import { recordBankTransfer, type BankTransfer } from './use-cases/record-bank-transfer.ts';
import { enqueueInvoices, INVOICE_BATCH_QUEUE, INVOICE_QUEUE, requestInvoice } from './use-cases/request-invoice.ts';
import { requestRefund, reserveRefund } from './use-cases/request-refund.ts';
import { REFUND_QUEUE, sendRefund } from './use-cases/send-refund.ts';
import { settleByQuery } from './use-cases/settle-by-query.ts';
import { showReturnStatus } from './use-cases/show-return-status.ts';
import { startAttempt, type AttemptOptions } from './use-cases/start-attempt.ts';
import { viewPaymentLink } from './use-cases/view-payment-link.ts';
import type { QueryInput } from '../../protocols/vnpay/protocol.ts';

/**
 * Paying through VNPay (SPEC D): links, attempts, IPN, querydr, refunds, bank transfers, daily
 * reconciliation. A thin facade: each method is one use case in `use-cases/`.
 */
export class PaymentService {
  private readonly d: Deps;

  constructor(database: Database, clock: Clock, deps: PaymentModuleDeps) {
    const ipnSources = deps.settings.ipnAllowedIps.length ? addressList(deps.settings.ipnAllowedIps) : null;
    const d: Deps = (this.d = { ...deps, database, clock, ipnSources, purposes: new Map() });
    deps.jobs.register(RECONCILE_QUEUE, (p: { date: string }) => reconcileDay(d, p.date).then(() => undefined));
    deps.jobs.register(REFUND_QUEUE, (p: { refundId: string }) => sendRefund(d, p.refundId));
    deps.jobs.register(INVOICE_QUEUE, (p: { paymentId: string }) => requestInvoice(d, p.paymentId));
    deps.jobs.register(INVOICE_BATCH_QUEUE, (p: { paymentIds: string[] }) => enqueueInvoices(d, d.database.db, p.paymentIds).then(() => undefined));
    // The contract module e-mails the link; the payment behind it is created in the same transaction.
    deps.contracts.usePaymentLinks(async (tx, p) => paymentLink(d, (await ensurePayment(d, tx, p)).id), assertVnpayAmount);
  }

  ensurePayment = (tx: Executor, p: PaymentPurpose) => ensurePayment(this.d, tx, p);
  /** The payments of issued bills, created in the bill run's transaction: bill id → payment id. */
  billPaymentDescription = billPaymentDescription;
  /** Plugs postpaid bills in: a payment with a bill id pays the bill, and its e-invoice lists the bill's lines. */
  useBills = (port: BillPort) => {
    this.d.bills = port;
  };
  /**
   * Plugs in a module that sells through VNPay without a contract (e.g. `billpay`): its payments
   * carry `purpose` and a reference, and the port hears when money arrives or an attempt fails.
   */
  usePurpose = (purpose: string, port: PurposePort) => {
    if (this.d.purposes.has(purpose)) throw new Error(`payments purpose ${purpose} plugged twice`);
    this.d.purposes.set(purpose, port);
  };
  /** A purpose's payment, in the caller's transaction (one per purpose and reference). */
  createPurposePayment = (tx: Executor, p: { purpose: string; ref: string; amountVnd: bigint; description: string; linkMinutes: number }) => createPurposePayment(this.d, tx, p);
  /** A refund reserved in the caller's transaction and sent by the refund job (a purpose's module checks its own scope). */
  refundIn = (tx: Executor, ctx: Ctx, paymentId: string, amountVnd: bigint, reason: string) => reserveRefund(this.d, tx, ctx, paymentId, amountVnd, reason);
  linkFor = (_tx: Executor, paymentId: string, expiresAt?: Date) => paymentLink(this.d, paymentId, expiresAt);
  linkDetails = (token: string) => viewPaymentLink(this.d, token);
  startFromLink = async (token: string, ipAddr: string) => startAttempt(this.d, await paymentByToken(this.d, token), ipAddr);
  startAttempt = (p: PaymentRow, ipAddr: string, ex?: Executor, opts?: AttemptOptions) => startAttempt(this.d, p, ipAddr, ex, opts);
  contractLink = (ctx: Ctx, contractId: string) => getPaymentLink(this.d, ctx, contractId);
  order = (ctx: Ctx, input: PackageOrder, ipAddr: string) => orderPackage(this.d, ctx, input, ipAddr);
  handleIpn = (query: QueryInput, ip: string, log: PaymentLogger) => handleIpn(this.d, query, ip, log);
  returnStatus = (query: QueryInput) => showReturnStatus(this.d, query);
  settleByQuery = (txnRef: string) => settleByQuery(this.d, txnRef);
  refund = (ctx: Ctx, paymentId: string, amountVnd: bigint, reason: string) => requestRefund(this.d, ctx, paymentId, amountVnd, reason);
  recordManual = (ctx: Ctx, input: BankTransfer) => recordBankTransfer(this.d, ctx, input);
  reconcile = (date: string, onProgress?: (done: number, total: number) => void) => reconcileDay(this.d, date, onProgress);
  scheduleDailyReconciliation = (ex?: Executor) => scheduleDailyReconciliation(this.d, ex);
  reconciliation = (date: string) => getReconciliation(this.d, date);
  reconciliations = (limit?: number) => listReconciliations(this.d, limit);
  payment = (id: string) => paymentById(this.d, id);
  /** A bill's payments (its link payment and the parts paid by transfer), oldest first. */
  ofBill = (billId: string, ex?: Executor) => paymentsOfBill(this.d, billId, ex);
  list = (q: PaymentFilter) => listPayments(this.d, q);
}
