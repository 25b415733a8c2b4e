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
import { reconcileDay, type ReconItem } from './domain/reconcile.ts';
import { signPaymentLink, verifyPaymentLink } from './domain/links.ts';
import { describePaymentResponse, ipnAnswerBody, type IpnAnswerBody } from './vnpay/codes.ts';
import type { VnpayClient } from './vnpay/client.ts';
import { buildPaymentUrl, parseCallback, verifySignature, type QueryInput } from './vnpay/protocol.ts';

type PaymentRow = typeof payments.$inferSelect;
type AttemptRow = typeof attempts.$inferSelect;

export const RECONCILE_QUEUE = 'payments.reconcile';
const SYSTEM: Ctx = { actor: { kind: 'system', id: null, name: 'system:vnpay', roles: [], orgUnitId: null, orgUnitPath: null, customerId: null }, locale: 'vi' };

export interface VnpaySettings {
  tmnCode: string;
  hashSecret: string;
  payUrl: string;
  linkSecret: string;
  linkDays: number;
  publicBaseUrl: string;
  serverIp: string;
}

/** Paying through VNPay (SPEC D): links, attempts, IPN, querydr, refunds, daily reconciliation. */
export class PaymentService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly deps: { audit: AuditLog; jobs: JobQueue; contracts: ContractService; customers: CustomerService; invoicing: InvoicingService; vnpay: VnpayClient; settings: VnpaySettings },
  ) {
    deps.jobs.register(RECONCILE_QUEUE, (p: { date: string }) => this.reconcile(p.date).then(() => undefined));
    // The contract module e-mails the link; the payment behind it is created in the same transaction.
    deps.contracts.usePaymentLinks(async (tx, p) => this.linkFor(tx, (await this.ensurePayment(tx, p)).id));
  }

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
      paidTxnRef: null,
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
    const contract = await this.deps.contracts.selfService(ctx, input);
    return this.database.db.transaction(async (tx) => {
      const p = await this.ensurePayment(tx, { contractId: contract.id, customerId: contract.customerId, amountVnd: contract.totalVnd, description: `Thanh toan hop dong ${contract.number}` });
      const started = await this.startAttempt(p, ipAddr, tx);
      return { contractId: contract.id, ...started };
    });
  }

  // ---- IPN (D3) -----------------------------------------------------------------------------------

  /**
   * VNPay's server-to-server notification. Only this (or a querydr answer) changes a payment. Answers
   * in VNPay's order of checks; the attempt row is locked, so concurrent duplicates apply once.
   */
  async handleIpn(query: QueryInput, ip?: string): Promise<IpnAnswerBody> {
    const now = this.clock.now();
    const signatureValid = verifySignature(query, this.deps.settings.hashSecret);
    let callback: ReturnType<typeof parseCallback> | null = null;
    try {
      callback = signatureValid ? parseCallback(query) : null;
    } catch {
      callback = null;
    }
    let rspCode: string = '99';
    try {
      rspCode = await this.database.db.transaction(async (tx) => {
        const [attempt] = callback ? await tx.select().from(attempts).where(eq(attempts.txnRef, callback.txnRef)).for('update') : [];
        const decision = decideIpn({
          signatureValid,
          attempt: attempt ? { amountVnd: attempt.amountVnd, status: attempt.status } : null,
          callback: callback ? { amountVnd: callback.amountVnd, paid: callback.paid } : null,
        });
        if (decision.apply && attempt && callback) await this.settle(tx, attempt, callback, decision.apply, 'ipn');
        return decision.rspCode;
      });
    } catch (err) {
      rspCode = '99'; // unexpected: VNPay retries, and reconciliation settles it if the retries run out
      void err;
    }
    await this.database.db.insert(ipnLog).values({ id: newId('ipn', now), receivedAt: now, txnRef: typeof query.vnp_TxnRef === 'string' ? query.vnp_TxnRef.slice(0, 100) : null, query: JSON.parse(JSON.stringify(query)), rspCode, ip: ip ?? null });
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
    const valid = verifySignature(query, this.deps.settings.hashSecret);
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

  async refund(ctx: Ctx, paymentId: string, amountVnd: bigint, reason: string) {
    const p = await this.payment(paymentId);
    if (p.status !== 'paid' && p.status !== 'partially_refunded') throw new AppError('INVALID_TRANSITION', { from: p.status, event: 'refund' }, `a ${p.status} payment cannot be refunded`);
    if (amountVnd <= 0n || amountVnd > p.amountVnd - p.refundedVnd) throw new AppError('VALIDATION_FAILED', { amountVnd: amountVnd.toString(), refundable: (p.amountVnd - p.refundedVnd).toString() }, 'amount exceeds what can be refunded');
    const [a] = await this.database.db.select().from(attempts).where(eq(attempts.txnRef, p.paidTxnRef!));
    const full = amountVnd === p.amountVnd && p.refundedVnd === 0n;
    const r = await this.deps.vnpay.refund({ txnRef: a.txnRef, amountVnd, transactionType: full ? '02' : '03', transactionDate: a.createdAt, transactionNo: a.transactionNo ?? undefined, createBy: ctx.actor.name, orderInfo: `Hoan tien ${a.txnRef}`, ipAddr: this.deps.settings.serverIp, now: this.clock.now() });
    return this.database.db.transaction(async (tx) => {
      const now = this.clock.now();
      const row = { id: newId('refund', now), paymentId, txnRef: a.txnRef, amountVnd, reason, status: r.ok ? ('done' as const) : ('failed' as const), responseCode: r.responseCode, transactionNo: r.transactionNo, createdBy: ctx.actor.id, createdAt: now };
      await tx.insert(refunds).values(row);
      if (r.ok) {
        const refunded = p.refundedVnd + amountVnd;
        await tx.update(payments).set({ refundedVnd: refunded, status: refunded === p.amountVnd ? 'refunded' : 'partially_refunded', updatedAt: now, version: p.version + 1 }).where(and(eq(payments.id, p.id), eq(payments.version, p.version)));
      }
      await this.deps.audit.record(tx, ctx, { action: r.ok ? 'payment.refunded' : 'payment.refund_failed', entityType: 'payment', entityId: p.id, before: { status: p.status, refundedVnd: p.refundedVnd }, after: { ...row, message: r.message } });
      if (!r.ok) throw new AppError('CONFLICT', { vnpay: r.responseCode }, `VNPay refused the refund: ${r.message}`);
      return row;
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
      // C2 step 7: only what VNPay confirmed goes on to the e-invoice.
      for (const i of items.filter((x) => x.kind === 'matched')) await this.requestInvoice(i.txnRef);
      const summary = summarize(items);
      await this.database.db.update(reconciliations).set({ status: 'done', summary, items: JSON.parse(JSON.stringify(items, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))), finishedAt: this.clock.now() }).where(eq(reconciliations.date, date));
      await this.database.db.transaction((tx) => this.deps.audit.record(tx, SYSTEM, { action: 'payments.reconciled', entityType: 'reconciliation', entityId: date, after: summary }));
      return { date, summary, items };
    } catch (err) {
      await this.database.db.update(reconciliations).set({ status: 'failed', error: (err as Error).message, finishedAt: this.clock.now() }).where(eq(reconciliations.date, date));
      throw err;
    }
  }

  /** The e-invoice of a reconciled payment (idempotent: one invoice per payment). */
  private async requestInvoice(txnRef: string) {
    const [a] = await this.database.db.select().from(attempts).where(eq(attempts.txnRef, txnRef));
    const p = a ? await this.payment(a.paymentId) : null;
    if (!p || p.status === 'pending') return;
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
    ).catch((err) => {
      // Bad invoice data must not undo the reconciliation: the officer sees the payment without invoice.
      if (!isAppError(err)) throw err;
    });
  }

  /** Schedules yesterday's reconciliation (idempotent per date). */
  async scheduleDailyReconciliation(ex: Executor = this.database.db) {
    const yesterday = addDays(toLocalDate(this.clock.now()), -1);
    await this.deps.jobs.enqueue(ex, { queue: RECONCILE_QUEUE, key: `${RECONCILE_QUEUE}:${yesterday}`, payload: { date: yesterday }, runAt: localDateTime(toLocalDate(this.clock.now()), '01:00') });
  }

  async reconciliation(date: string) {
    const [r] = await this.database.db.select().from(reconciliations).where(eq(reconciliations.date, date));
    if (!r) throw new AppError('NOT_FOUND', { reconciliation: date });
    return r;
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
    const tries = rows.length ? await this.database.db.select().from(attempts).where(inArray(attempts.paymentId, rows.map((r) => r.id))).orderBy(asc(attempts.createdAt)) : [];
    return { items: rows.map((r) => ({ ...r, attempts: tries.filter((a) => a.paymentId === r.id) })), total, page: q.page, pageSize: q.pageSize };
  }
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
