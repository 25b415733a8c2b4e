import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { formatVnd } from '../../../platform/money.ts';
import { canTransition, transition } from '../../../platform/state-machine.ts';
import { invoices, seriesCounters } from '../db/schema.ts';
import { SYSTEM, type Deps } from '../deps.ts';
import { INVOICE_MACHINE, issuedEvent } from '../domain/invoice-lifecycle.ts';
import { invoiceDataProblems, lineFromJson, seriesFor, type Buyer, type LineJson } from '../domain/invoice.ts';
import { buildInvoiceXml } from '../domain/xml.ts';
import { describeFailure, issueWithRecovery, isProviderError, type IssueResult } from '../provider.ts';
import { canonical, lock, lockOrNull, lockSeries, save, today, type InvoiceRow } from '../queries.ts';

export const PUSH_QUEUE = 'invoicing.push';
/** The e-mail sent to the invoice officers when an invoice could not be issued. */
export const PUSH_FAILED_TEMPLATE = 'invoice.push_failed';

export interface PushPayload {
  invoiceId: string;
  /** Attempts used by earlier jobs of this push (a push deferred while its series was busy goes on counting). */
  attemptsBefore?: number;
}

/**
 * How long a push holds its series: longer than its whole provider exchange (look-up, issue, look-up
 * after a timeout, each with a possible log-in; every request gives up after 15 s). Should it still
 * run out, numbers stay right: a late answer is recorded if its number is free.
 */
const SERIES_LEASE_MS = 5 * 60_000;
/** A push that finds its series busy tries again this much later (without using an attempt). */
const SERIES_BUSY_RETRY_MS = 5_000;

/** Marks an error that retrying the same data cannot fix. */
class PermanentFailure extends Error {}

/** Schedules the push of an invoice's current version (in the caller's transaction). */
export async function schedulePush(d: Deps, tx: Executor, inv: InvoiceRow, runAt?: Date) {
  const key = `${PUSH_QUEUE}:${inv.id}:v${inv.version}`;
  const payload: PushPayload = { invoiceId: inv.id };
  await d.jobs.enqueue(tx, { queue: PUSH_QUEUE, key, payload, runAt, maxAttempts: d.config.maxAttempts });
}

/**
 * One attempt to issue, with no transaction open while the provider is called: (1) a short
 * transaction takes the series lease (pushes of one series go one at a time) and marks the invoice
 * `issuing`; (2) the provider is asked — looked up by key first if an earlier attempt may have
 * reached it; (3) a short transaction records the number, or puts the invoice back to `pending`
 * (the job retries with backoff), or after the last attempt / a refusal marks it `failed` and
 * e-mails the invoice officers. The lease is released in (3) or expires.
 */
export async function pushInvoice(d: Deps, invoiceId: string, attempt = 1): Promise<void> {
  const db = d.database.db;
  const claim = await db.transaction((tx) => claimPush(d, tx, invoiceId));
  if (claim.kind === 'nothing') return;
  if (claim.kind === 'busy') {
    // Another invoice of the series is at the provider: come back soon, this attempt not counted.
    const runAt = new Date(Math.min(claim.until.getTime(), d.clock.now().getTime() + SERIES_BUSY_RETRY_MS));
    const attemptsBefore = attempt - 1;
    await d.jobs.enqueue(db, {
      queue: PUSH_QUEUE,
      key: `${PUSH_QUEUE}:${invoiceId}:v${claim.version}:a${attemptsBefore}:${runAt.getTime()}`,
      payload: { invoiceId, attemptsBefore } satisfies PushPayload,
      runAt,
      maxAttempts: Math.max(1, d.config.maxAttempts - attemptsBefore),
    });
    return;
  }
  const inv = claim.invoice;
  try {
    const draft = canonical(d, inv, { issueDate: claim.issueDate });
    const { result, via } = await issueWithRecovery(d.provider, draft, inv.id, { lookupFirst: inv.attempts > 1 });
    await db.transaction(async (tx) => {
      const current = await lock(tx, invoiceId);
      if (canTransition(INVOICE_MACHINE, current.status, issuedEvent(result.status))) await recordIssued(d, tx, current, result, via);
      await releaseLease(tx, invoiceId);
    });
  } catch (err) {
    const retryable = isProviderError(err) ? err.retryable : !(err instanceof AppError || err instanceof PermanentFailure);
    const last = !retryable || attempt >= d.config.maxAttempts;
    const message = describeFailure(err);
    await db.transaction(async (tx) => {
      const current = await lockOrNull(tx, invoiceId);
      const event = last ? 'give_up' : 'retry_later';
      if (current && canTransition(INVOICE_MACHINE, current.status, event)) {
        const patch = { status: transition(INVOICE_MACHINE, current.status, event), lastError: message };
        const after = await save(d, tx, SYSTEM, current, patch, last ? 'invoice.failed' : 'invoice.push_failed');
        if (last) await notifyOfficers(d, tx, after, message);
      }
      await releaseLease(tx, invoiceId);
    });
    if (!last) throw err;
  }
}

type Claim =
  | { kind: 'nothing' }
  | { kind: 'busy'; until: Date; version: number }
  | { kind: 'claimed'; invoice: InvoiceRow; issueDate: string };

/** Step (1) of a push, in its own short transaction. */
async function claimPush(d: Deps, tx: Executor, invoiceId: string): Promise<Claim> {
  const inv = await lockOrNull(tx, invoiceId);
  if (!inv || !canTransition(INVOICE_MACHINE, inv.status, 'claim')) return { kind: 'nothing' }; // issued, cancelled, failed, needs data
  const problems = invoiceDataProblems(inv.buyer as Buyer, (inv.lines as LineJson[]).map(lineFromJson));
  if (problems.length) {
    const patch = { status: transition(INVOICE_MACHINE, inv.status, 'lack_data'), dataProblems: problems };
    await save(d, tx, SYSTEM, inv, patch, 'invoice.needs_data');
    return { kind: 'nothing' };
  }
  // NLap is the local date the attempt starts (decided under the lease, so dates never go back in a series).
  const issueDate = today(d);
  const series = seriesFor(d.config.series, issueDate);
  const counter = await lockSeries(d, tx, inv.form, series);
  const now = d.clock.now();
  if (counter.leaseInvoiceId && counter.leaseInvoiceId !== inv.id && counter.leaseUntil && counter.leaseUntil > now) {
    return { kind: 'busy', until: counter.leaseUntil, version: inv.version };
  }
  await tx
    .update(seriesCounters)
    .set({ leaseInvoiceId: inv.id, leaseUntil: new Date(now.getTime() + SERIES_LEASE_MS) })
    .where(and(eq(seriesCounters.form, inv.form), eq(seriesCounters.series, series)));
  const patch: Partial<InvoiceRow> = { status: transition(INVOICE_MACHINE, inv.status, 'claim'), attempts: inv.attempts + 1, series };
  if (JSON.stringify(inv.seller) !== JSON.stringify(d.config.seller)) patch.seller = d.config.seller; // printed as configured when issued
  return { kind: 'claimed', invoice: await save(d, tx, SYSTEM, inv, patch, 'invoice.push_started'), issueDate };
}

async function releaseLease(tx: Executor, invoiceId: string) {
  await tx.update(seriesCounters).set({ leaseInvoiceId: null, leaseUntil: null }).where(eq(seriesCounters.leaseInvoiceId, invoiceId));
}

/**
 * The provider accepted: check the number is no other invoice's, move the series counter, store the
 * XML, link the original. A number below the counter is a late answer (e.g. found by look-up after
 * a crash) and is recorded if free; a number above the counter + 1 is a gap, audited.
 */
async function recordIssued(d: Deps, tx: Executor, inv: InvoiceRow, result: IssueResult, via: string) {
  const counter = await lockSeries(d, tx, inv.form, result.series);
  const [other] = await tx
    .select({ id: invoices.id })
    .from(invoices)
    .where(and(eq(invoices.form, inv.form), eq(invoices.series, result.series), eq(invoices.number, result.number)));
  if (other) {
    const numbered = `${result.series} số ${result.number}`;
    throw new PermanentFailure(
      `the provider returned ${numbered}, already recorded for ${other.id}: check the invoice on the provider's portal`,
    );
  }
  const gap = result.number > counter.lastNumber + 1 ? { from: counter.lastNumber + 1, to: result.number - 1 } : null;
  if (result.number > counter.lastNumber) {
    await tx
      .update(seriesCounters)
      .set({ lastNumber: result.number, lastIssuedDate: result.issueDate, updatedAt: d.clock.now() })
      .where(and(eq(seriesCounters.form, inv.form), eq(seriesCounters.series, result.series)));
  }
  // Rows before the audit chain's lock (taken by `save`): the original is locked first.
  const original = inv.replacesId ? await lock(tx, inv.replacesId) : null;
  const issued = canonical(d, inv, { series: result.series, number: result.number, issueDate: result.issueDate, mccqt: result.mccqt });
  const patch = {
    status: transition(INVOICE_MACHINE, inv.status, issuedEvent(result.status)),
    series: result.series,
    number: result.number,
    issuedDate: result.issueDate,
    issuedAt: d.clock.now(),
    provider: d.provider.name,
    providerRef: result.providerRef,
    taxAuthorityCode: result.mccqt,
    xml: buildInvoiceXml(issued),
    lastError: null,
    dataProblems: null,
  };
  const after = await save(d, tx, SYSTEM, inv, patch, 'invoice.issued', { via });
  const seriesId = `${inv.form}${result.series}`;
  if (gap) {
    const skipped = { ...gap, invoice: inv.id };
    await d.audit.record(tx, SYSTEM, { action: 'invoice.number_gap', entityType: 'invoice_series', entityId: seriesId, after: skipped });
    d.log?.warn({ series: result.series, ...gap }, 'e-invoice numbers skipped by the provider');
  }
  if (result.number < counter.lastNumber) {
    // A number earlier reported as a gap turned out to be ours.
    const filled = { number: result.number, invoice: inv.id };
    const action = 'invoice.number_gap_filled';
    await d.audit.record(tx, SYSTEM, { action, entityType: 'invoice_series', entityId: seriesId, after: filled });
  }
  if (original && canTransition(INVOICE_MACHINE, original.status, 'replace')) {
    const replaced = { status: transition(INVOICE_MACHINE, original.status, 'replace'), replacedById: after.id };
    await save(d, tx, SYSTEM, original, replaced, 'invoice.replaced');
  }
}

async function notifyOfficers(d: Deps, tx: Executor, inv: InvoiceRow, error: string) {
  const buyer = inv.buyer as Buyer;
  const data = {
    invoiceId: inv.id,
    paymentId: inv.sourcePaymentId ?? (inv.replacesId ? `thay thế ${inv.replacesId}` : ''),
    buyerName: buyer.name,
    amount: formatVnd(inv.totalVnd),
    attempts: inv.attempts,
    error: error.slice(0, 500),
    invoiceUrl: `${d.config.publicBaseUrl}/invoices/${inv.id}`,
  };
  for (const to of [...new Set(await d.officerEmails(tx))]) {
    try {
      await d.notifications.email(tx, { to, template: PUSH_FAILED_TEMPLATE, locale: 'vi', data, related: { type: 'invoice', id: inv.id } });
    } catch (err) {
      // Only a missing template can fail before any SQL runs: the invoice is still marked failed.
      d.log?.warn({ err: describeFailure(err), invoice: inv.id }, 'could not e-mail the invoice officers');
    }
  }
}
