import { and, asc, count, desc, eq, ilike, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/context.ts';
import { nextDocumentNumber } from '../../platform/counters.ts';
import { acceptUpload, listFiles, readFile, storeFile } from '../../platform/files.ts';
import { AppError, type Locale } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { JobQueue } from '../../platform/jobs.ts';
import { formatVnd, withinLimit } from '../../platform/money.ts';
import { addDays, localDateTime, toLocalDate } from '../../platform/calendar.ts';
import type { AuditLog } from '../audit/index.ts';
import type { CalendarService } from '../calendar/index.ts';
import { priceModelFromJson, priceModelToJson, priceQuote, vatOf, type CatalogService, type VatRate } from '../catalog/index.ts';
import type { CustomerService } from '../customers/index.ts';
import { hasPermission, withinScope, type IdentityService } from '../identity/index.ts';
import type { NotificationService } from '../notifications/index.ts';
import { amendments, contracts, tasks } from './db/schema.ts';
import { allowedActions, approvalsComplete, awaitsAccount, LIVE_STATUSES, nextStatus, requiredApprovals, serviceAccess, type ContractEvent, type ContractStatus } from './domain/lifecycle.ts';
import { earlyTerminationSettlement, upgradeSettlement } from './domain/settlement.ts';
import { termEnd } from './domain/term.ts';

type ContractRow = typeof contracts.$inferSelect;
type AmendmentRow = typeof amendments.$inferSelect;
type TaskKind = (typeof tasks.$inferSelect)['kind'];

export const CONTRACT_JOBS = { remind: 'contracts.renewal_reminder', expire: 'contracts.expire', provision: 'contracts.provision' } as const;
const REMINDER_DAYS_BEFORE = 30;
/** Tries of the provisioning job (backoff 30 s, 1, 2, 4, 8 min) before ops is asked to do it by hand. */
const PROVISION_ATTEMPTS = 6;

/** The account a provisioning created: what the customer signs in with, and where. */
export interface ServiceAccount {
  accountRef: string;
  accessUrl?: string;
}

/**
 * Per-product provisioning (eKYC and Meeting modules plug in here); without one, ops does it by hand.
 * Called by a job, never inside a transaction; `idempotencyKey` (contract id + step) is the same on
 * every retry, so the product creates one account however often it is asked.
 */
export interface ProvisioningPort {
  provision(request: { idempotencyKey: string; contractId: string; number: string; customerId: string; quantity: number }): Promise<ServiceAccount | 'manual'>;
  /** The account an earlier call with this key created, if any: asked before every retry. */
  lookup?(idempotencyKey: string): Promise<ServiceAccount | null>;
}

/** The job's key and the port's idempotency key: contract id + step, the same on every retry. */
const provisioningKey = (contractId: string) => `${contractId}:provision`;

export type PaymentLinkFn = (tx: Executor, p: { contractId: string; amendmentId?: string; customerId: string; amountVnd: bigint; description: string }) => Promise<string>;

export interface DeclareInput {
  customerId: string;
  product: string;
  planCode?: string;
  billing?: 'prepaid' | 'postpaid';
  quantity: number;
  periodMonths?: number;
  signedDate: string;
  startDate?: string;
  onpremQuoteId?: string;
  note?: string;
}

export interface PaymentConfirmation {
  paymentRef: string;
  amountVnd: bigint;
  paidAt: Date;
  amendmentId?: string;
}

export interface ContractFilter {
  status?: ContractStatus;
  product?: string;
  channel?: ContractRow['channel'];
  unitId?: string;
  customerId?: string;
  expiringBefore?: string;
  q?: string;
  page: number;
  pageSize: number;
}

const EVENT_TEXT: Record<string, Record<Locale, string>> = {
  paid: { vi: 'khách hàng đã thanh toán, chờ phê duyệt', en: 'paid by the customer, awaiting approval' },
  approval_needed: { vi: 'chờ phê duyệt', en: 'awaiting approval' },
  rejected: { vi: 'bị từ chối', en: 'rejected' },
  provision: { vi: 'cần tạo tài khoản dịch vụ', en: 'service account to be created' },
  access_ready: { vi: 'tài khoản dịch vụ đã sẵn sàng', en: 'your service account is ready' },
  credentials: { vi: 'đã tạo tài khoản, vui lòng gửi thông tin cho khách hàng', en: 'account created; please send the credentials to the customer' },
  activated: { vi: 'đã kích hoạt dịch vụ', en: 'service activated' },
  reminder: { vi: 'sắp hết hạn', en: 'expires soon' },
  expired: { vi: 'đã hết hạn, dịch vụ dừng', en: 'expired; service ended' },
  terminated: { vi: 'đã kết thúc trước hạn', en: 'terminated early' },
  amended: { vi: 'đã cập nhật theo phụ lục', en: 'updated by an appendix' },
};

/** The contract lifecycle (SPEC C1–C8): each use case loads, applies the pure rules, persists, audits, notifies. */
export class ContractService {
  private provisioning = new Map<string, ProvisioningPort>();
  private paymentLink: PaymentLinkFn = async (_tx, p) => `${this.deps.publicBaseUrl}/contracts/${p.contractId}`;
  private checkOnlineTotal: (totalVnd: bigint) => void = () => {};

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly deps: {
      audit: AuditLog;
      jobs: JobQueue;
      catalog: CatalogService;
      customers: CustomerService;
      identity: IdentityService;
      calendar: CalendarService;
      notifications: NotificationService;
      publicBaseUrl: string;
    },
  ) {
    deps.jobs.register(CONTRACT_JOBS.remind, (p: { contractId: string }) => this.sendRenewalReminder(p.contractId));
    deps.jobs.register(CONTRACT_JOBS.expire, (p: { contractId: string }) => this.expire(p.contractId));
    deps.jobs.register(CONTRACT_JOBS.provision, (p: { contractId: string }, job) => this.runProvisioning(p.contractId, job.attempt));
  }

  /**
   * Where the customer pays: the payments module gives a signed VNPay link (the portal page until
   * then), and refuses an online order's total the gateway could never take.
   */
  usePaymentLinks(link: PaymentLinkFn, checkOnlineTotal: (totalVnd: bigint) => void): void {
    this.paymentLink = link;
    this.checkOnlineTotal = checkOnlineTotal;
  }

  registerProvisioning(productCode: string, port: ProvisioningPort): void {
    this.provisioning.set(productCode, port);
  }

  private today(): string {
    return toLocalDate(this.clock.now());
  }

  // ---- declaring (C2, C3, C4) ---------------------------------------------------------------------

  /** An AM/KAM or agent declares a contract their unit signed: a draft, due within 1 working day of signing. */
  async declare(ctx: Ctx, input: DeclareInput) {
    const customer = await this.deps.customers.row(input.customerId);
    if (!this.deps.customers.canSee(ctx, customer)) throw new AppError('FORBIDDEN', { customer: input.customerId });
    if (input.signedDate > this.today()) throw new AppError('VALIDATION_FAILED', { signedDate: input.signedDate }, 'signed date is in the future');
    const priced = await this.deps.catalog.pricedPlan(input.product, input.planCode ?? (input.billing === 'postpaid' ? `${input.product.toUpperCase()}-SAAS-TS` : undefined));
    const billing = priced.plan.billing;
    const vatRate = priced.product.vatRate;
    let pricing: { unitPriceVnd: bigint; subtotalVnd: bigint; vatRate: VatRate; vatVnd: bigint; totalVnd: bigint; periodMonths: number };
    if (priced.model.kind === 'quote') {
      if (!input.onpremQuoteId) throw new AppError('QUOTE_REQUIRED');
      const q = await this.deps.catalog.onpremQuote(input.onpremQuoteId);
      if (q.status !== 'approved' || q.customerId !== customer.id || q.productId !== priced.product.id) {
        throw new AppError('QUOTE_REQUIRED', { quote: q.id, status: q.status }, 'the quote must be approved, for this customer and product');
      }
      // An On-Premise quote is the price of the whole term, not a monthly rate.
      const vatVnd = vatOf(q.totalVnd, vatRate);
      pricing = { unitPriceVnd: q.totalVnd, subtotalVnd: q.totalVnd, vatRate, vatVnd, totalVnd: q.totalVnd + vatVnd, periodMonths: input.periodMonths ?? 12 };
    } else {
      pricing = priceQuote(priced.model, vatRate, { quantity: input.quantity, periodMonths: input.periodMonths });
    }
    const sellingUnitId = ctx.actor.orgUnitId;
    const channel = ctx.actor.roles.includes('agent') ? ('agent' as const) : ('am' as const);
    return this.database.db.transaction(async (tx) => {
      const row = await this.insertContract(tx, ctx, {
        kind: 'new',
        parentId: null,
        customerId: customer.id,
        productId: priced.product.id,
        planId: priced.plan.id,
        priceVersionId: priced.version?.id ?? null,
        priceModel: priceModelToJson(priced.model),
        onpremQuoteId: input.onpremQuoteId ?? null,
        channel,
        billing,
        sellingUnitId,
        managingUnitId: customer.managingUnitId ?? sellingUnitId,
        salesUserId: ctx.actor.id,
        quantity: priced.model.kind === 'quote' ? 1 : input.quantity,
        periodMonths: pricing.periodMonths,
        unitPriceVnd: pricing.unitPriceVnd,
        subtotalVnd: pricing.subtotalVnd,
        vatRate: pricing.vatRate,
        vatVnd: pricing.vatVnd,
        totalVnd: pricing.totalVnd,
        status: 'draft',
        signedDate: input.signedDate,
        startDate: input.startDate ?? null,
        needsCtkvApproval: this.soldByCtkv(sellingUnitId) ? 1 : 0,
        note: input.note ?? null,
      });
      if (input.onpremQuoteId) await this.deps.catalog.decideOnpremQuote(ctx, input.onpremQuoteId, 'use', { contractId: row.id }, tx);
      // C4: the signing unit declares within 1 working day of signing.
      const dueDate = this.deps.calendar.forUnit(sellingUnitId).addWorkingDaysToDate(input.signedDate, 1);
      await this.openTask(tx, row, 'declare', sellingUnitId, this.endOfWorkingDay(sellingUnitId, dueDate));
      return row;
    });
  }

  /**
   * C1: a signed-in individual buys a package; it waits for payment and activates when paid. The
   * total is checked payable online before anything is written; `inTransaction` (the payments
   * module starting the payment) runs in the same transaction, so an order is whole or nothing.
   */
  async selfService(ctx: Ctx, input: { product: string; quantity: number; periodMonths?: number }, inTransaction?: (tx: Executor, c: ContractRow) => Promise<void>) {
    if (!ctx.actor.customerId) throw new AppError('FORBIDDEN', undefined, 'only customers buy packages');
    const customer = await this.deps.customers.row(ctx.actor.customerId);
    const priced = await this.deps.catalog.pricedPlan(input.product);
    if (priced.plan.billing !== 'prepaid' || priced.model.kind === 'quote') throw new AppError('VALIDATION_FAILED', { plan: priced.plan.code }, 'this product is not sold online');
    const pricing = priceQuote(priced.model, priced.product.vatRate, { quantity: input.quantity, periodMonths: input.periodMonths });
    this.checkOnlineTotal(pricing.totalVnd);
    return this.database.db.transaction(async (tx) => {
      const row = await this.insertContract(tx, ctx, {
        kind: 'new',
        parentId: null,
        customerId: customer.id,
        productId: priced.product.id,
        planId: priced.plan.id,
        priceVersionId: priced.version?.id ?? null,
        priceModel: priceModelToJson(priced.model),
        onpremQuoteId: null,
        channel: 'self_service',
        billing: 'prepaid',
        sellingUnitId: this.deps.identity.orgUnitByCode('TTCNTT')?.id ?? null,
        managingUnitId: customer.managingUnitId,
        salesUserId: customer.salesUserId,
        quantity: input.quantity,
        periodMonths: pricing.periodMonths,
        unitPriceVnd: pricing.unitPriceVnd,
        subtotalVnd: pricing.subtotalVnd,
        vatRate: pricing.vatRate,
        vatVnd: pricing.vatVnd,
        totalVnd: pricing.totalVnd,
        status: 'awaiting_payment',
        signedDate: this.today(),
        startDate: null,
        needsCtkvApproval: 0,
        note: null,
      });
      await inTransaction?.(tx, row);
      return row;
    });
  }

  /** Submits a draft: prepaid → the customer is e-mailed the amount and the payment link; postpaid → approval. */
  async submit(ctx: Ctx, id: string) {
    return this.change(ctx, id, async (tx, c) => {
      this.assertSeller(ctx, c);
      const event: ContractEvent = c.billing === 'prepaid' ? 'submit' : 'submit_postpaid';
      const status = nextStatus(c.status, event);
      await this.closeTasks(tx, c.id, ['declare'], ctx);
      if (status === 'awaiting_payment') await this.emailPaymentRequest(tx, c);
      else await this.openApprovals(tx, c);
      return { status };
    }, 'contract.submitted');
  }

  // ---- payment hook (C1 step 3, C2 steps 3–4) ------------------------------------------------------

  /**
   * Called by a confirmed payment (VNPay IPN, reconciliation, or an accountant recording a transfer).
   * Idempotent on the payment reference; the amount must be exactly what is owed.
   */
  async confirmPayment(ctx: Ctx, contractId: string, p: PaymentConfirmation): Promise<{ applied: boolean; contract: Awaited<ReturnType<ContractService['detail']>> }> {
    const applied = await this.database.db.transaction((tx) => this.confirmPaymentIn(tx, ctx, contractId, p));
    return { applied, contract: await this.detail(ctx, contractId, { skipAccess: true }) };
  }

  /** The same, inside the caller's transaction (the payments module applies a VNPay IPN this way). */
  async confirmPaymentIn(tx: Executor, ctx: Ctx, contractId: string, p: PaymentConfirmation): Promise<boolean> {
    const c = await this.lockContract(tx, contractId);
    if (p.amendmentId) return this.confirmAmendmentPayment(tx, ctx, c, p);
    if (c.paymentRef === p.paymentRef) return false; // the same payment again: already applied
    if (c.status !== 'awaiting_payment') throw new AppError('INVALID_TRANSITION', { from: c.status, event: 'pay' }, `contract is ${c.status}, not awaiting payment`);
    if (p.amountVnd !== c.totalVnd) throw new AppError('PAYMENT_MISMATCH', { expected: c.totalVnd.toString(), got: p.amountVnd.toString() });
    const selfService = c.channel === 'self_service';
    const status = nextStatus(c.status, selfService ? 'pay_self_service' : 'pay');
    const after = await this.save(tx, ctx, c, { status, paidAt: p.paidAt, paymentRef: p.paymentRef }, 'contract.paid');
    await this.notifyCustomer(tx, after, 'contract.payment_received', { paymentRef: p.paymentRef });
    if (selfService) {
      // C1: usable at once in principle; the account follows (the contract shows when it is expected).
      await this.startProvisioning(tx, await this.activate(tx, ctx, after));
    } else {
      // C2 step 4: AM/KAM/agent, admin and the invoice officer learn of the payment.
      await this.notifyStaff(tx, after, 'paid', await this.staffToTell(tx, after, ['admin', 'invoice_officer']));
      await this.openApprovals(tx, after);
    }
    return true;
  }

  // ---- approval (C2 step 5) -----------------------------------------------------------------------

  async approve(ctx: Ctx, id: string) {
    return this.change(ctx, id, async (tx, c) => {
      const level = this.approvalLevel(ctx, c);
      if (c.status !== 'pending_approval') nextStatus(c.status, 'approved'); // throws INVALID_TRANSITION
      const now = this.clock.now();
      const patch: Partial<ContractRow> = level === 'ctkv' ? { ctkvApprovedBy: ctx.actor.id, ctkvApprovedAt: now } : { ttcnttApprovedBy: ctx.actor.id, ttcnttApprovedAt: now };
      await this.closeTasks(tx, c.id, [level === 'ctkv' ? 'approve_ctkv' : 'approve_ttcntt'], ctx);
      const approvals = {
        needsCtkv: c.needsCtkvApproval === 1,
        ctkvApproved: !!(patch.ctkvApprovedAt ?? c.ctkvApprovedAt),
        ttcnttApproved: !!(patch.ttcnttApprovedAt ?? c.ttcnttApprovedAt),
      };
      if (!approvalsComplete(approvals)) return patch;
      return { ...patch, status: nextStatus(c.status, 'approved') };
    }, 'contract.approved', async (tx, after) => {
      if (after.status === 'provisioning') await this.startProvisioning(tx, after);
    });
  }

  async reject(ctx: Ctx, id: string, reason: string) {
    return this.change(ctx, id, async (tx, c) => {
      this.approvalLevel(ctx, c);
      const status = nextStatus(c.status, 'reject');
      await this.cancelTasks(tx, c.id);
      return { status, rejectionReason: reason };
    }, 'contract.rejected', async (tx, after) => {
      await this.notifyStaff(tx, after, 'rejected', await this.staffToTell(tx, after, ['admin']), reason);
    });
  }

  private approvalLevel(ctx: Ctx, c: ContractRow): 'ctkv' | 'ttcntt' {
    if (hasPermission(ctx.actor, 'contract.approve_ctkv') && c.needsCtkvApproval === 1 && !c.ctkvApprovedAt) {
      if (!this.inScope(ctx, c)) throw new AppError('FORBIDDEN', { contract: c.id }, 'the contract belongs to another CTKV');
      return 'ctkv';
    }
    if (hasPermission(ctx.actor, 'contract.approve_ttcntt') && !c.ttcnttApprovedAt) return 'ttcntt';
    if (hasPermission(ctx.actor, 'contract.approve_ctkv') || hasPermission(ctx.actor, 'contract.approve_ttcntt')) {
      if (c.status !== 'pending_approval') nextStatus(c.status, 'approved');
      throw new AppError('CONFLICT', { contract: c.id }, 'already approved at your level');
    }
    throw new AppError('FORBIDDEN');
  }

  // ---- provisioning (C2 step 6, C4) ---------------------------------------------------------------

  /**
   * The step is a task with a working-day deadline (what the customer is told to expect, what ops sees
   * overdue); a product with a provisioning port gets a job that calls it outside any transaction.
   */
  private async startProvisioning(tx: Executor, c: ContractRow) {
    await this.openTask(tx, c, 'provision', null);
    const product = await this.deps.catalog.product(c.productId, tx);
    if (this.provisioning.has(product.code)) {
      await this.deps.jobs.enqueue(tx, { queue: CONTRACT_JOBS.provision, key: provisioningKey(c.id), payload: { contractId: c.id }, maxAttempts: PROVISION_ATTEMPTS });
    } else {
      await this.askOps(tx, c);
    }
  }

  private async askOps(tx: Executor, c: ContractRow, detail = '') {
    await this.notifyStaff(tx, c, 'provision', await this.deps.identity.emailsOfRole('ops', null, tx), detail);
  }

  /**
   * The provisioning job: a short read, the port called with no transaction open (after a failure,
   * first asked what the earlier try created), then the outcome recorded in a short transaction.
   * Failures retry with backoff; after the last one the open task is ops' to finish by hand.
   */
  private async runProvisioning(contractId: string, attempt: number) {
    const c = await this.row(contractId);
    if (!awaitsAccount(c)) return; // ops finished it meanwhile, or the contract ended
    const product = await this.deps.catalog.product(c.productId);
    const port = this.provisioning.get(product.code);
    const key = provisioningKey(c.id);
    let outcome: ServiceAccount | 'manual' = 'manual';
    let failure = '';
    try {
      const earlier = attempt > 1 && port?.lookup ? await port.lookup(key) : null;
      if (port) outcome = earlier ?? (await port.provision({ idempotencyKey: key, contractId: c.id, number: c.number, customerId: c.customerId, quantity: c.quantity }));
    } catch (err) {
      if (attempt < PROVISION_ATTEMPTS) throw err;
      failure = `Tạo tự động thất bại sau ${attempt} lần: ${err instanceof Error ? err.message : String(err)}`;
    }
    await this.database.db.transaction(async (tx) => {
      const fresh = await this.lockContract(tx, c.id);
      if (!awaitsAccount(fresh)) return;
      if (outcome === 'manual') await this.askOps(tx, fresh, failure);
      else await this.recordAccount(tx, systemActor(), fresh, outcome);
    });
  }

  /** Ops created the customer's account by hand (or finished what the port could not). */
  async completeProvisioning(ctx: Ctx, id: string, account: ServiceAccount, note?: string) {
    await this.database.db.transaction(async (tx) => {
      const c = await this.lockContract(tx, id);
      await this.recordAccount(tx, ctx, c, account, note);
    });
    return this.detail(ctx, id);
  }

  /**
   * The account exists: a declared contract becomes active (its term starts) and the signing unit gets
   * the credentials to pass on (C4); a self-service customer, already active, is told directly (C1).
   */
  private async recordAccount(tx: Executor, ctx: Ctx, c: ContractRow, account: ServiceAccount, note?: string) {
    if (!awaitsAccount(c)) nextStatus(c.status, 'provisioned'); // throws INVALID_TRANSITION
    await this.closeTasks(tx, c.id, ['provision'], ctx);
    const patch = { accountRef: account.accountRef, accessUrl: account.accessUrl ?? null, note: note ? [c.note, note].filter(Boolean).join('\n') : c.note };
    const after = await this.save(tx, ctx, c, patch, 'contract.provisioned');
    const access = [`Tài khoản / account: ${account.accountRef}`, account.accessUrl ? `Truy cập / link: ${account.accessUrl}` : ''].filter(Boolean).join('\n');
    if (after.status === 'provisioning') await this.activate(tx, ctx, after);
    else await this.notifyCustomer(tx, after, 'contract.customer_update', { event: 'access_ready', detail: access });
    const sales = after.salesUserId && after.channel !== 'self_service' ? await this.deps.identity.getUser(after.salesUserId, tx).catch(() => null) : null;
    if (sales) await this.notifyStaff(tx, after, 'credentials', [sales.email], access);
  }

  /** The term starts (today, or the agreed later date) and the renewal reminder and expiry are scheduled. */
  private async activate(tx: Executor, ctx: Ctx, c: ContractRow): Promise<ContractRow> {
    const start = c.startDate && c.startDate > this.today() ? c.startDate : this.today();
    const end = termEnd(start, c.periodMonths);
    const status = c.status === 'active' ? 'active' : nextStatus(c.status, 'provisioned');
    const after = await this.save(tx, ctx, c, { status, startDate: start, endDate: end, activatedAt: this.clock.now() }, 'contract.activated');
    await this.scheduleTermJobs(tx, after);
    await this.notifyCustomer(tx, after, 'contract.customer_update', { event: 'activated', detail: this.termText(after) });
    return after;
  }

  private async scheduleTermJobs(tx: Executor, c: ContractRow) {
    if (!c.endDate) return;
    const remindOn = addDays(c.endDate, -REMINDER_DAYS_BEFORE);
    await this.deps.jobs.enqueue(tx, {
      queue: CONTRACT_JOBS.remind,
      key: `remind:${c.id}:${c.endDate}`,
      payload: { contractId: c.id },
      runAt: localDateTime(remindOn < this.today() ? this.today() : remindOn, '08:00'),
    });
    await this.deps.jobs.enqueue(tx, { queue: CONTRACT_JOBS.expire, key: `expire:${c.id}:${c.endDate}`, payload: { contractId: c.id }, runAt: localDateTime(addDays(c.endDate, 1), '00:00') });
  }

  // ---- renewal and expiry (C5) --------------------------------------------------------------------

  /** The job 30 days before the end: e-mail the customer and the signing unit, unless already renewed. */
  private async sendRenewalReminder(contractId: string) {
    await this.database.db.transaction(async (tx) => {
      const c = await this.lockContract(tx, contractId);
      if (!LIVE_STATUSES.includes(c.status) || (await this.liveRenewal(tx, c.id))) return;
      const detail = this.termText(c);
      await this.notifyCustomer(tx, c, 'contract.customer_update', { event: 'reminder', detail });
      const sales = await this.staffToTell(tx, c, []);
      await this.notifyStaff(tx, c, 'reminder', sales, detail);
      await this.deps.audit.record(tx, systemActor(), { action: 'contract.renewal_reminder_sent', entityType: 'contract', entityId: c.id, after: { endDate: c.endDate, to: sales } });
    });
  }

  /** The job the day after the end: without a renewal, service ends and ops disables the account. */
  private async expire(contractId: string) {
    await this.database.db.transaction(async (tx) => {
      const c = await this.lockContract(tx, contractId);
      if (!LIVE_STATUSES.includes(c.status) || !c.endDate || c.endDate >= this.today()) return;
      const after = await this.save(tx, systemActor(), c, { status: nextStatus(c.status, 'expire') }, 'contract.expired');
      if (!(await this.liveRenewal(tx, c.id))) {
        await this.openTask(tx, after, 'configure_termination', null);
        await this.notifyCustomer(tx, after, 'contract.customer_update', { event: 'expired', detail: this.termText(after) });
      }
    });
  }

  /** C5: a renewal is a new contract at the price list of the day, starting the day after the current end. */
  async renew(ctx: Ctx, id: string, opts: { quantity?: number; periodMonths?: number }) {
    const parent = await this.row(id);
    this.assertSeller(ctx, parent);
    if (!LIVE_STATUSES.includes(parent.status)) throw new AppError('INVALID_TRANSITION', { from: parent.status, event: 'renew' }, `a ${parent.status} contract cannot be renewed`);
    const plan = await this.deps.catalog.plan(parent.planId);
    const product = await this.deps.catalog.product(parent.productId);
    const priced = await this.deps.catalog.pricedPlan(product.code, plan.code);
    if (priced.model.kind === 'quote') throw new AppError('QUOTE_REQUIRED', undefined, 'renew an On-Premise contract with a new quote');
    const quantity = opts.quantity ?? parent.quantity;
    const pricing = priceQuote(priced.model, product.vatRate as VatRate, { quantity, periodMonths: opts.periodMonths ?? parent.periodMonths });
    return this.database.db.transaction(async (tx) => {
      if (await this.liveRenewal(tx, parent.id)) throw new AppError('CONFLICT', { contract: parent.id }, 'a renewal already exists');
      const row = await this.insertContract(tx, ctx, {
        kind: 'renewal',
        parentId: parent.id,
        customerId: parent.customerId,
        productId: parent.productId,
        planId: parent.planId,
        priceVersionId: priced.version?.id ?? null,
        priceModel: priceModelToJson(priced.model),
        onpremQuoteId: null,
        channel: parent.channel,
        billing: parent.billing,
        sellingUnitId: parent.sellingUnitId,
        managingUnitId: parent.managingUnitId,
        salesUserId: ctx.actor.customerId ? parent.salesUserId : ctx.actor.id,
        quantity,
        periodMonths: pricing.periodMonths,
        unitPriceVnd: pricing.unitPriceVnd,
        subtotalVnd: pricing.subtotalVnd,
        vatRate: pricing.vatRate,
        vatVnd: pricing.vatVnd,
        totalVnd: pricing.totalVnd,
        status: 'draft',
        signedDate: this.today(),
        startDate: parent.endDate ? addDays(parent.endDate, 1) : null,
        needsCtkvApproval: parent.needsCtkvApproval,
        note: null,
      });
      // C5: the signing unit renews within 1 working day.
      await this.openTask(tx, row, 'renew', row.sellingUnitId);
      return row;
    });
  }

  private async liveRenewal(ex: Executor, parentId: string): Promise<boolean> {
    const [r] = await ex
      .select({ id: contracts.id })
      .from(contracts)
      .where(and(eq(contracts.parentId, parentId), sql`${contracts.status} not in ('cancelled', 'rejected', 'expired', 'terminated')`));
    return !!r;
  }

  // ---- appendices (C6) ----------------------------------------------------------------------------

  /** Previews or records an appendix: upgrade (new total quantity), added package (extra quantity) or adjustment. */
  async amend(ctx: Ctx, id: string, input: { kind: AmendmentRow['kind']; quantity?: number; changeDate: string; note?: string }, preview: boolean) {
    const c = await this.row(id);
    this.assertSeller(ctx, c);
    if (c.status !== 'active') throw new AppError('INVALID_TRANSITION', { from: c.status, event: 'amend' }, 'only an active contract can be amended');
    const model = priceModelFromJson(c.priceModel);
    if (c.billing !== 'prepaid' || model.kind === 'quote' || (c.onpremQuoteId && input.kind !== 'adjust')) throw new AppError('VALIDATION_FAILED', undefined, 'only prepaid list-price contracts change packages by appendix');
    const quantity = input.kind === 'add_package' ? c.quantity + (input.quantity ?? 0) : (input.quantity ?? c.quantity);
    if (input.kind === 'add_package' && !(input.quantity && input.quantity > 0)) throw new AppError('INVALID_QUANTITY');
    if (input.kind === 'upgrade' && quantity <= c.quantity) throw new AppError('VALIDATION_FAILED', { quantity }, 'an upgrade raises the quantity; use an adjustment to lower it');
    if (!c.startDate || !c.endDate) throw new AppError('CONFLICT', undefined, 'the contract has no term yet');
    if (input.changeDate < this.today()) throw new AppError('VALIDATION_FAILED', { changeDate: input.changeDate }, 'the change date is in the past');
    const newTerm = priceQuote(model, c.vatRate as VatRate, { quantity, periodMonths: c.periodMonths });
    withinLimit(newTerm.totalVnd, 'totalVnd');
    const s = upgradeSettlement({ paidSubtotalVnd: c.subtotalVnd, start: c.startDate, end: c.endDate, changeDate: input.changeDate, newTermSubtotalVnd: newTerm.subtotalVnd });
    const now = this.clock.now();
    const row: AmendmentRow = {
      id: newId('amendment', now),
      contractId: c.id,
      kind: input.kind,
      status: s.netVnd > 0n ? 'awaiting_payment' : 'configuring',
      fromQuantity: c.quantity,
      quantity,
      periodMonths: c.periodMonths,
      changeDate: input.changeDate,
      creditVnd: s.creditVnd,
      chargeVnd: s.chargeVnd,
      netVnd: s.netVnd,
      paymentRef: null,
      note: input.note ?? null,
      createdBy: ctx.actor.id,
      createdAt: now,
      appliedAt: null,
    };
    const payable = s.netVnd > 0n ? s.netVnd + vatOf(s.netVnd, c.vatRate as VatRate) : 0n;
    if (preview) return { ...row, payableVnd: payable, settlement: s };
    await this.database.db.transaction(async (tx) => {
      const [open] = await tx.select({ id: amendments.id }).from(amendments).where(and(eq(amendments.contractId, c.id), inArray(amendments.status, ['awaiting_payment', 'configuring'])));
      if (open) throw new AppError('CONFLICT', { amendment: open.id }, 'another appendix is still in progress');
      await tx.insert(amendments).values(row);
      await this.deps.audit.record(tx, ctx, { action: 'contract.amendment_created', entityType: 'contract', entityId: c.id, after: { ...row, payableVnd: payable } });
      if (row.status === 'awaiting_payment') await this.emailPaymentRequest(tx, c, payable, row.id);
      else await this.openTask(tx, c, 'configure_amendment', null, undefined, row.id);
    });
    return { ...row, payableVnd: payable, settlement: s };
  }

  private async confirmAmendmentPayment(tx: Executor, ctx: Ctx, c: ContractRow, p: PaymentConfirmation): Promise<boolean> {
    const [a] = await tx.select().from(amendments).where(and(eq(amendments.id, p.amendmentId!), eq(amendments.contractId, c.id))).for('update');
    if (!a) throw new AppError('NOT_FOUND', { amendment: p.amendmentId });
    if (a.paymentRef === p.paymentRef) return false;
    if (a.status !== 'awaiting_payment') throw new AppError('INVALID_TRANSITION', { from: a.status, event: 'pay' }, `appendix is ${a.status}`);
    const payable = a.netVnd + vatOf(a.netVnd, c.vatRate as VatRate);
    if (p.amountVnd !== payable) throw new AppError('PAYMENT_MISMATCH', { expected: payable.toString(), got: p.amountVnd.toString() });
    await tx.update(amendments).set({ status: 'configuring', paymentRef: p.paymentRef }).where(eq(amendments.id, a.id));
    await this.deps.audit.record(tx, ctx, { action: 'contract.amendment_paid', entityType: 'contract', entityId: c.id, before: { amendment: a.id, status: a.status }, after: { amendment: a.id, status: 'configuring', paymentRef: p.paymentRef, amountVnd: p.amountVnd } });
    await this.openTask(tx, c, 'configure_amendment', null, undefined, a.id);
    return true;
  }

  /** Ops configured the change: the appendix applies and the contract carries the new package. */
  async completeAmendment(ctx: Ctx, amendmentId: string) {
    const [a] = await this.database.db.select().from(amendments).where(eq(amendments.id, amendmentId));
    if (!a) throw new AppError('NOT_FOUND', { amendment: amendmentId });
    await this.change(ctx, a.contractId, async (tx, c) => {
      const [fresh] = await tx.select().from(amendments).where(eq(amendments.id, a.id)).for('update');
      if (fresh.status !== 'configuring') throw new AppError('INVALID_TRANSITION', { from: fresh.status, event: 'apply' }, `appendix is ${fresh.status}`);
      await tx.update(amendments).set({ status: 'applied', appliedAt: this.clock.now() }).where(eq(amendments.id, a.id));
      await this.closeTasks(tx, c.id, ['configure_amendment'], ctx);
      const term = priceQuote(priceModelFromJson(c.priceModel), c.vatRate as VatRate, { quantity: fresh.quantity, periodMonths: c.periodMonths });
      return { quantity: fresh.quantity, unitPriceVnd: term.unitPriceVnd, subtotalVnd: term.subtotalVnd, vatVnd: term.vatVnd, totalVnd: term.totalVnd };
    }, 'contract.amended', async (tx, after) => {
      await this.notifyCustomer(tx, after, 'contract.customer_update', { event: 'amended', detail: `${a.fromQuantity} → ${a.quantity}` });
    });
    return this.detail(ctx, a.contractId);
  }

  // ---- ending (C7) --------------------------------------------------------------------------------

  async terminationQuote(ctx: Ctx, id: string, date: string) {
    const c = await this.row(id);
    this.assertCanSee(ctx, c);
    return this.settlementFor(c, date);
  }

  private settlementFor(c: ContractRow, date: string) {
    if (!c.startDate || !c.endDate) throw new AppError('CONFLICT', undefined, 'the contract has not started');
    if (date < c.startDate || date > c.endDate) throw new AppError('VALIDATION_FAILED', { date }, `the date must be within the term ${c.startDate} … ${c.endDate}`);
    const model = priceModelFromJson(c.priceModel);
    if (c.billing === 'postpaid' || model.kind === 'quote') {
      return { date, usedMonths: 0, repricedPeriodMonths: 0, usedValueVnd: 0n, refundVnd: 0n, explanation: 'Trả sau: cước sử dụng đến ngày kết thúc được tính vào hoá đơn kỳ cuối; không có khoản hoàn trả.' };
    }
    return { date, ...earlyTerminationSettlement({ model, quantity: c.quantity, periodMonths: c.periodMonths, paidSubtotalVnd: c.subtotalVnd, start: c.startDate, terminationDate: date }) };
  }

  async terminate(ctx: Ctx, id: string, date: string, reason: string) {
    if (date < this.today()) throw new AppError('VALIDATION_FAILED', { date }, 'the termination date is in the past');
    return this.change(ctx, id, async (tx, c) => {
      this.assertSeller(ctx, c);
      const status = nextStatus(c.status, 'terminate');
      const s = this.settlementFor(c, date);
      await this.openTask(tx, c, 'configure_termination', null);
      return { status, terminatedAt: this.clock.now(), terminationDate: date, terminationReason: reason, settlement: { ...s, usedValueVnd: s.usedValueVnd.toString(), refundVnd: s.refundVnd.toString() } };
    }, 'contract.terminated', async (tx, after) => {
      const s = after.settlement as { explanation: string };
      await this.notifyCustomer(tx, after, 'contract.customer_update', { event: 'terminated', detail: s.explanation });
    });
  }

  async cancel(ctx: Ctx, id: string, reason: string) {
    return this.change(ctx, id, async (tx, c) => {
      const own = ctx.actor.customerId === c.customerId && c.channel === 'self_service';
      if (!own) this.assertSeller(ctx, c);
      const status = nextStatus(c.status, 'cancel');
      await this.cancelTasks(tx, c.id);
      return { status, terminationReason: reason };
    }, 'contract.cancelled');
  }

  async suspend(ctx: Ctx, id: string, reason: string) {
    return this.change(ctx, id, async (_tx, c) => ({ status: nextStatus(c.status, 'suspend'), note: [c.note, `Tạm dừng: ${reason}`].filter(Boolean).join('\n') }), 'contract.suspended');
  }

  async resume(ctx: Ctx, id: string) {
    return this.change(ctx, id, async (_tx, c) => ({ status: nextStatus(c.status, 'resume') }), 'contract.resumed');
  }

  // ---- documents ----------------------------------------------------------------------------------

  /** A signed contract, an appendix or a handover minute, attached by the seller, ops or an admin. */
  async addDocument(ctx: Ctx, id: string, upload: { name: string; contentBase64: string }) {
    const file = acceptUpload(upload.name, upload.contentBase64);
    return this.database.db.transaction(async (tx) => {
      const c = await this.lockContract(tx, id);
      this.assertCanSee(ctx, c);
      const mayAttach = (hasPermission(ctx.actor, 'contract.declare') && this.inScope(ctx, c)) || hasPermission(ctx.actor, 'contract.provision');
      if (!mayAttach) throw new AppError('FORBIDDEN', { contract: id });
      const meta = await storeFile(tx, { ownerType: 'contract', ownerId: id, ...file, uploadedBy: ctx.actor.id, now: this.clock.now() });
      await this.deps.audit.record(tx, ctx, { action: 'contract.document_added', entityType: 'contract', entityId: id, after: meta });
      return meta;
    });
  }

  async document(ctx: Ctx, id: string, fileId: string) {
    this.assertCanSee(ctx, await this.row(id));
    return readFile(this.database.db, 'contract', id, fileId);
  }

  /** What an invoice line says about a payment of this contract (or of one of its appendices). */
  async invoiceLine(contractId: string, amendmentId: string | null, paidVnd: bigint) {
    const c = await this.row(contractId);
    const product = await this.deps.catalog.product(c.productId);
    const plan = await this.deps.catalog.plan(c.planId);
    const model = priceModelFromJson(c.priceModel);
    const unit = 'unit' in model ? (model.unit === 'room' ? 'Phòng/tháng' : model.unit === 'request' ? 'Request' : model.unit) : 'Gói';
    // The line is before VAT: the paid amount includes VAT at the contract's rate.
    const vatPart = c.vatVnd === 0n ? 0n : (paidVnd * c.vatVnd) / c.totalVnd;
    const amountVnd = paidVnd - vatPart;
    const quantity = model.kind === 'per_unit_period' ? c.quantity * c.periodMonths : 1;
    return {
      code: plan.code,
      name: `${product.name} — ${plan.name}, hợp đồng ${c.number}${amendmentId ? ' (phụ lục)' : ''}`,
      unit: model.kind === 'per_unit_period' ? unit : 'Gói',
      quantity,
      unitPriceVnd: amountVnd % BigInt(quantity) === 0n ? amountVnd / BigInt(quantity) : null,
      amountVnd,
      vatRate: c.vatRate,
    };
  }

  // ---- reading ------------------------------------------------------------------------------------

  async row(id: string, ex: Executor = this.database.db): Promise<ContractRow> {
    const [c] = await ex.select().from(contracts).where(eq(contracts.id, id));
    if (!c) throw new AppError('NOT_FOUND', { contract: id });
    return c;
  }

  private inScope(ctx: Ctx, c: Pick<ContractRow, 'sellingUnitId' | 'managingUnitId' | 'salesUserId'>): boolean {
    if (ctx.actor.id && c.salesUserId === ctx.actor.id) return true;
    const scope = this.deps.identity.scopePathOf(ctx.actor);
    return [c.sellingUnitId, c.managingUnitId].some((u) => withinScope(ctx.actor, scope, (u && this.deps.identity.orgUnit(u)?.path) || '/'));
  }

  /** Contract numbers by id, for other modules' lists. */
  async numbersOf(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.database.db.select({ id: contracts.id, number: contracts.number }).from(contracts).where(inArray(contracts.id, ids));
    return new Map(rows.map((r) => [r.id, r.number]));
  }

  canSee(ctx: Ctx, c: ContractRow): boolean {
    if (ctx.actor.kind === 'system') return true;
    if (ctx.actor.customerId) return ctx.actor.customerId === c.customerId;
    return hasPermission(ctx.actor, 'contract.read') && this.inScope(ctx, c);
  }

  assertCanSee(ctx: Ctx, c: ContractRow) {
    if (this.canSee(ctx, c)) return;
    // Customers and outsiders learn nothing about other people's contracts; staff are told it is not theirs.
    throw new AppError(ctx.actor.customerId || ctx.actor.roles.length === 0 ? 'NOT_FOUND' : 'FORBIDDEN', { contract: c.id });
  }

  private assertSeller(ctx: Ctx, c: ContractRow) {
    if (!hasPermission(ctx.actor, 'contract.declare') || !this.inScope(ctx, c)) throw new AppError('FORBIDDEN', { contract: c.id });
  }

  async detail(ctx: Ctx, id: string, opts: { skipAccess?: boolean } = {}) {
    const c = await this.row(id);
    if (!opts.skipAccess) this.assertCanSee(ctx, c);
    const [summary] = await this.summaries([c]);
    const db = this.database.db;
    const [taskRows, amendmentRows, timeline, hasRenewal, documents] = await Promise.all([
      db.select().from(tasks).where(eq(tasks.contractId, id)).orderBy(asc(tasks.openedAt)),
      db.select().from(amendments).where(eq(amendments.contractId, id)).orderBy(desc(amendments.createdAt)),
      this.deps.audit.list({ entityType: 'contract', entityId: id, page: 1, pageSize: 200 }),
      this.liveRenewal(db, id),
      listFiles(db, 'contract', id),
    ]);
    const sales = c.salesUserId ? await this.deps.identity.getUser(c.salesUserId).catch(() => null) : null;
    const names = await this.deps.identity.namesOf([c.ctkvApprovedBy, c.ttcnttApprovedBy, ...taskRows.map((t) => t.doneBy)]);
    const who = (id: string | null) => (id ? { id, name: names.get(id) ?? id } : null);
    const now = this.clock.now();
    const model = priceModelFromJson(c.priceModel);
    const approvalLevels = requiredApprovals({ channel: c.channel, needsCtkv: c.needsCtkvApproval === 1 });
    const can = {
      sell: hasPermission(ctx.actor, 'contract.declare') && this.inScope(ctx, c),
      approveCtkv: hasPermission(ctx.actor, 'contract.approve_ctkv') && this.inScope(ctx, c),
      approveTtcntt: hasPermission(ctx.actor, 'contract.approve_ttcntt'),
      recordPayment: hasPermission(ctx.actor, 'contract.record_payment'),
      provision: hasPermission(ctx.actor, 'contract.provision'),
      suspend: hasPermission(ctx.actor, 'contract.suspend'),
      ownerCustomer: ctx.actor.customerId === c.customerId,
      selfService: c.channel === 'self_service',
    };
    return {
      ...summary,
      kind: c.kind,
      parentId: c.parentId,
      unitPriceVnd: c.unitPriceVnd,
      subtotalVnd: c.subtotalVnd,
      vatRate: c.vatRate,
      vatVnd: c.vatVnd,
      signedDate: c.signedDate,
      managingUnit: this.unitRef(c.managingUnitId),
      salesUser: sales ? { id: sales.id, fullName: sales.fullName } : null,
      // Only the approvals this contract's flow has (none for self-service): null is "does not apply".
      approvals: {
        ctkv: approvalLevels.includes('ctkv') ? { required: true, by: c.ctkvApprovedBy, byName: who(c.ctkvApprovedBy)?.name ?? null, at: c.ctkvApprovedAt } : null,
        ttcntt: approvalLevels.includes('ttcntt') ? { required: true, by: c.ttcnttApprovedBy, byName: who(c.ttcnttApprovedBy)?.name ?? null, at: c.ttcnttApprovedAt } : null,
      },
      service: serviceAccess(c, taskRows.find((t) => t.kind === 'provision' && t.status === 'open')?.dueAt ?? null),
      paidAt: c.paidAt,
      paymentRef: c.paymentRef,
      activatedAt: c.activatedAt,
      accountRef: c.accountRef,
      accessUrl: c.accessUrl,
      rejectionReason: c.rejectionReason,
      terminatedAt: c.terminatedAt,
      terminationDate: c.terminationDate,
      terminationReason: c.terminationReason,
      settlement: c.settlement,
      note: c.note,
      priceModel: c.priceModel,
      tasks: taskRows.map((t) => ({ ...t, doneByName: who(t.doneBy)?.name ?? null, overdue: t.status === 'open' && t.dueAt < now })),
      amendments: amendmentRows.map((a) => ({ ...a, payableVnd: a.netVnd > 0n ? a.netVnd + vatOf(a.netVnd, c.vatRate as VatRate) : 0n })),
      allowedActions: allowedActions({
        status: c.status,
        billing: c.billing,
        approvals: { needsCtkv: c.needsCtkvApproval === 1, ctkvApproved: !!c.ctkvApprovedAt, ttcnttApproved: !!c.ttcnttApprovedAt },
        can,
        amendable: c.billing === 'prepaid' && model.kind !== 'quote' && !c.onpremQuoteId,
        hasLiveRenewal: hasRenewal,
        awaitingAccount: awaitsAccount(c),
      }),
      documents,
      timeline: timeline.items,
    };
  }

  async list(ctx: Ctx, f: ContractFilter) {
    const where: SQL[] = [];
    if (ctx.actor.customerId) where.push(eq(contracts.customerId, ctx.actor.customerId));
    else {
      const scope = this.deps.identity.scopePathOf(ctx.actor);
      if (!withinScope(ctx.actor, scope, '/')) {
        const units = scope ? this.deps.identity.orgUnitList().filter((u) => u.path.startsWith(scope)).map((u) => u.id) : [];
        where.push(or(inArray(contracts.sellingUnitId, units.length ? units : ['-']), inArray(contracts.managingUnitId, units.length ? units : ['-']), ctx.actor.id ? eq(contracts.salesUserId, ctx.actor.id) : sql`false`)!);
      }
    }
    if (f.status) where.push(eq(contracts.status, f.status));
    if (f.channel) where.push(eq(contracts.channel, f.channel));
    if (f.customerId) where.push(eq(contracts.customerId, f.customerId));
    if (f.expiringBefore) where.push(lte(contracts.endDate, f.expiringBefore), inArray(contracts.status, LIVE_STATUSES));
    if (f.product) {
      const p = await this.deps.catalog.productByCode(f.product).catch(() => null);
      where.push(eq(contracts.productId, p?.id ?? '-'));
    }
    if (f.unitId) {
      const unit = this.deps.identity.orgUnit(f.unitId);
      const ids = unit ? this.deps.identity.orgUnitList().filter((u) => u.path.startsWith(unit.path)).map((u) => u.id) : ['-'];
      where.push(or(inArray(contracts.sellingUnitId, ids), inArray(contracts.managingUnitId, ids))!);
    }
    if (f.q) where.push(or(ilike(contracts.number, `%${f.q}%`), sql`${contracts.customerId} in (select id from identity.customers where name ilike ${`%${f.q}%`})`)!);
    const cond = where.length ? and(...where) : undefined;
    const db = this.database.db;
    const [rows, [{ total }]] = await Promise.all([
      db.select().from(contracts).where(cond).orderBy(desc(contracts.createdAt)).limit(f.pageSize).offset((f.page - 1) * f.pageSize),
      db.select({ total: count() }).from(contracts).where(cond),
    ]);
    return { items: await this.summaries(rows), total, page: f.page, pageSize: f.pageSize };
  }

  private unitRef(id: string | null) {
    const u = id ? this.deps.identity.orgUnit(id) : undefined;
    return u ? { id: u.id, code: u.code, name: u.name } : null;
  }

  private async summaries(rows: ContractRow[]) {
    const customerIds = [...new Set(rows.map((r) => r.customerId))];
    const customerRows = await Promise.all(customerIds.map((id) => this.deps.customers.row(id).catch(() => null)));
    const customersById = new Map(customerRows.filter((c) => c).map((c) => [c!.id, c!]));
    const products = new Map((await this.deps.catalog.listProducts({ includeRetired: true })).flatMap((p) => [[p.id, p] as const]));
    const plansById = new Map([...products.values()].flatMap((p) => p.plans.map((pl) => [pl.id, pl] as const)));
    return rows.map((c) => {
      const customer = customersById.get(c.customerId);
      const product = products.get(c.productId);
      const plan = plansById.get(c.planId);
      return {
        id: c.id,
        number: c.number,
        status: c.status,
        customer: customer ? { id: customer.id, name: customer.name, type: customer.type } : null,
        product: product ? { code: product.code, name: product.name, nameEn: product.nameEn } : null,
        plan: plan ? { code: plan.code, name: plan.name } : null,
        channel: c.channel,
        billing: c.billing,
        quantity: c.quantity,
        periodMonths: c.periodMonths,
        totalVnd: c.totalVnd,
        startDate: c.startDate,
        endDate: c.endDate,
        sellingUnit: this.unitRef(c.sellingUnitId),
        createdAt: c.createdAt,
      };
    });
  }

  // ---- tasks (C4, C8) -----------------------------------------------------------------------------

  /** The inbox: open steps this caller is expected to act on, each with its working-day deadline. */
  async listTasks(ctx: Ctx, q: { status?: 'open' | 'done'; kind?: TaskKind; overdueOnly?: boolean; page: number; pageSize: number }) {
    const kinds: TaskKind[] = [];
    const roles = ctx.actor.roles;
    const all = roles.includes('admin');
    if (roles.includes('approver_ctkv')) kinds.push('approve_ctkv');
    if (roles.includes('approver_ttcntt')) kinds.push('approve_ttcntt');
    if (roles.includes('ops')) kinds.push('provision', 'configure_amendment', 'configure_termination');
    if (roles.some((r) => ['am', 'kam', 'agent'].includes(r))) kinds.push('declare', 'renew');
    const managers = all || roles.some((r) => r === 'approver_ctkv' || r === 'approver_ttcntt');
    const where: SQL[] = [];
    if (q.overdueOnly) {
      if (!managers) throw new AppError('FORBIDDEN');
      where.push(eq(tasks.status, 'open'), lt(tasks.dueAt, this.clock.now()));
    } else {
      if (!all) where.push(inArray(tasks.kind, kinds.length ? kinds : ['declare']), ...(kinds.length ? [] : [sql`false`]));
      where.push(eq(tasks.status, q.status ?? 'open'));
    }
    if (q.kind) where.push(eq(tasks.kind, q.kind));
    const rows = await this.database.db
      .select({ task: tasks, contract: contracts })
      .from(tasks)
      .innerJoin(contracts, eq(contracts.id, tasks.contractId))
      .where(and(...where))
      .orderBy(asc(tasks.dueAt));
    const visible = rows.filter((r) => this.canSee(ctx, r.contract));
    const page = visible.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
    const summaries = await this.summaries(page.map((r) => r.contract));
    const now = this.clock.now();
    return {
      items: page.map((r, i) => ({
        id: r.task.id,
        kind: r.task.kind,
        status: r.task.status,
        amendmentId: r.task.amendmentId,
        contract: { id: r.contract.id, number: r.contract.number, customerName: summaries[i].customer?.name ?? '', productCode: summaries[i].product?.code ?? '' },
        unit: this.unitRef(r.task.unitId),
        openedAt: r.task.openedAt,
        dueAt: r.task.dueAt,
        doneAt: r.task.doneAt,
        overdue: r.task.status === 'open' && r.task.dueAt < now,
      })),
      total: visible.length,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** Due time of a step: 1 working day from now on the acting unit's calendar (C8). */
  private async openTask(tx: Executor, c: ContractRow, kind: TaskKind, unitId: string | null, dueAt?: Date, amendmentId?: string) {
    const now = this.clock.now();
    const due = dueAt ?? this.deps.calendar.forUnit(unitId ?? c.sellingUnitId).addWorkingDays(now, 1);
    await tx.insert(tasks).values({ id: newId('task', now), contractId: c.id, amendmentId: amendmentId ?? null, kind, unitId, status: 'open', openedAt: now, dueAt: due });
  }

  private async closeTasks(tx: Executor, contractId: string, kinds: TaskKind[], ctx: Ctx) {
    await tx
      .update(tasks)
      .set({ status: 'done', doneAt: this.clock.now(), doneBy: ctx.actor.id ?? ctx.actor.name })
      .where(and(eq(tasks.contractId, contractId), inArray(tasks.kind, kinds), eq(tasks.status, 'open')));
  }

  private async cancelTasks(tx: Executor, contractId: string) {
    await tx.update(tasks).set({ status: 'cancelled', doneAt: this.clock.now() }).where(and(eq(tasks.contractId, contractId), eq(tasks.status, 'open')));
  }

  /** The end of the last working window of `date` (17:30 by default). */
  private endOfWorkingDay(unitId: string | null, date: string): Date {
    const windows = this.deps.calendar.hoursOf(unitId ?? undefined).windows;
    return localDateTime(date, windows[windows.length - 1].end);
  }

  private async openApprovals(tx: Executor, c: ContractRow) {
    const ctkvUnit = c.sellingUnitId ? this.scopeUnitId(c.sellingUnitId) : null;
    if (c.needsCtkvApproval === 1) await this.openTask(tx, c, 'approve_ctkv', ctkvUnit);
    await this.openTask(tx, c, 'approve_ttcntt', this.deps.identity.orgUnitByCode('TTCNTT')?.id ?? null);
    const approvers = [...(c.needsCtkvApproval ? await this.deps.identity.emailsOfRole('approver_ctkv', ctkvUnit, tx) : []), ...(await this.deps.identity.emailsOfRole('approver_ttcntt', null, tx))];
    await this.notifyStaff(tx, c, 'approval_needed', approvers);
  }

  /** The regional company (or center) that encloses a unit. */
  private scopeUnitId(unitId: string): string | null {
    const u = this.deps.identity.orgUnit(unitId);
    if (!u) return null;
    const ids = u.path.split('/').filter(Boolean).reverse();
    return ids.find((id) => ['regional_company', 'center', 'agent'].includes(this.deps.identity.orgUnit(id)?.kind ?? '')) ?? unitId;
  }

  private soldByCtkv(unitId: string | null): boolean {
    const u = unitId ? this.deps.identity.orgUnit(unitId) : undefined;
    return !!u && u.path.split('/').some((id) => this.deps.identity.orgUnit(id)?.kind === 'regional_company');
  }

  // ---- persistence helpers ------------------------------------------------------------------------

  private async insertContract(tx: Executor, ctx: Ctx, data: Omit<ContractRow, 'id' | 'number' | 'createdAt' | 'updatedAt' | 'version' | 'createdBy' | 'ctkvApprovedBy' | 'ctkvApprovedAt' | 'ttcnttApprovedBy' | 'ttcnttApprovedAt' | 'paidAt' | 'paymentRef' | 'activatedAt' | 'accountRef' | 'accessUrl' | 'rejectionReason' | 'terminatedAt' | 'terminationDate' | 'terminationReason' | 'settlement' | 'endDate'>) {
    withinLimit(data.totalVnd, 'totalVnd');
    const now = this.clock.now();
    const row: ContractRow = {
      ...data,
      id: newId('contract', now),
      number: await nextDocumentNumber(tx, 'HD', Number(this.today().slice(0, 4))),
      endDate: null,
      ctkvApprovedBy: null,
      ctkvApprovedAt: null,
      ttcnttApprovedBy: null,
      ttcnttApprovedAt: null,
      paidAt: null,
      paymentRef: null,
      activatedAt: null,
      accountRef: null,
      accessUrl: null,
      rejectionReason: null,
      terminatedAt: null,
      terminationDate: null,
      terminationReason: null,
      settlement: null,
      createdBy: ctx.actor.id,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await tx.insert(contracts).values(row);
    await this.deps.audit.record(tx, ctx, { action: 'contract.created', entityType: 'contract', entityId: row.id, after: row });
    return row;
  }

  private async lockContract(tx: Executor, id: string): Promise<ContractRow> {
    const [c] = await tx.select().from(contracts).where(eq(contracts.id, id)).for('update');
    if (!c) throw new AppError('NOT_FOUND', { contract: id });
    return c;
  }

  /** Writes a change with optimistic versioning and its audit entry (before/after of what changed). */
  private async save(tx: Executor, ctx: Ctx, c: ContractRow, patch: Partial<ContractRow>, action: string): Promise<ContractRow> {
    const [after] = await tx
      .update(contracts)
      .set({ ...patch, updatedAt: this.clock.now(), version: c.version + 1 })
      .where(and(eq(contracts.id, c.id), eq(contracts.version, c.version)))
      .returning();
    if (!after) throw new AppError('CONFLICT', { contract: c.id }, 'the contract changed meanwhile; reload and retry');
    const keys = Object.keys(patch) as (keyof ContractRow)[];
    await this.deps.audit.record(tx, ctx, {
      action,
      entityType: 'contract',
      entityId: c.id,
      before: Object.fromEntries(keys.map((k) => [k, c[k]])),
      after: Object.fromEntries(keys.map((k) => [k, after[k]])),
    });
    return after;
  }

  /** One use case on one contract: lock, check access, compute the patch, save, then side effects. */
  private async change(ctx: Ctx, id: string, compute: (tx: Executor, c: ContractRow) => Promise<Partial<ContractRow>>, action: string, after?: (tx: Executor, c: ContractRow) => Promise<void>) {
    await this.database.db.transaction(async (tx) => {
      const c = await this.lockContract(tx, id);
      this.assertCanSee(ctx, c);
      const patch = await compute(tx, c);
      const saved = await this.save(tx, ctx, c, patch, action);
      await after?.(tx, saved);
    });
    return this.detail(ctx, id);
  }

  // ---- notifications ------------------------------------------------------------------------------

  private contractUrl(c: ContractRow) {
    return `${this.deps.publicBaseUrl}/contracts/${c.id}`;
  }

  private async facts(tx: Executor, c: ContractRow) {
    const customer = await this.deps.customers.row(c.customerId, tx);
    const product = await this.deps.catalog.product(c.productId, tx);
    return { customer, product, base: { number: c.number, customerName: customer.name, productName: product.name, amount: formatVnd(c.totalVnd), contractUrl: this.contractUrl(c) } };
  }

  /** C2 step 2: the amount and the payment link (the VNPay link replaces the portal page when payments land). */
  private async emailPaymentRequest(tx: Executor, c: ContractRow, amount = c.totalVnd, amendmentId?: string) {
    const { customer, base } = await this.facts(tx, c);
    const payUrl = await this.paymentLink(tx, { contractId: c.id, amendmentId, customerId: c.customerId, amountVnd: amount, description: `Thanh toan hop dong ${c.number}${amendmentId ? ' (phu luc)' : ''}` });
    if (!customer.email) return;
    await this.deps.notifications.email(tx, { to: customer.email, template: 'contract.payment_request', locale: 'vi', data: { ...base, amount: formatVnd(amount), payUrl }, related: { type: 'contract', id: c.id } });
  }

  private async notifyCustomer(tx: Executor, c: ContractRow, template: 'contract.payment_received' | 'contract.customer_update', extra: { event?: string; detail?: string; paymentRef?: string }) {
    const { customer, base } = await this.facts(tx, c);
    if (!customer.email) return;
    const event = extra.event ? EVENT_TEXT[extra.event].vi : '';
    await this.deps.notifications.email(tx, { to: customer.email, template, locale: 'vi', data: { ...base, event, detail: extra.detail ?? '', paymentRef: extra.paymentRef ?? '' }, related: { type: 'contract', id: c.id } });
  }

  private async notifyStaff(tx: Executor, c: ContractRow, event: keyof typeof EVENT_TEXT, to: string[], detail = '') {
    const { base } = await this.facts(tx, c);
    for (const email of [...new Set(to)]) {
      await this.deps.notifications.email(tx, { to: email, template: 'contract.staff_update', locale: 'vi', data: { ...base, event: EVENT_TEXT[event].vi, detail }, related: { type: 'contract', id: c.id } });
    }
  }

  /** The sales person (AM/KAM/agent) of the contract plus everyone holding the given roles. */
  private async staffToTell(tx: Executor, c: ContractRow, roles: string[]): Promise<string[]> {
    const out: string[] = [];
    if (c.salesUserId) {
      const u = await this.deps.identity.getUser(c.salesUserId, tx).catch(() => null);
      if (u) out.push(u.email);
    }
    for (const r of roles) out.push(...(await this.deps.identity.emailsOfRole(r, null, tx)));
    return out;
  }

  private termText(c: ContractRow) {
    const fmt = (d: string | null) => (d ? d.split('-').reverse().join('/') : '—');
    return `Thời hạn: ${fmt(c.startDate)} – ${fmt(c.endDate)}`;
  }
}

function systemActor(): Ctx {
  return { actor: { kind: 'system', id: null, name: 'system:contracts', roles: [], orgUnitId: null, orgUnitPath: null, customerId: null }, locale: 'vi' };
}
