import { BlockList, isIPv6 } from 'node:net';
import { and, asc, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, isAppError } from '../../platform/errors.ts';
import { newId, ulid } from '../../platform/ids.ts';
import type { JobQueue } from '../../platform/jobs.ts';
import { addDays, localDateTime, toLocalDate } from '../../platform/calendar.ts';
import type { AuditLog } from '../audit/index.ts';
import type { ContractService } from '../contracts/index.ts';
import type { CustomerService } from '../identity/index.ts';
import { rateFromCatalog, type InvoicingService } from '../invoicing/index.ts';
import { attempts, ipnLog, payments, reconciliations, refunds } from './db/schema.ts';
import { decideIpn } from './domain/ipn.ts';
import { afterRefund, paidAtAcceptable, refundAnswer, refundLookup, refundType, refundableVnd } from './domain/refunds.ts';
import { reconcileDay, type ReconItem } from './domain/reconcile.ts';
import { signPaymentLink, verifyPaymentLink } from './domain/links.ts';
import { describePaymentResponse, ipnAnswerBody, type IpnAnswerBody } from '../../protocols/vnpay/codes.ts';
import type { VnpayClient } from './vnpay/client.ts';
import { buildPaymentUrl, parseCallback, verifySignature, vnpayAcceptsAmount, type QueryInput } from '../../protocols/vnpay/protocol.ts';

type PaymentRow = typeof payments.$inferSelect;
type AttemptRow = typeof attempts.$inferSelect;
type RefundRow = typeof refunds.$inferSelect;

/** The slice of a pino/Fastify logger the IPN uses (the request's own, so lines carry the request id). */
export interface PaymentLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export const RECONCILE_QUEUE = 'payments.reconcile';
export const REFUND_QUEUE = 'payments.refund';
export const INVOICE_QUEUE = 'payments.invoice';
const SYSTEM: Ctx = { actor: { kind: 'system', id: null, name: 'system:vnpay', roles: [], orgUnitId: null, orgUnitPath: null, customerId: null }, locale: 'vi' };

export interface VnpaySettings {
  tmnCode: string;
  hashSecret: string;
  payUrl: string;
  linkSecret: string;
  linkDays: number;
  publicBaseUrl: string;
  serverIp: string;
  /** When not empty, IPNs from other addresses (or CIDR ranges) are refused. */
  ipnAllowedIps: string[];
}

/** Whether an address (IPv4-mapped IPv6 read as IPv4) is on the list. */
function listed(list: BlockList, ip: string): boolean {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip)?.[1];
  return v4 ? list.check(v4, 'ipv4') : list.check(ip, isIPv6(ip) ? 'ipv6' : 'ipv4');
}

function addressList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const e of entries) {
    const [addr, bits] = e.split('/');
    const type = isIPv6(addr) ? 'ipv6' : 'ipv4';
    if (bits) list.addSubnet(addr, Number(bits), type);
    else list.addAddress(addr, type);
  }
  return list;
}

/** Paying through VNPay (SPEC D): links, attempts, IPN, querydr, refunds, daily reconciliation. */
export class PaymentService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly deps: { audit: AuditLog; jobs: JobQueue; contracts: ContractService; customers: CustomerService; invoicing: InvoicingService; vnpay: VnpayClient; settings: VnpaySettings },
  ) {
    deps.jobs.register(RECONCILE_QUEUE, (p: { date: string }) => this.reconcile(p.date).then(() => undefined));
    deps.jobs.register(REFUND_QUEUE, (p: { refundId: string }) => this.sendRefund(p.refundId));
    deps.jobs.register(INVOICE_QUEUE, (p: { paymentId: string }) => this.requestInvoice(p.paymentId));
    // The contract module e-mails the link; the payment behind it is created in the same transaction.
    deps.contracts.usePaymentLinks(async (tx, p) => this.linkFor(tx, (await this.ensurePayment(tx, p)).id), assertVnpayAmount);
    this.ipnSources = deps.settings.ipnAllowedIps.length ? addressList(deps.settings.ipnAllowedIps) : null;
  }

  private readonly ipnSources: BlockList | null;

  // ---- payments and links (D1) --------------------------------------------------------------------

  /** The payment of a contract (or appendix), created once: asking again returns the same one. */
  async ensurePayment(tx: Executor, p: { contractId: string; amendmentId?: string; customerId: string; amountVnd: bigint; description: string }): Promise<PaymentRow> {
    const now = this.clock.now();
    const [existing] = await tx
      .select()
      .from(payments)
      .where(and(eq(payments.contractId, p.contractId), p.amendmentId ? eq(payments.amendmentId, p.amendmentId) : sql`${payments.amendmentId} is null`));
    if (existing) return existing;
    const row: PaymentRow = {
      id: newId('payment', now),
      contractId: p.contractId,
      amendmentId: p.amendmentId ?? null,
      customerId: p.customerId,
      amountVnd: p.amountVnd,
      description: p.description,
      status: 'pending',
      method: 'vnpay',
      paidTxnRef: null,
      bankRef: null,
      note: null,
      recordedBy: null,
      paidAt: null,
      refundedVnd: 0n,
      applyError: null,
      linkExpiresAt: new Date(now.getTime() + this.deps.settings.linkDays * 86_400_000),
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await tx.insert(payments).values(row);
    await this.deps.audit.record(tx, SYSTEM, { action: 'payment.created', entityType: 'payment', entityId: row.id, after: row });
    return row;
  }

  linkFor(_tx: Executor, paymentId: string, expiresAt?: Date): string {
    const exp = expiresAt ?? new Date(this.clock.now().getTime() + this.deps.settings.linkDays * 86_400_000);
    return `${this.deps.settings.publicBaseUrl}/pay/${signPaymentLink(this.deps.settings.linkSecret, paymentId, exp)}`;
  }

  private async byToken(token: string): Promise<PaymentRow> {
    const check = verifyPaymentLink(this.deps.settings.linkSecret, token, this.clock.now());
    if (!check.ok) throw new AppError(check.reason === 'expired' ? 'PAYMENT_LINK_EXPIRED' : 'NOT_FOUND', { reason: check.reason });
    return this.payment(check.paymentId);
  }

  /** What the link page shows before the customer presses [Thanh toán]. */
  async linkDetails(token: string) {
    const p = await this.byToken(token);
    const contract = await this.deps.contracts.row(p.contractId);
    const customer = await this.deps.customers.row(p.customerId);
    return {
      paymentId: p.id,
      status: p.status,
      amountVnd: p.amountVnd,
      description: p.description,
      contract: { id: contract.id, number: contract.number, quantity: contract.quantity, periodMonths: contract.periodMonths },
      customer: { name: customer.name, taxCode: customer.taxCode },
      paidAt: p.paidAt,
    };
  }

  /** [Thanh toán] on the link page: a new VNPay attempt (a fresh vnp_TxnRef) and the URL to go to. */
  async startFromLink(token: string, ipAddr: string) {
    return this.startAttempt(await this.byToken(token), ipAddr);
  }

  async startAttempt(p: PaymentRow, ipAddr: string, ex: Executor = this.database.db): Promise<{ paymentId: string; txnRef: string; payUrl: string }> {
    if (p.status !== 'pending') throw new AppError('CONFLICT', { payment: p.id, status: p.status }, p.status === 'paid' ? 'already paid' : `payment is ${p.status}`);
    assertVnpayAmount(p.amountVnd);
    const now = this.clock.now();
    const txnRef = `QLDV${ulid(now.getTime()).toUpperCase()}`;
    await ex.insert(attempts).values({ txnRef, paymentId: p.id, amountVnd: p.amountVnd, createdAt: now, ipAddr, status: 'pending' });
    const s = this.deps.settings;
    const payUrl = buildPaymentUrl(
      { payUrl: s.payUrl, tmnCode: s.tmnCode, hashSecret: s.hashSecret },
      { txnRef, amountVnd: p.amountVnd, orderInfo: p.description, ipAddr, returnUrl: `${s.publicBaseUrl}/payments/vnpay/return`, now },
    );
    return { paymentId: p.id, txnRef, payUrl };
  }

  /** The payment link of a contract awaiting payment, for its customer or its seller to open. */
  async contractLink(ctx: Ctx, contractId: string): Promise<{ paymentId: string; link: string }> {
    const c = await this.deps.contracts.row(contractId);
    if (!this.deps.contracts.canSee(ctx, c)) throw new AppError(ctx.actor.customerId ? 'NOT_FOUND' : 'FORBIDDEN', { contract: contractId });
    if (c.status !== 'awaiting_payment') throw new AppError('INVALID_TRANSITION', { from: c.status, event: 'pay' }, `contract is ${c.status}, not awaiting payment`);
    return this.database.db.transaction(async (tx) => {
      const p = await this.ensurePayment(tx, { contractId: c.id, customerId: c.customerId, amountVnd: c.totalVnd, description: `Thanh toan hop dong ${c.number}` });
      return { paymentId: p.id, link: this.linkFor(tx, p.id) };
    });
  }

  /** C1 with payment: a signed-in individual orders a package and goes straight to VNPay. */
  async order(ctx: Ctx, input: { product: string; quantity: number; periodMonths?: number }, ipAddr: string) {
    let started: Awaited<ReturnType<PaymentService['startAttempt']>> | undefined;
    const contract = await this.deps.contracts.selfService(ctx, input, async (tx, c) => {
      const p = await this.ensurePayment(tx, { contractId: c.id, customerId: c.customerId, amountVnd: c.totalVnd, description: `Thanh toan hop dong ${c.number}` });
      started = await this.startAttempt(p, ipAddr, tx);
    });
    return { contractId: contract.id, ...started! };
  }

  // ---- IPN (D3) -----------------------------------------------------------------------------------

  /**
   * VNPay's server-to-server notification. Only this (or a querydr answer) changes a payment. Answers
   * in VNPay's order of checks; the attempt row is locked, so concurrent duplicates apply once. The
   * cheap checks come first (source address, signature): an unsigned flood touches no database.
   */
  async handleIpn(query: QueryInput, ip: string, log: PaymentLogger): Promise<IpnAnswerBody> {
    if (this.ipnSources && !listed(this.ipnSources, ip)) {
      log.warn({ ip }, 'VNPay IPN refused: the source address is not on VNPAY_IPN_ALLOWED_IPS');
      throw new AppError('VNPAY_SOURCE_NOT_ALLOWED', { ip });
    }
    if (!verifySignature(query, this.deps.settings.hashSecret)) {
      log.warn({ ip, txnRef: typeof query.vnp_TxnRef === 'string' ? query.vnp_TxnRef.slice(0, 100) : null }, 'VNPay IPN with a wrong or missing signature');
      return ipnAnswerBody('97');
    }
    const now = this.clock.now();
    let callback: ReturnType<typeof parseCallback> | null = null;
    try {
      callback = parseCallback(query);
    } catch (err) {
      log.warn({ ip, err: (err as Error).message }, 'VNPay IPN signed but malformed');
    }
    if (callback && callback.tmnCode !== this.deps.settings.tmnCode) log.warn({ ip, tmnCode: callback.tmnCode }, 'VNPay IPN for a foreign terminal refused');
    let rspCode: string = '99';
    try {
      rspCode = await this.database.db.transaction(async (tx) => {
        const [attempt] = callback ? await tx.select().from(attempts).where(eq(attempts.txnRef, callback.txnRef)).for('update') : [];
        const decision = decideIpn({
          signatureValid: true,
          attempt: attempt ? { amountVnd: attempt.amountVnd, status: attempt.status } : null,
          callback: callback ? { amountVnd: callback.amountVnd, paid: callback.paid, ourTerminal: callback.tmnCode === this.deps.settings.tmnCode } : null,
        });
        if (decision.apply && attempt && callback) await this.settle(tx, attempt, callback, decision.apply, 'ipn');
        return decision.rspCode;
      });
    } catch (err) {
      // VNPay retries, and reconciliation settles it if the retries run out; the cause is logged here.
      log.error({ err, ip, txnRef: callback?.txnRef }, 'VNPay IPN failed; answered 99');
      rspCode = '99';
    }
    try {
      await this.database.db.insert(ipnLog).values({ id: newId('ipn', now), receivedAt: now, txnRef: callback?.txnRef ?? null, query: JSON.parse(JSON.stringify(query)), rspCode, ip });
    } catch (err) {
      log.error({ err, txnRef: callback?.txnRef }, 'VNPay IPN could not be logged');
    }
    return ipnAnswerBody(rspCode as Parameters<typeof ipnAnswerBody>[0]);
  }

  /** Records the outcome of an attempt; a success pays the payment and moves the contract on. */
  private async settle(tx: Executor, attempt: AttemptRow, cb: { responseCode: string; transactionStatus: string; transactionNo: string; bankCode: string; payDate: Date | null }, outcome: 'success' | 'failure', by: 'ipn' | 'querydr') {
    const now = this.clock.now();
    await tx
      .update(attempts)
      .set({ status: outcome === 'success' ? 'success' : 'failed', responseCode: cb.responseCode, transactionStatus: cb.transactionStatus, transactionNo: cb.transactionNo, bankCode: cb.bankCode, payDate: cb.payDate, settledBy: by, settledAt: now })
      .where(eq(attempts.txnRef, attempt.txnRef));
    await this.deps.audit.record(tx, SYSTEM, {
      action: outcome === 'success' ? 'payment.attempt_succeeded' : 'payment.attempt_failed',
      entityType: 'payment',
      entityId: attempt.paymentId,
      before: { txnRef: attempt.txnRef, status: attempt.status },
      after: { txnRef: attempt.txnRef, responseCode: cb.responseCode, message: describePaymentResponse(cb.responseCode), transactionNo: cb.transactionNo, by },
    });
    if (outcome !== 'success') return;
    const [p] = await tx.select().from(payments).where(eq(payments.id, attempt.paymentId)).for('update');
    if (p.status !== 'pending') {
      // A second successful attempt for a paid payment: money came twice; an admin refunds one.
      await tx.update(payments).set({ applyError: `second successful attempt ${attempt.txnRef}: refund it`, updatedAt: now }).where(eq(payments.id, p.id));
      return;
    }
    const paidAt = cb.payDate ?? now;
    let applyError: string | null = null;
    try {
      await tx.transaction((sp) => this.deps.contracts.confirmPaymentIn(sp, SYSTEM, p.contractId, { paymentRef: attempt.txnRef, amountVnd: p.amountVnd, paidAt, amendmentId: p.amendmentId ?? undefined }));
    } catch (err) {
      if (!isAppError(err)) throw err;
      applyError = `${err.code}: ${err.message}`; // the money is ours to return: recorded, shown to admins
    }
    await tx.update(payments).set({ status: 'paid', paidTxnRef: attempt.txnRef, paidAt, applyError, updatedAt: now, version: p.version + 1 }).where(eq(payments.id, p.id));
    await this.deps.audit.record(tx, SYSTEM, { action: 'payment.paid', entityType: 'payment', entityId: p.id, before: { status: p.status }, after: { status: 'paid', txnRef: attempt.txnRef, amountVnd: p.amountVnd, applyError } });
  }

  /** The browser's return page: shows the result we hold (the return itself changes nothing). */
  async returnStatus(query: QueryInput) {
    const valid = verifySignature(query, this.deps.settings.hashSecret) && query.vnp_TmnCode === this.deps.settings.tmnCode;
    const txnRef = typeof query.vnp_TxnRef === 'string' ? query.vnp_TxnRef : null;
    const [attempt] = valid && txnRef ? await this.database.db.select().from(attempts).where(eq(attempts.txnRef, txnRef)) : [];
    if (!attempt) return { valid, found: false as const, message: valid ? 'Không tìm thấy giao dịch' : 'Chữ ký không hợp lệ' };
    const p = await this.payment(attempt.paymentId);
    const code = typeof query.vnp_ResponseCode === 'string' ? query.vnp_ResponseCode : '';
    return {
      valid,
      found: true as const,
      txnRef: attempt.txnRef,
      attemptStatus: attempt.status,
      paymentStatus: p.status,
      contractId: p.contractId,
      amountVnd: p.amountVnd,
      responseCode: code,
      message: describePaymentResponse(code),
    };
  }

  // ---- querydr, refunds ---------------------------------------------------------------------------

  /** Asks VNPay about a pending attempt and settles it like an IPN would (a lost IPN is recovered). */
  async settleByQuery(txnRef: string): Promise<AttemptRow['status']> {
    const [a] = await this.database.db.select().from(attempts).where(eq(attempts.txnRef, txnRef));
    if (!a) throw new AppError('NOT_FOUND', { txnRef });
    if (a.status !== 'pending') return a.status;
    const r = await this.deps.vnpay.querydr({ txnRef, transactionDate: a.createdAt, orderInfo: `Truy van ${txnRef}`, ipAddr: this.deps.settings.serverIp, now: this.clock.now() });
    if (!r.ok || !['00', '01', '02', '04', '05', '06', '07', '09'].includes(r.transactionStatus)) return 'pending';
    if (r.transactionStatus === '01') return 'pending'; // not finished at VNPay yet
    return this.database.db.transaction(async (tx) => {
      const [locked] = await tx.select().from(attempts).where(eq(attempts.txnRef, txnRef)).for('update');
      if (locked.status !== 'pending') return locked.status;
      if (r.amountVnd !== null && r.amountVnd !== locked.amountVnd) throw new AppError('PAYMENT_MISMATCH', { txnRef, vnpay: r.amountVnd.toString() });
      const paid = r.transactionStatus === '00';
      await this.settle(tx, locked, { responseCode: paid ? '00' : r.transactionStatus, transactionStatus: r.transactionStatus, transactionNo: r.transactionNo, bankCode: r.bankCode, payDate: r.payDate }, paid ? 'success' : 'failure', 'querydr');
      return paid ? 'success' : 'failed';
    });
  }

  /**
   * A refund: reserved under the payment's row lock (what is left counts the refunds in flight), then
   * sent to VNPay by a job keyed by the refund, with the row's stable vnp_RequestId. Answers at once
   * with the pending row; the job applies the outcome once.
   */
  async refund(ctx: Ctx, paymentId: string, amountVnd: bigint, reason: string): Promise<RefundRow> {
    if (amountVnd <= 0n) throw new AppError('VALIDATION_FAILED', { amountVnd: amountVnd.toString() }, 'the amount must be positive');
    return this.database.db.transaction(async (tx) => {
      const [p] = await tx.select().from(payments).where(eq(payments.id, paymentId)).for('update');
      if (!p) throw new AppError('NOT_FOUND', { payment: paymentId });
      if (!this.deps.contracts.canSee(ctx, await this.deps.contracts.row(p.contractId, tx))) throw new AppError('FORBIDDEN', { contract: p.contractId });
      if ((p.status !== 'paid' && p.status !== 'partially_refunded') || p.method !== 'vnpay' || !p.paidTxnRef) {
        throw new AppError('PAYMENT_NOT_REFUNDABLE', { payment: p.id, status: p.status, method: p.method });
      }
      const left = refundableVnd(p.amountVnd, await tx.select({ amountVnd: refunds.amountVnd, status: refunds.status }).from(refunds).where(eq(refunds.paymentId, p.id)));
      if (amountVnd > left) throw new AppError('REFUND_EXCEEDS_REMAINING', { amountVnd: amountVnd.toString(), remainingVnd: left.toString() });
      const now = this.clock.now();
      const id = newId('refund', now);
      const row: RefundRow = {
        id,
        paymentId: p.id,
        txnRef: p.paidTxnRef,
        amountVnd,
        reason,
        status: 'pending',
        requestId: id.replace(/[^A-Za-z0-9]/g, '').slice(0, 32),
        transactionType: refundType(p.amountVnd, amountVnd),
        responseCode: null,
        message: null,
        transactionNo: null,
        createdBy: ctx.actor.id,
        createdAt: now,
        updatedAt: now,
      };
      await tx.insert(refunds).values(row);
      await this.deps.audit.record(tx, ctx, { action: 'payment.refund_requested', entityType: 'payment', entityId: p.id, after: row });
      await this.deps.jobs.enqueue(tx, { queue: REFUND_QUEUE, key: `${REFUND_QUEUE}:${id}`, payload: { refundId: id } });
      return row;
    });
  }

  /**
   * The refund job. A row still `pending` was never sent: mark it `sending`, then ask VNPay. A row
   * already `sending` may have reached VNPay (timeout, lost answer): look it up first, and only send
   * (with the same vnp_RequestId) what VNPay does not have. An uncertain outcome throws: the job retries.
   */
  private async sendRefund(refundId: string): Promise<void> {
    const [r] = await this.database.db.select().from(refunds).where(eq(refunds.id, refundId));
    if (!r || r.status === 'done' || r.status === 'failed') return;
    const [a] = await this.database.db.select().from(attempts).where(eq(attempts.txnRef, r.txnRef));
    if (r.status === 'sending') {
      const seen = await this.lookupRefund(r, a);
      if (seen.verdict === 'done') return this.applyRefund(r.id, { status: 'done', responseCode: '00', message: 'VNPay đã hoàn tiền (tra cứu lại)', transactionNo: seen.transactionNo });
      if (seen.verdict === 'unknown') throw new Error(`refund ${r.id}: VNPay's answer was lost and the refund cannot be looked up yet; retrying`);
    } else {
      const marked = await this.database.db.update(refunds).set({ status: 'sending', updatedAt: this.clock.now() }).where(and(eq(refunds.id, r.id), eq(refunds.status, 'pending'))).returning({ id: refunds.id });
      if (marked.length === 0) return; // another worker took it
    }
    const answer = await this.deps.vnpay.refund({
      txnRef: a.txnRef,
      amountVnd: r.amountVnd,
      transactionType: r.transactionType,
      transactionDate: a.createdAt,
      transactionNo: a.transactionNo ?? undefined,
      createBy: r.createdBy ?? 'qldv',
      orderInfo: `Hoan tien ${a.txnRef}`,
      ipAddr: this.deps.settings.serverIp,
      now: this.clock.now(),
      requestId: r.requestId,
    });
    const verdict = refundAnswer(answer.responseCode);
    if (verdict === 'unknown') throw new Error(`refund ${r.id}: VNPay answered ${answer.responseCode} (${answer.message}); looking it up again later`);
    await this.applyRefund(r.id, { status: verdict === 'done' ? 'done' : 'failed', responseCode: answer.responseCode, message: answer.message, transactionNo: answer.transactionNo || null });
  }

  /** What VNPay knows of a refund that may have been sent: querydr of the payment, then (simulator) the day's refunds by request id. */
  private async lookupRefund(r: RefundRow, a: AttemptRow): Promise<{ verdict: 'absent' | 'done' | 'unknown'; transactionNo: string | null }> {
    const now = this.clock.now();
    const q = await this.deps.vnpay.querydr({ txnRef: a.txnRef, transactionDate: a.createdAt, orderInfo: `Tra cuu hoan tien ${a.txnRef}`, ipAddr: this.deps.settings.serverIp, now });
    let listed: { requestIds: string[]; transactionNo: Map<string, string> } | null = null;
    if (q.ok && this.deps.vnpay.hasDailyList) {
      const days = [...new Set([toLocalDate(r.createdAt), toLocalDate(now)])];
      const rows = (await Promise.all(days.map((d) => this.deps.vnpay.dailyTransactions(d, { includeRefunds: true })))).flat().filter((t) => t.txnRef === a.txnRef && t.requestId);
      listed = { requestIds: rows.map((t) => t.requestId!), transactionNo: new Map(rows.map((t) => [t.requestId!, t.transactionNo])) };
    }
    const verdict = refundLookup({ answered: q.ok, transactionType: q.transactionType }, listed, r.requestId);
    return { verdict, transactionNo: listed?.transactionNo.get(r.requestId) ?? null };
  }

  /** Applies a refund's outcome once: done → the payment's refunded amount (row count checked); failed → the amount is released. */
  private async applyRefund(refundId: string, outcome: { status: 'done' | 'failed'; responseCode: string; message: string; transactionNo: string | null }) {
    await this.database.db.transaction(async (tx) => {
      const [{ paymentId }] = await tx.select({ paymentId: refunds.paymentId }).from(refunds).where(eq(refunds.id, refundId));
      const [p] = await tx.select().from(payments).where(eq(payments.id, paymentId)).for('update');
      const [r] = await tx.select().from(refunds).where(eq(refunds.id, refundId)).for('update');
      if (r.status === 'done' || r.status === 'failed') return;
      const now = this.clock.now();
      await tx.update(refunds).set({ ...outcome, updatedAt: now }).where(eq(refunds.id, r.id));
      if (outcome.status === 'done') {
        const next = afterRefund(p, r.amountVnd);
        const updated = await tx.update(payments).set({ ...next, updatedAt: now, version: p.version + 1 }).where(and(eq(payments.id, p.id), eq(payments.version, p.version))).returning({ id: payments.id });
        if (updated.length !== 1) throw new AppError('CONFLICT', { payment: p.id }, 'the payment changed while applying a refund');
      }
      await this.deps.audit.record(tx, SYSTEM, {
        action: outcome.status === 'done' ? 'payment.refunded' : 'payment.refund_failed',
        entityType: 'payment',
        entityId: p.id,
        before: { status: p.status, refundedVnd: p.refundedVnd, refund: { id: r.id, status: r.status } },
        after: { refund: { id: r.id, amountVnd: r.amountVnd, ...outcome } },
      });
    });
  }

  // ---- payments recorded by hand ------------------------------------------------------------------

  /**
   * A bank transfer an accountant recorded: the same ledger as VNPay payments, the same contract
   * hook as an IPN, and the same e-invoice job as a reconciled payment.
   */
  async recordManual(ctx: Ctx, input: { contractId: string; amendmentId?: string; amountVnd: bigint; paidAt?: Date; bankRef: string; note?: string }) {
    const c = await this.deps.contracts.row(input.contractId);
    if (!this.deps.contracts.canSee(ctx, c)) throw new AppError('FORBIDDEN', { contract: c.id });
    const now = this.clock.now();
    const paidAt = input.paidAt ?? now;
    if (!paidAtAcceptable(paidAt, now, c.createdAt)) throw new AppError('PAID_AT_INVALID', { paidAt: Number.isFinite(paidAt.getTime()) ? paidAt.toISOString() : null });
    return this.database.db.transaction(async (tx) => {
      const [sameTransfer] = await tx.select({ id: payments.id }).from(payments).where(eq(payments.bankRef, input.bankRef));
      if (sameTransfer) throw new AppError('PAYMENT_ALREADY_RECORDED', { bankRef: input.bankRef, payment: sameTransfer.id });
      const created = await this.ensurePayment(tx, { contractId: c.id, amendmentId: input.amendmentId, customerId: c.customerId, amountVnd: input.amendmentId ? input.amountVnd : c.totalVnd, description: `Thanh toan hop dong ${c.number}${input.amendmentId ? ' (phu luc)' : ''}` });
      const [p] = await tx.select().from(payments).where(eq(payments.id, created.id)).for('update');
      if (p.status !== 'pending') throw new AppError('PAYMENT_ALREADY_RECORDED', { payment: p.id, status: p.status });
      if (p.amountVnd !== input.amountVnd) throw new AppError('PAYMENT_MISMATCH', { expected: p.amountVnd.toString(), got: input.amountVnd.toString() });
      await this.deps.contracts.confirmPaymentIn(tx, ctx, c.id, { paymentRef: `manual:${input.bankRef}`, amountVnd: input.amountVnd, paidAt, amendmentId: input.amendmentId });
      const patch = { status: 'paid' as const, method: 'bank_transfer' as const, bankRef: input.bankRef, note: input.note ?? null, recordedBy: ctx.actor.id, paidAt, updatedAt: now, version: p.version + 1 };
      const [after] = await tx.update(payments).set(patch).where(and(eq(payments.id, p.id), eq(payments.version, p.version))).returning();
      await this.deps.audit.record(tx, ctx, { action: 'payment.recorded', entityType: 'payment', entityId: p.id, before: { status: p.status }, after: patch });
      await this.enqueueInvoice(tx, p.id);
      return after;
    });
  }

  // ---- reconciliation (D4) ------------------------------------------------------------------------

  /** Compares one GMT+7 day of VNPay transactions with ours; pending ones paid at VNPay are settled by querydr. */
  async reconcile(date: string, onProgress?: (done: number, total: number) => void) {
    const now = this.clock.now();
    await this.database.db.insert(reconciliations).values({ date, status: 'running', startedAt: now }).onConflictDoUpdate({ target: reconciliations.date, set: { status: 'running', startedAt: now, error: null } });
    try {
      const theirs = await this.deps.vnpay.dailyTransactions(date);
      const from = localDateTime(date, '00:00');
      const to = localDateTime(addDays(date, 1), '00:00');
      const ours = await this.database.db.select().from(attempts).where(and(gte(attempts.createdAt, from), lt(attempts.createdAt, to))).orderBy(asc(attempts.createdAt));
      let items = reconcileDay(
        theirs.filter((t) => !t.transactionType || t.transactionType === '01').map((t) => ({ txnRef: t.txnRef, amountVnd: BigInt(t.amount) / 100n, paid: t.transactionStatus === '00' && t.responseCode === '00', transactionNo: t.transactionNo })),
        ours.map((a) => ({ txnRef: a.txnRef, amountVnd: a.amountVnd, status: a.status })),
      );
      // Paid at VNPay but still pending here: the IPN was lost — settle through querydr, then re-check.
      const toSettle = items.filter((i) => i.kind === 'pending_here');
      let done = 0;
      for (const i of toSettle) {
        const status = await this.settleByQuery(i.txnRef).catch(() => 'pending' as const);
        i.resolution = status === 'success' ? 'settled_by_querydr' : 'still_pending';
        onProgress?.(++done, toSettle.length);
      }
      items = items.map((i) => (i.kind === 'pending_here' && i.resolution === 'settled_by_querydr' ? { ...i, kind: 'matched' as const } : i));
      // C2 step 7: only what VNPay confirmed goes on to the e-invoice (one job per payment).
      const matched = items.filter((x) => x.kind === 'matched').map((x) => x.txnRef);
      const paid = matched.length ? await this.database.db.select({ paymentId: attempts.paymentId }).from(attempts).where(inArray(attempts.txnRef, matched)) : [];
      for (const { paymentId } of paid) await this.enqueueInvoice(this.database.db, paymentId);
      const summary = summarize(items);
      await this.database.db.update(reconciliations).set({ status: 'done', summary, items: JSON.parse(JSON.stringify(items, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))), finishedAt: this.clock.now() }).where(eq(reconciliations.date, date));
      await this.database.db.transaction((tx) => this.deps.audit.record(tx, SYSTEM, { action: 'payments.reconciled', entityType: 'reconciliation', entityId: date, after: summary }));
      return { date, summary, items };
    } catch (err) {
      await this.database.db.update(reconciliations).set({ status: 'failed', error: (err as Error).message, finishedAt: this.clock.now() }).where(eq(reconciliations.date, date));
      throw err;
    }
  }

  private enqueueInvoice(ex: Executor, paymentId: string) {
    return this.deps.jobs.enqueue(ex, { queue: INVOICE_QUEUE, key: `${INVOICE_QUEUE}:${paymentId}`, payload: { paymentId } });
  }

  /**
   * The e-invoice of a paid payment, VNPay or bank transfer (the invoice job; idempotent: one invoice
   * per payment). Unusable buyer data is recorded by invoicing with its reason; anything unexpected
   * fails the job, which logs it and retries.
   */
  private async requestInvoice(paymentId: string) {
    const p = await this.payment(paymentId);
    if (p.status === 'pending' || p.status === 'cancelled') return;
    const line = await this.deps.contracts.invoiceLine(p.contractId, p.amendmentId, p.amountVnd);
    const customer = await this.deps.customers.row(p.customerId);
    await this.database.db.transaction((tx) =>
      this.deps.invoicing.requestInvoice(tx, SYSTEM, {
        paymentId: p.id,
        paidAt: p.paidAt ?? this.clock.now(),
        customerId: customer.id,
        contractId: p.contractId,
        buyer: { name: customer.name, taxCode: customer.taxCode, address: customer.address, email: customer.email, phone: customer.phone, customerCode: customer.id },
        lines: [{ code: line.code, name: line.name, unit: line.unit, quantity: line.quantity, unitPrice: line.unitPriceVnd, amount: line.amountVnd, rate: rateFromCatalog(line.vatRate) }],
      }),
    );
  }

  /** Schedules yesterday's reconciliation (idempotent per date). */
  async scheduleDailyReconciliation(ex: Executor = this.database.db) {
    const yesterday = addDays(toLocalDate(this.clock.now()), -1);
    await this.deps.jobs.enqueue(ex, { queue: RECONCILE_QUEUE, key: `${RECONCILE_QUEUE}:${yesterday}`, payload: { date: yesterday }, runAt: localDateTime(toLocalDate(this.clock.now()), '01:00') });
  }

  /** One day's reconciliation; each row names its contract and customer (none for a reference unknown here). */
  async reconciliation(date: string) {
    const [r] = await this.database.db.select().from(reconciliations).where(eq(reconciliations.date, date));
    if (!r) throw new AppError('NOT_FOUND', { reconciliation: date });
    const items = (r.items ?? []) as (Record<string, unknown> & { txnRef: string })[];
    const refs = items.map((i) => i.txnRef);
    const owners = refs.length
      ? await this.database.db.select({ txnRef: attempts.txnRef, contractId: payments.contractId, customerId: payments.customerId }).from(attempts).innerJoin(payments, eq(payments.id, attempts.paymentId)).where(inArray(attempts.txnRef, refs))
      : [];
    const names = await this.namesOf(owners);
    const byRef = new Map(owners.map((o) => [o.txnRef, o]));
    return {
      ...r,
      items: items.map((i) => {
        const o = byRef.get(i.txnRef);
        return { ...i, contractId: o?.contractId ?? null, contractNumber: o ? (names.contracts.get(o.contractId) ?? null) : null, customerName: o ? (names.customers.get(o.customerId) ?? null) : null };
      }),
    };
  }

  private async namesOf(rows: { contractId: string; customerId: string }[]) {
    const [contracts, customers] = await Promise.all([this.deps.contracts.numbersOf([...new Set(rows.map((r) => r.contractId))]), this.deps.customers.namesOf([...new Set(rows.map((r) => r.customerId))])]);
    return { contracts, customers };
  }


  async reconciliations(limit = 31) {
    return this.database.db.select({ date: reconciliations.date, status: reconciliations.status, summary: reconciliations.summary, finishedAt: reconciliations.finishedAt }).from(reconciliations).orderBy(desc(reconciliations.date)).limit(limit);
  }

  // ---- reading ------------------------------------------------------------------------------------

  async payment(id: string): Promise<PaymentRow> {
    const [p] = await this.database.db.select().from(payments).where(eq(payments.id, id));
    if (!p) throw new AppError('NOT_FOUND', { payment: id });
    return p;
  }

  async list(q: { status?: PaymentRow['status']; contractId?: string; page: number; pageSize: number }) {
    const where = [q.status ? eq(payments.status, q.status) : undefined, q.contractId ? eq(payments.contractId, q.contractId) : undefined].filter((x) => x !== undefined);
    const cond = where.length ? and(...where) : undefined;
    const rows = await this.database.db.select().from(payments).where(cond).orderBy(desc(payments.createdAt)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
    const [{ total }] = await this.database.db.select({ total: sql<number>`count(*)::int` }).from(payments).where(cond);
    const ids = rows.map((r) => r.id);
    const tries = ids.length ? await this.database.db.select().from(attempts).where(inArray(attempts.paymentId, ids)).orderBy(asc(attempts.createdAt)) : [];
    const back = ids.length ? await this.database.db.select().from(refunds).where(inArray(refunds.paymentId, ids)).orderBy(asc(refunds.createdAt)) : [];
    const names = await this.namesOf(rows);
    return {
      items: rows.map((r) => ({
        ...r,
        contractNumber: names.contracts.get(r.contractId) ?? null,
        customerName: names.customers.get(r.customerId) ?? null,
        attempts: tries.filter((a) => a.paymentId === r.id),
        refunds: back.filter((x) => x.paymentId === r.id),
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }
}

function assertVnpayAmount(amountVnd: bigint) {
  if (!vnpayAcceptsAmount(amountVnd)) throw new AppError('PAYMENT_AMOUNT_OUT_OF_RANGE', { amountVnd: amountVnd.toString(), maxVnd: '9999999999' });
}

function summarize(items: ReconItem[]) {
  const count = (k: ReconItem['kind']) => items.filter((i) => i.kind === k).length;
  const sum = (k: ReconItem['kind']) => items.filter((i) => i.kind === k).reduce((s, i) => s + (i.vnpayAmountVnd ?? i.ourAmountVnd ?? 0n), 0n).toString();
  return {
    matched: count('matched'),
    matchedVnd: sum('matched'),
    pendingHere: count('pending_here'),
    unknownHere: count('unknown_here'),
    missingAtVnpay: count('missing_at_vnpay'),
    amountMismatch: count('amount_mismatch'),
    total: items.length,
  };
}
