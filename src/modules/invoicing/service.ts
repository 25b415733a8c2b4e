import { createHash } from 'node:crypto';
import { and, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.ts';
import { toLocalDate } from '../../platform/calendar.ts';
import type { Clock } from '../../platform/clock.ts';
import { systemCtx, type Ctx } from '../../platform/context.ts';
import { AppError, type Locale } from '../../platform/errors.ts';
import { ulid } from '../../platform/ids.ts';
import type { JobQueue } from '../../platform/jobs.ts';
import { formatVnd } from '../../platform/money.ts';
import type { AuditLog } from '../audit/index.ts';
import { mayInvoice, type InvoicePermission } from './access.ts';
import type { InvoicingConfig } from './config.ts';
import { INVOICE_STATUSES, invoices, seriesCounters } from './db/schema.ts';
import { renderInvoiceHtml } from './domain/html.ts';
import {
  buildInvoice,
  cleanBuyer,
  computeTotals,
  invoiceDataProblems,
  lineFromJson,
  lineProblems,
  lineToJson,
  normalizeBuyer,
  prepareLines,
  rawLineJson,
  seriesFor,
  type Buyer,
  type CanonicalInvoice,
  type InvoiceRelation,
  type LineInput,
  type LineJson,
  type Seller,
} from './domain/invoice.ts';
import { buildInvoiceXml } from './domain/xml.ts';
import { issueWithRecovery, isProviderError, type EinvoiceProvider, type IssueResult } from './provider.ts';

export type InvoiceRow = typeof invoices.$inferSelect;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export const INVOICING_JOBS = { push: 'invoicing.push', cancel: 'invoicing.cancel' } as const;

/** The slice of `NotificationService` this module uses (e-mail queued in the caller's transaction). */
export interface InvoiceMailer {
  email(ex: Executor, m: { to: string; template: string; locale: Locale; data: Record<string, string | number>; related?: { type: string; id: string } }): Promise<unknown>;
}

export interface InvoicingDeps {
  audit: AuditLog;
  jobs: JobQueue;
  provider: EinvoiceProvider;
  notifications: InvoiceMailer;
  /** The invoice officers' e-mail addresses (identity: `identity.emailsOfRole('invoice_officer', null, ex)`). */
  officerEmails: (ex: Executor) => Promise<string[]>;
  /** The buyer as the customer's record says today (identity), for re-sending an invoice that needed data. */
  customerBuyer?: (customerId: string, ex: Executor) => Promise<Buyer>;
  config: InvoicingConfig;
  log?: { warn(obj: object, msg: string): void };
}

export interface RequestInvoiceInput {
  /** The payment billed: one invoice per payment (asking again returns the same invoice). */
  paymentId: string;
  paidAt: Date;
  buyer: Buyer;
  lines: LineInput[];
  customerId?: string | null;
  contractId?: string | null;
  /** HTTToan; default from config. */
  paymentMethod?: string;
  /** When the push may start (e.g. after the day's reconciliation with VNPay, SPEC D4); default now. */
  runAt?: Date;
}

export interface InvoiceCorrections {
  buyer?: Buyer;
  lines?: LineInput[];
  /** Take the buyer from the customer's record as it is now (after someone corrected it there). */
  buyerFromCustomer?: boolean;
}

export interface InvoiceFilter {
  status?: InvoiceStatus;
  q?: string;
  customerId?: string;
  contractId?: string;
  page: number;
  pageSize: number;
}

/** The e-mail sent to the invoice officers when an invoice could not be issued. */
export const PUSH_FAILED_TEMPLATE = 'invoice.push_failed';

const SYSTEM = systemCtx('system:invoicing');

/** Marks an error that retrying the same data cannot fix. */
class PermanentFailure extends Error {}

/**
 * How long a push holds its series: longer than its whole provider exchange (look-up, issue, look-up
 * after a timeout, each with a possible log-in; every request gives up after 15 s). Should it still
 * run out, numbers stay right: a late answer is recorded if its number is free.
 */
const SERIES_LEASE_MS = 5 * 60_000;
/** A push that finds its series busy tries again this much later (without using an attempt). */
const SERIES_BUSY_RETRY_MS = 5_000;

interface PushPayload {
  invoiceId: string;
  /** Attempts used by earlier jobs of this push (a push deferred while its series was busy goes on counting). */
  attemptsBefore?: number;
}

/**
 * E-invoices (SPEC C1 step 5, C2 step 7, D4): requested in the payment's transaction, pushed to the
 * provider by a durable job with retries, numbered by the provider (gapless per series, recorded
 * under a row lock only when accepted), cancelled or replaced by an officer; every change audited.
 */
export class InvoicingService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly deps: InvoicingDeps,
  ) {
    deps.jobs.register(INVOICING_JOBS.push, (p: PushPayload, job) => this.push(p.invoiceId, (p.attemptsBefore ?? 0) + job.attempt));
    deps.jobs.register(INVOICING_JOBS.cancel, (p: { invoiceId: string }, job) => this.cancelAtProvider(p.invoiceId, job.attempt));
  }

  private get cfg() {
    return this.deps.config;
  }

  private today(): string {
    return toLocalDate(this.clock.now());
  }

  // ---- request (called by payments / contracts inside their transaction) ---------------------------

  /**
   * Records the invoice of a payment and schedules its push, in the caller's transaction. Idempotent
   * by payment id. Never loses a request: buyer or line data that cannot make a valid invoice is
   * recorded as `needs_data` with the reasons, for the invoice officer to fix and re-send.
   */
  async requestInvoice(tx: Executor, ctx: Ctx, input: RequestInvoiceInput): Promise<InvoiceRow> {
    const [existing] = await tx.select().from(invoices).where(eq(invoices.sourcePaymentId, input.paymentId));
    if (existing) return existing;
    const data = invoiceData(input.buyer, input.lines);
    const now = this.clock.now();
    const row: typeof invoices.$inferInsert = {
      id: newInvoiceId(now),
      sourcePaymentId: input.paymentId,
      paidAt: input.paidAt,
      customerId: input.customerId ?? null,
      contractId: input.contractId ?? null,
      ...data,
      seller: this.cfg.seller,
      paymentMethod: input.paymentMethod ?? this.cfg.paymentMethod,
      form: this.cfg.form,
      series: seriesFor(this.cfg.series, this.today()),
      number: null,
      status: data.dataProblems ? 'needs_data' : 'pending',
      createdBy: ctx.actor.id,
      createdAt: now,
      updatedAt: now,
    };
    const [inserted] = await tx.insert(invoices).values(row).onConflictDoNothing({ target: invoices.sourcePaymentId }).returning();
    if (!inserted) {
      // Another transaction recorded this payment's invoice first.
      const [other] = await tx.select().from(invoices).where(eq(invoices.sourcePaymentId, input.paymentId));
      return other;
    }
    await this.deps.audit.record(tx, ctx, { action: 'invoice.requested', entityType: 'invoice', entityId: inserted.id, after: auditView(inserted) });
    if (inserted.status === 'needs_data') this.deps.log?.warn({ invoice: inserted.id, payment: input.paymentId, problems: data.dataProblems }, 'invoice request needs data');
    else await this.schedulePush(tx, inserted, input.runAt);
    return inserted;
  }

  private async schedulePush(tx: Executor, inv: InvoiceRow, runAt?: Date) {
    await this.deps.jobs.enqueue(tx, {
      queue: INVOICING_JOBS.push,
      key: `${INVOICING_JOBS.push}:${inv.id}:v${inv.version}`,
      payload: { invoiceId: inv.id },
      runAt,
      maxAttempts: this.cfg.maxAttempts,
    });
  }

  // ---- the push job --------------------------------------------------------------------------------

  /**
   * One attempt to issue, with no transaction open while the provider is called: (1) a short
   * transaction takes the series lease (pushes of one series go one at a time) and marks the invoice
   * `issuing`; (2) the provider is asked — looked up by key first if an earlier attempt may have
   * reached it; (3) a short transaction records the number, or puts the invoice back to `pending`
   * (the job retries with backoff), or after the last attempt / a refusal marks it `failed` and
   * e-mails the invoice officers. The lease is released in (3) or expires.
   */
  async push(invoiceId: string, attempt = 1): Promise<void> {
    const claim = await this.database.db.transaction((tx) => this.claimPush(tx, invoiceId));
    if (claim.kind === 'nothing') return;
    if (claim.kind === 'busy') {
      // Another invoice of the series is at the provider: come back soon, this attempt not counted.
      const runAt = new Date(Math.min(claim.until.getTime(), this.clock.now().getTime() + SERIES_BUSY_RETRY_MS));
      const attemptsBefore = attempt - 1;
      await this.deps.jobs.enqueue(this.database.db, {
        queue: INVOICING_JOBS.push,
        key: `${INVOICING_JOBS.push}:${invoiceId}:v${claim.version}:a${attemptsBefore}:${runAt.getTime()}`,
        payload: { invoiceId, attemptsBefore } satisfies PushPayload,
        runAt,
        maxAttempts: Math.max(1, this.cfg.maxAttempts - attemptsBefore),
      });
      return;
    }
    const inv = claim.invoice;
    try {
      const draft = this.canonical(inv, { issueDate: claim.issueDate });
      const { result, via } = await issueWithRecovery(this.deps.provider, draft, inv.id, { lookupFirst: inv.attempts > 1 });
      await this.database.db.transaction(async (tx) => {
        const current = await this.lock(tx, invoiceId);
        if (current.status === 'issuing') await this.recordIssued(tx, current, result, via);
        await this.releaseLease(tx, invoiceId);
      });
    } catch (err) {
      const retryable = isProviderError(err) ? err.retryable : !(err instanceof AppError || err instanceof PermanentFailure);
      const last = !retryable || attempt >= this.cfg.maxAttempts;
      const message = describe(err);
      await this.database.db.transaction(async (tx) => {
        const current = await this.lockOrNull(tx, invoiceId);
        if (current?.status === 'issuing') {
          const after = await this.save(tx, SYSTEM, current, { status: last ? 'failed' : 'pending', lastError: message }, last ? 'invoice.failed' : 'invoice.push_failed');
          if (last) await this.notifyOfficers(tx, after, message);
        }
        await this.releaseLease(tx, invoiceId);
      });
      if (!last) throw err;
    }
  }

  /** Step (1) of a push, in its own short transaction. */
  private async claimPush(
    tx: Executor,
    invoiceId: string,
  ): Promise<{ kind: 'nothing' } | { kind: 'busy'; until: Date; version: number } | { kind: 'claimed'; invoice: InvoiceRow; issueDate: string }> {
    const inv = await this.lockOrNull(tx, invoiceId);
    if (!inv || (inv.status !== 'pending' && inv.status !== 'issuing')) return { kind: 'nothing' }; // issued, cancelled, failed, needs data
    const problems = invoiceDataProblems(inv.buyer as Buyer, (inv.lines as LineJson[]).map(lineFromJson));
    if (problems.length) {
      await this.save(tx, SYSTEM, inv, { status: 'needs_data', dataProblems: problems }, 'invoice.needs_data');
      return { kind: 'nothing' };
    }
    // NLap is the local date the attempt starts (decided under the lease, so dates never go back in a series).
    const issueDate = this.today();
    const series = seriesFor(this.cfg.series, issueDate);
    const counter = await this.lockSeries(tx, inv.form, series);
    const now = this.clock.now();
    if (counter.leaseInvoiceId && counter.leaseInvoiceId !== inv.id && counter.leaseUntil && counter.leaseUntil > now) {
      return { kind: 'busy', until: counter.leaseUntil, version: inv.version };
    }
    await tx
      .update(seriesCounters)
      .set({ leaseInvoiceId: inv.id, leaseUntil: new Date(now.getTime() + SERIES_LEASE_MS) })
      .where(and(eq(seriesCounters.form, inv.form), eq(seriesCounters.series, series)));
    const patch: Partial<InvoiceRow> = { status: 'issuing', attempts: inv.attempts + 1, series };
    if (JSON.stringify(inv.seller) !== JSON.stringify(this.cfg.seller)) patch.seller = this.cfg.seller; // printed as configured when issued
    return { kind: 'claimed', invoice: await this.save(tx, SYSTEM, inv, patch, 'invoice.push_started'), issueDate };
  }

  private async releaseLease(tx: Executor, invoiceId: string) {
    await tx.update(seriesCounters).set({ leaseInvoiceId: null, leaseUntil: null }).where(eq(seriesCounters.leaseInvoiceId, invoiceId));
  }

  /**
   * The provider accepted: check the number is no other invoice's, move the series counter, store the
   * XML, link the original. A number below the counter is a late answer (e.g. found by look-up after
   * a crash) and is recorded if free; a number above the counter + 1 is a gap, audited.
   */
  private async recordIssued(tx: Executor, inv: InvoiceRow, result: IssueResult, via: string) {
    const counter = await this.lockSeries(tx, inv.form, result.series);
    const [other] = await tx
      .select({ id: invoices.id })
      .from(invoices)
      .where(and(eq(invoices.form, inv.form), eq(invoices.series, result.series), eq(invoices.number, result.number)));
    if (other) {
      throw new PermanentFailure(`the provider returned ${result.series} số ${result.number}, already recorded for ${other.id}: check the invoice on the provider's portal`);
    }
    const gap = result.number > counter.lastNumber + 1 ? { from: counter.lastNumber + 1, to: result.number - 1 } : null;
    if (result.number > counter.lastNumber) {
      await tx
        .update(seriesCounters)
        .set({ lastNumber: result.number, lastIssuedDate: result.issueDate, updatedAt: this.clock.now() })
        .where(and(eq(seriesCounters.form, inv.form), eq(seriesCounters.series, result.series)));
    }
    // Rows before the audit chain's lock (taken by `save`): the original is locked first.
    const original = inv.replacesId ? await this.lock(tx, inv.replacesId) : null;
    const issued = this.canonical(inv, { series: result.series, number: result.number, issueDate: result.issueDate, mccqt: result.mccqt });
    const status: InvoiceStatus = result.status === 'issued' ? 'issued' : result.status;
    const after = await this.save(
      tx,
      SYSTEM,
      inv,
      {
        status,
        series: result.series,
        number: result.number,
        issuedDate: result.issueDate,
        issuedAt: this.clock.now(),
        provider: this.deps.provider.name,
        providerRef: result.providerRef,
        taxAuthorityCode: result.mccqt,
        xml: buildInvoiceXml(issued),
        lastError: null,
        dataProblems: null,
      },
      'invoice.issued',
      { via },
    );
    if (gap) {
      await this.deps.audit.record(tx, SYSTEM, { action: 'invoice.number_gap', entityType: 'invoice_series', entityId: `${inv.form}${result.series}`, after: { ...gap, invoice: inv.id } });
      this.deps.log?.warn({ series: result.series, ...gap }, 'e-invoice numbers skipped by the provider');
    }
    if (result.number < counter.lastNumber) {
      // A number earlier reported as a gap turned out to be ours.
      await this.deps.audit.record(tx, SYSTEM, { action: 'invoice.number_gap_filled', entityType: 'invoice_series', entityId: `${inv.form}${result.series}`, after: { number: result.number, invoice: inv.id } });
    }
    if (original?.status === 'issued') await this.save(tx, SYSTEM, original, { status: 'replaced', replacedById: after.id }, 'invoice.replaced');
  }

  // ---- officer actions -----------------------------------------------------------------------------

  /**
   * Pushes again now (a failed invoice, a pending one waiting for its next attempt, or one that needed
   * data), optionally with corrected data or the buyer as the customer's record now says. The data
   * is checked again: still invalid → `VALIDATION_FAILED` with the reasons, nothing changed.
   */
  async retry(ctx: Ctx, id: string, corrections: InvoiceCorrections = {}) {
    this.require(ctx, 'invoice.manage');
    await this.database.db.transaction(async (tx) => {
      const inv = await this.lock(tx, id);
      if (inv.status !== 'failed' && inv.status !== 'pending' && inv.status !== 'needs_data') {
        throw new AppError('INVALID_TRANSITION', { from: inv.status, event: 'retry' }, `an invoice that is ${inv.status} cannot be pushed again`);
      }
      let buyer = corrections.buyer;
      if (!buyer && corrections.buyerFromCustomer) {
        if (!inv.customerId || !this.deps.customerBuyer) throw new AppError('VALIDATION_FAILED', { customerId: inv.customerId }, 'the invoice has no customer to take the buyer from');
        buyer = await this.deps.customerBuyer(inv.customerId, tx);
      }
      const patch: Partial<InvoiceRow> = { status: 'pending', ...this.corrected(inv, { buyer, lines: corrections.lines }), dataProblems: null };
      const after = await this.save(tx, ctx, inv, patch, 'invoice.retry_requested');
      await this.schedulePush(tx, after);
    });
    return this.get(ctx, id);
  }

  /**
   * Cancels an invoice. Not yet issued: withdrawn here. Issued: `cancelling` until the provider has
   * cancelled it (a job; the tax notice 04/SS-HĐĐT is the provider's / accountant's step).
   */
  async cancel(ctx: Ctx, id: string, reason: string) {
    this.require(ctx, 'invoice.manage');
    await this.database.db.transaction(async (tx) => {
      const inv = await this.lock(tx, id);
      if (inv.status === 'cancelled' || inv.status === 'cancelling') return;
      if (inv.status === 'issuing') throw new AppError('INVALID_TRANSITION', { from: inv.status, event: 'cancel' }, 'the invoice is being issued; try again in a moment');
      if (inv.status === 'replaced') throw new AppError('INVALID_TRANSITION', { from: inv.status, event: 'cancel' }, 'a replaced invoice cannot be cancelled');
      if (inv.status !== 'issued') {
        await this.save(tx, ctx, inv, { status: 'cancelled', cancelReason: reason, cancelledAt: this.clock.now() }, 'invoice.cancelled');
        return;
      }
      const open = await this.openReplacement(tx, inv.id);
      if (open) throw new AppError('CONFLICT', { replacement: open.id }, 'a replacement of this invoice is in progress');
      const after = await this.save(tx, ctx, inv, { status: 'cancelling', cancelReason: reason, lastError: null }, 'invoice.cancel_requested');
      await this.deps.jobs.enqueue(tx, {
        queue: INVOICING_JOBS.cancel,
        key: `${INVOICING_JOBS.cancel}:${inv.id}:v${after.version}`,
        payload: { invoiceId: inv.id },
        maxAttempts: this.cfg.maxAttempts,
      });
    });
    return this.get(ctx, id);
  }

  /**
   * The cancel job: after an earlier attempt, look the invoice up first (the provider may have
   * cancelled it already); ask the provider outside any transaction; record the answer in a short one.
   * After the last attempt or a refusal the invoice is `issued` again, with the error for the officer.
   */
  async cancelAtProvider(invoiceId: string, attempt = 1): Promise<void> {
    const [inv] = await this.database.db.select().from(invoices).where(eq(invoices.id, invoiceId));
    if (inv?.status !== 'cancelling') return;
    try {
      const found = attempt > 1 ? await this.deps.provider.get(inv.id) : null;
      if (found?.status !== 'cancelled') await this.deps.provider.cancel({ idempotencyKey: inv.id, providerRef: inv.providerRef ?? '' }, inv.cancelReason ?? '');
      await this.database.db.transaction(async (tx) => {
        const current = await this.lock(tx, invoiceId);
        if (current.status === 'cancelling') await this.save(tx, SYSTEM, current, { status: 'cancelled', cancelledAt: this.clock.now() }, 'invoice.cancelled', { via: found ? 'lookup' : 'cancel' });
      });
    } catch (err) {
      const last = (isProviderError(err) && !err.retryable) || attempt >= this.cfg.maxAttempts;
      if (!last) throw err;
      await this.database.db.transaction(async (tx) => {
        const current = await this.lock(tx, invoiceId);
        if (current.status === 'cancelling') await this.save(tx, SYSTEM, current, { status: 'issued', lastError: `cancel: ${describe(err)}` }, 'invoice.cancel_failed');
      });
    }
  }

  /** A replacement invoice (TTHDLQuan TCHDon 1) with corrected buyer and/or lines; the original becomes `replaced` once it issues. */
  async replace(ctx: Ctx, id: string, input: InvoiceCorrections & { reason: string }) {
    this.require(ctx, 'invoice.manage');
    const newId = await this.database.db.transaction(async (tx) => {
      const original = await this.lock(tx, id);
      if (original.status !== 'issued' || original.number === null || !original.issuedDate) {
        throw new AppError('INVALID_TRANSITION', { from: original.status, event: 'replace' }, 'only an issued invoice can be replaced');
      }
      const open = await this.openReplacement(tx, original.id);
      if (open) throw new AppError('CONFLICT', { replacement: open.id }, 'a replacement of this invoice is already in progress');
      const corrected = this.corrected(original, input);
      const relation: InvoiceRelation = { kind: 'replace', form: original.form, series: original.series, number: original.number, issueDate: original.issuedDate, note: input.reason };
      const now = this.clock.now();
      const row: typeof invoices.$inferInsert = {
        id: newInvoiceId(now),
        sourcePaymentId: null,
        paidAt: original.paidAt,
        customerId: original.customerId,
        contractId: original.contractId,
        buyer: corrected.buyer ?? original.buyer,
        seller: this.cfg.seller,
        lines: corrected.lines ?? original.lines,
        paymentMethod: original.paymentMethod,
        subtotalVnd: corrected.subtotalVnd ?? original.subtotalVnd,
        vatVnd: corrected.vatVnd ?? original.vatVnd,
        discountVnd: corrected.discountVnd ?? original.discountVnd,
        totalVnd: corrected.totalVnd ?? original.totalVnd,
        form: original.form,
        series: seriesFor(this.cfg.series, this.today()),
        number: null,
        status: 'pending',
        replacesId: original.id,
        relation,
        createdBy: ctx.actor.id,
        createdAt: now,
        updatedAt: now,
      };
      const [inserted] = await tx.insert(invoices).values(row).returning();
      await this.deps.audit.record(tx, ctx, { action: 'invoice.requested', entityType: 'invoice', entityId: inserted.id, after: { ...auditView(inserted), reason: input.reason } });
      await this.deps.audit.record(tx, ctx, { action: 'invoice.replacement_requested', entityType: 'invoice', entityId: original.id, after: { replacement: inserted.id, reason: input.reason } });
      await this.schedulePush(tx, inserted);
      return inserted.id;
    });
    return this.get(ctx, newId);
  }

  private async openReplacement(ex: Executor, originalId: string) {
    const [open] = await ex
      .select({ id: invoices.id })
      .from(invoices)
      .where(and(eq(invoices.replacesId, originalId), inArray(invoices.status, ['needs_data', 'pending', 'issuing', 'failed', 'issued'])));
    return open ?? null;
  }

  /**
   * The corrected buyer and/or lines with their totals (empty when nothing is corrected); throws
   * `VALIDATION_FAILED` with every reason when the invoice, corrected or not, still cannot be made.
   */
  private corrected(inv: InvoiceRow, c: Pick<InvoiceCorrections, 'buyer' | 'lines'>): Partial<InvoiceRow> {
    const buyer = c.buyer ?? (inv.buyer as Buyer);
    const lines = c.lines ?? (inv.lines as LineJson[]).map(lineFromJson);
    const problems = invoiceDataProblems(buyer, lines);
    if (problems.length) throw new AppError('VALIDATION_FAILED', { problems }, problems.join('; '));
    if (!c.buyer && !c.lines) return {};
    const patch = invoiceData(buyer, lines);
    this.preview({ ...inv, ...patch, number: null }); // the whole invoice must still hold together
    return patch;
  }

  // ---- reading -------------------------------------------------------------------------------------

  async list(ctx: Ctx, f: InvoiceFilter) {
    const where: SQL[] = [];
    if (!mayInvoice(ctx.actor, 'invoice.read')) {
      if (!ctx.actor.customerId) throw new AppError('FORBIDDEN', { permission: 'invoice.read' });
      where.push(eq(invoices.customerId, ctx.actor.customerId));
    } else if (f.customerId) where.push(eq(invoices.customerId, f.customerId));
    if (f.contractId) where.push(eq(invoices.contractId, f.contractId));
    if (f.status) where.push(eq(invoices.status, f.status));
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push(
        or(
          ilike(sql`${invoices.buyer}->>'name'`, like),
          ilike(sql`coalesce(${invoices.buyer}->>'taxCode', '')`, like),
          ilike(sql`${invoices.series} || '-' || coalesce(${invoices.number}::text, '')`, like),
          ilike(sql`coalesce(${invoices.sourcePaymentId}, '')`, like),
          ilike(invoices.id, like),
        )!,
      );
    }
    const cond = where.length ? and(...where) : undefined;
    const db = this.database.db;
    const [rows, [{ total }]] = await Promise.all([
      db.select().from(invoices).where(cond).orderBy(desc(invoices.createdAt), desc(invoices.id)).limit(f.pageSize).offset((f.page - 1) * f.pageSize),
      db.select({ total: count() }).from(invoices).where(cond),
    ]);
    const staff = mayInvoice(ctx.actor, 'invoice.read');
    return { items: rows.map((r) => summary(r, staff)), total, page: f.page, pageSize: f.pageSize };
  }

  /** How many invoices are in each status (the officer's tabs and badges, e.g. the `needs_data` queue). */
  async counts(ctx: Ctx): Promise<Record<InvoiceStatus, number>> {
    this.require(ctx, 'invoice.read');
    const rows = await this.database.db.select({ status: invoices.status, n: count() }).from(invoices).groupBy(invoices.status);
    const out = Object.fromEntries(INVOICE_STATUSES.map((st) => [st, 0])) as Record<InvoiceStatus, number>;
    for (const r of rows) out[r.status] = Number(r.n);
    return out;
  }

  /** The invoices of a contract, newest first (the caller has checked that the contract may be seen). */
  async ofContract(contractId: string) {
    const rows = await this.database.db.select().from(invoices).where(eq(invoices.contractId, contractId)).orderBy(desc(invoices.createdAt), desc(invoices.id));
    return rows.map((r) => summary(r, false));
  }

  async get(ctx: Ctx, id: string) {
    const inv = await this.readable(ctx, id);
    const staff = mayInvoice(ctx.actor, 'invoice.read');
    // Data that cannot make an invoice has no preview yet: its stored totals are shown.
    const canonical = inv.status === 'needs_data' ? null : this.preview(inv);
    const replacements = await this.database.db
      .select({ id: invoices.id, status: invoices.status, series: invoices.series, number: invoices.number, issuedDate: invoices.issuedDate })
      .from(invoices)
      .where(eq(invoices.replacesId, inv.id))
      .orderBy(desc(invoices.createdAt));
    return {
      ...summary(inv, staff),
      paymentMethod: inv.paymentMethod,
      seller: inv.seller as Seller,
      buyer: inv.buyer as Buyer,
      lines: inv.lines as LineJson[],
      byRate: canonical?.totals.byRate ?? [],
      totalInWords: canonical?.totals.words ?? null,
      relation: inv.relation as InvoiceRelation | null,
      replacements,
      cancelReason: inv.cancelReason,
      cancelledAt: inv.cancelledAt,
      issuedAt: inv.issuedAt,
      ...(staff ? { provider: inv.provider, providerRef: inv.providerRef } : {}),
      actions: mayInvoice(ctx.actor, 'invoice.manage') ? actionsFor(inv.status) : [],
    };
  }

  /** The issued XML (Decision 1450); a not-yet-issued invoice has none. */
  async xml(ctx: Ctx, id: string): Promise<{ filename: string; xml: string }> {
    const inv = await this.readable(ctx, id);
    if (!inv.xml || inv.number === null) throw new AppError('CONFLICT', { status: inv.status }, 'the invoice has not been issued yet');
    return { filename: `${inv.form}${inv.series}-${String(inv.number).padStart(8, '0')}.xml`, xml: inv.xml };
  }

  /** The printable view (Vietnamese); before issue it is stamped as a preview. */
  async html(ctx: Ctx, id: string): Promise<string> {
    const inv = await this.readable(ctx, id);
    if (inv.status === 'needs_data') throw new AppError('CONFLICT', { status: inv.status }, 'the invoice waits for corrected buyer or line data');
    const canonical = this.preview(inv);
    let replacedBy = null;
    if (inv.replacedById) {
      const [r] = await this.database.db.select().from(invoices).where(eq(invoices.id, inv.replacedById));
      if (r) replacedBy = { series: r.series, number: r.number, issueDate: r.issuedDate };
    }
    const seller = inv.seller as Seller;
    return renderInvoiceHtml(canonical, {
      status: inv.status,
      placeholderTaxCode: seller.taxCode === this.cfg.seller.taxCode && this.cfg.sellerTaxCodeIsPlaceholder,
      replacedBy,
      cancelReason: inv.cancelReason,
    });
  }

  /** The stored row (for other modules: payment ↔ invoice links). */
  async byPayment(paymentId: string): Promise<InvoiceRow | null> {
    const [r] = await this.database.db.select().from(invoices).where(eq(invoices.sourcePaymentId, paymentId));
    return r ?? null;
  }

  // ---- helpers -------------------------------------------------------------------------------------

  private require(ctx: Ctx, permission: InvoicePermission) {
    if (!mayInvoice(ctx.actor, permission)) throw new AppError('FORBIDDEN', { permission });
  }

  private async readable(ctx: Ctx, id: string): Promise<InvoiceRow> {
    const [inv] = await this.database.db.select().from(invoices).where(eq(invoices.id, id));
    if (!inv) throw new AppError('NOT_FOUND', { invoice: id });
    if (mayInvoice(ctx.actor, 'invoice.read')) return inv;
    // A customer reads their own invoices; anyone else learns nothing about the id.
    if (ctx.actor.customerId && inv.customerId === ctx.actor.customerId) return inv;
    throw new AppError('NOT_FOUND', { invoice: id });
  }

  /** The canonical invoice of a row; the seller is the row's snapshot (what was, or will be, printed). */
  private canonical(inv: InvoiceRow, over: { series?: string; number?: number | null; issueDate: string; mccqt?: string | null }): CanonicalInvoice {
    return buildInvoice({
      id: inv.id,
      form: inv.form,
      series: over.series ?? inv.series,
      number: over.number ?? null,
      issueDate: over.issueDate,
      paymentMethod: inv.paymentMethod,
      seller: inv.seller as Seller,
      providerTaxCode: this.cfg.providerTaxCode,
      buyer: inv.buyer as Buyer,
      lines: (inv.lines as LineJson[]).map(lineFromJson),
      relation: (inv.relation as InvoiceRelation | null) ?? null,
      mccqt: over.mccqt ?? null,
    });
  }

  /** As issued; before issue, as it would be issued today. */
  private preview(inv: InvoiceRow): CanonicalInvoice {
    if (inv.number !== null && inv.issuedDate) return this.canonical(inv, { issueDate: inv.issuedDate, number: inv.number, mccqt: inv.taxAuthorityCode });
    const today = this.today();
    return this.canonical(inv, { issueDate: today, series: seriesFor(this.cfg.series, today) });
  }

  private async lockOrNull(tx: Executor, id: string): Promise<InvoiceRow | null> {
    const [inv] = await tx.select().from(invoices).where(eq(invoices.id, id)).for('update');
    return inv ?? null;
  }

  private async lock(tx: Executor, id: string): Promise<InvoiceRow> {
    const inv = await this.lockOrNull(tx, id);
    if (!inv) throw new AppError('NOT_FOUND', { invoice: id });
    return inv;
  }

  /** The counter row of a series, created at 0 and locked until the transaction ends. */
  private async lockSeries(tx: Executor, form: string, series: string) {
    await tx.insert(seriesCounters).values({ form, series, lastNumber: 0, updatedAt: this.clock.now() }).onConflictDoNothing();
    const [row] = await tx
      .select()
      .from(seriesCounters)
      .where(and(eq(seriesCounters.form, form), eq(seriesCounters.series, series)))
      .for('update');
    return row;
  }

  /** Writes a change with optimistic versioning and its audit entry (before/after of what changed). */
  private async save(tx: Executor, ctx: Ctx, inv: InvoiceRow, patch: Partial<InvoiceRow>, action: string, extra?: Record<string, unknown>): Promise<InvoiceRow> {
    const [after] = await tx
      .update(invoices)
      .set({ ...patch, updatedAt: this.clock.now(), version: inv.version + 1 })
      .where(and(eq(invoices.id, inv.id), eq(invoices.version, inv.version)))
      .returning();
    if (!after) throw new AppError('CONFLICT', { invoice: inv.id }, 'the invoice changed meanwhile; reload and retry');
    const keys = Object.keys(patch) as (keyof InvoiceRow)[];
    await this.deps.audit.record(tx, ctx, {
      action,
      entityType: 'invoice',
      entityId: inv.id,
      before: auditView(Object.fromEntries(keys.map((k) => [k, inv[k]]))),
      after: { ...auditView(Object.fromEntries(keys.map((k) => [k, after[k]]))), ...extra },
    });
    return after;
  }

  private async notifyOfficers(tx: Executor, inv: InvoiceRow, error: string) {
    const buyer = inv.buyer as Buyer;
    const data = {
      invoiceId: inv.id,
      paymentId: inv.sourcePaymentId ?? (inv.replacesId ? `thay thế ${inv.replacesId}` : ''),
      buyerName: buyer.name,
      amount: formatVnd(inv.totalVnd),
      attempts: inv.attempts,
      error: error.slice(0, 500),
      invoiceUrl: `${this.cfg.publicBaseUrl}/invoices/${inv.id}`,
    };
    for (const to of [...new Set(await this.deps.officerEmails(tx))]) {
      try {
        await this.deps.notifications.email(tx, { to, template: PUSH_FAILED_TEMPLATE, locale: 'vi', data, related: { type: 'invoice', id: inv.id } });
      } catch (err) {
        // Only a missing template can fail before any SQL runs: the invoice is still marked failed.
        this.deps.log?.warn({ err: describe(err), invoice: inv.id }, 'could not e-mail the invoice officers');
      }
    }
  }
}

// ---- pure helpers ----------------------------------------------------------------------------------

/**
 * Buyer, lines and totals to store: checked and normalised when they make a valid invoice; else as
 * given (cleaned) with every reason in `dataProblems`, for the officer to correct.
 */
function invoiceData(buyer: Buyer, lines: readonly LineInput[]) {
  const dataProblems = invoiceDataProblems(buyer, lines);
  if (dataProblems.length) {
    // Lines that cannot be totalled are among the problems: no totals until they are corrected.
    const t = lineProblems(lines).length ? null : computeTotals(prepareLines(lines));
    const totals = t ? { subtotalVnd: t.subtotal, vatVnd: t.vat, discountVnd: t.discount, totalVnd: t.total } : { subtotalVnd: 0n, vatVnd: 0n, discountVnd: 0n, totalVnd: 0n };
    return { buyer: cleanBuyer(buyer), lines: lines.map(rawLineJson), ...totals, dataProblems };
  }
  const prepared = prepareLines(lines);
  const t = computeTotals(prepared);
  return { buyer: normalizeBuyer(buyer), lines: prepared.map(lineToJson), subtotalVnd: t.subtotal, vatVnd: t.vat, discountVnd: t.discount, totalVnd: t.total, dataProblems: null };
}

/** The buyer printed for a customer (identity's record). */
export function buyerOfCustomer(c: { id: string; name: string; taxCode: string | null; address: string | null; email: string | null; phone: string | null }): Buyer {
  return { name: c.name, taxCode: c.taxCode, address: c.address, email: c.email, phone: c.phone, customerCode: c.id };
}

/** Invoice ids: `inv_` + ULID (the prefix to register as `invoice: 'inv'` in platform/ids.ts). */
export const newInvoiceId = (now: Date): string => `inv_${ulid(now.getTime())}`;

function describe(err: unknown): string {
  if (isProviderError(err)) return `${err.kind}${err.code ? ` ${err.code}` : ''}: ${err.message}`.slice(0, 2000);
  if (err instanceof AppError) return `${err.code}: ${err.message}`.slice(0, 2000);
  return (err instanceof Error ? err.message : String(err)).slice(0, 2000);
}

/** The audit view of invoice fields: the XML is summarised by its hash. */
function auditView(fields: Record<string, unknown>): Record<string, unknown> {
  const { xml, ...rest } = fields;
  return xml === undefined ? rest : { ...rest, xmlSha256: typeof xml === 'string' ? createHash('sha256').update(xml).digest('hex') : null };
}

function actionsFor(status: InvoiceStatus): string[] {
  switch (status) {
    case 'needs_data':
    case 'pending':
    case 'failed':
      return ['retry', 'cancel'];
    case 'issued':
      return ['cancel', 'replace'];
    default:
      return [];
  }
}

function summary(inv: InvoiceRow, staff: boolean) {
  const buyer = inv.buyer as Buyer;
  return {
    id: inv.id,
    status: inv.status,
    form: inv.form,
    series: inv.series,
    number: inv.number,
    issuedDate: inv.issuedDate,
    taxAuthorityCode: inv.taxAuthorityCode,
    buyer: { name: buyer.name, taxCode: buyer.taxCode ?? null },
    subtotalVnd: inv.subtotalVnd,
    vatVnd: inv.vatVnd,
    discountVnd: inv.discountVnd,
    totalVnd: inv.totalVnd,
    sourcePaymentId: inv.sourcePaymentId,
    paidAt: inv.paidAt,
    customerId: inv.customerId,
    contractId: inv.contractId,
    replacesId: inv.replacesId,
    replacedById: inv.replacedById,
    ...(staff ? { attempts: inv.attempts, lastError: inv.lastError, dataProblems: inv.dataProblems ?? [] } : {}),
    createdAt: inv.createdAt,
    updatedAt: inv.updatedAt,
  };
}
