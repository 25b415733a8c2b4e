import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { saveVersioned } from '../../db/versioned.ts';
import { toLocalDate } from '../../platform/calendar.ts';
import type { Ctx } from '../../platform/context.ts';
import { fail } from '../../platform/errors.ts';
import { mayInvoice, type InvoicePermission } from './access.ts';
import { invoices, seriesCounters } from './db/schema.ts';
import type { Deps } from './deps.ts';
import { invalidInvoiceData } from './errors.ts';
import { invoiceData } from './domain/invoice-data.ts';
import {
  buildInvoice,
  invoiceDataProblems,
  lineFromJson,
  seriesFor,
  type Buyer,
  type CanonicalInvoice,
  type InvoiceRelation,
  type LineInput,
  type LineJson,
  type Seller,
} from './domain/invoice.ts';

export type InvoiceRow = typeof invoices.$inferSelect;

/** Today's local date (Asia/Ho_Chi_Minh): NLap of a push starting now. */
export const today = (d: Deps): string => toLocalDate(d.clock.now());

export function requirePermission(ctx: Ctx, permission: InvoicePermission): void {
  if (!mayInvoice(ctx.actor, permission)) throw fail('FORBIDDEN', { permission });
}

/** An invoice the caller may read: staff any, a customer their own; anyone else learns nothing about the id. */
export async function readable(d: Deps, ctx: Ctx, id: string): Promise<InvoiceRow> {
  const [inv] = await d.database.db.select().from(invoices).where(eq(invoices.id, id));
  if (!inv) throw fail('NOT_FOUND', { invoice: id });
  if (mayInvoice(ctx.actor, 'invoice.read')) return inv;
  if (ctx.actor.customerId && inv.customerId === ctx.actor.customerId) return inv;
  throw fail('NOT_FOUND', { invoice: id });
}

/** The invoice of a payment (for other modules: payment ↔ invoice links). */
export async function invoiceOfPayment(d: Deps, paymentId: string): Promise<InvoiceRow | null> {
  const [r] = await d.database.db.select().from(invoices).where(eq(invoices.sourcePaymentId, paymentId));
  return r ?? null;
}

export async function lockOrNull(tx: Executor, id: string): Promise<InvoiceRow | null> {
  const [inv] = await tx.select().from(invoices).where(eq(invoices.id, id)).for('update');
  return inv ?? null;
}

export async function lock(tx: Executor, id: string): Promise<InvoiceRow> {
  const inv = await lockOrNull(tx, id);
  if (!inv) throw fail('NOT_FOUND', { invoice: id });
  return inv;
}

/** The counter row of a series, created at 0 and locked until the transaction ends. */
export async function lockSeries(d: Deps, tx: Executor, form: string, series: string) {
  await tx.insert(seriesCounters).values({ form, series, lastNumber: 0, updatedAt: d.clock.now() }).onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(seriesCounters)
    .where(and(eq(seriesCounters.form, form), eq(seriesCounters.series, series)))
    .for('update');
  return row;
}

/** A replacement of the invoice that is on its way or issued (at most one at a time). */
export async function openReplacement(ex: Executor, originalId: string) {
  const [open] = await ex
    .select({ id: invoices.id })
    .from(invoices)
    .where(and(eq(invoices.replacesId, originalId), inArray(invoices.status, ['needs_data', 'pending', 'issuing', 'failed', 'issued'])));
  return open ?? null;
}

/** Writes a change with optimistic versioning and its audit entry (before/after of what changed). */
export async function save(
  d: Deps,
  tx: Executor,
  ctx: Ctx,
  inv: InvoiceRow,
  patch: Partial<InvoiceRow>,
  action: string,
  extra?: Record<string, unknown>,
): Promise<InvoiceRow> {
  return saveVersioned(tx, d.audit, ctx, { table: invoices, entityType: 'invoice', row: inv, patch, now: d.clock.now(), action, view: auditView, extra });
}

/** The audit view of invoice fields: the XML is summarised by its hash. */
export function auditView(fields: Record<string, unknown>): Record<string, unknown> {
  const { xml, ...rest } = fields;
  return xml === undefined ? rest : { ...rest, xmlSha256: typeof xml === 'string' ? createHash('sha256').update(xml).digest('hex') : null };
}

/** The canonical invoice of a row; the seller is the row's snapshot (what was, or will be, printed). */
export function canonical(
  d: Deps,
  inv: InvoiceRow,
  over: { series?: string; number?: number | null; issueDate: string; mccqt?: string | null },
): CanonicalInvoice {
  return buildInvoice({
    id: inv.id,
    form: inv.form,
    series: over.series ?? inv.series,
    number: over.number ?? null,
    issueDate: over.issueDate,
    paymentMethod: inv.paymentMethod,
    seller: inv.seller as Seller,
    providerTaxCode: d.config.providerTaxCode,
    buyer: inv.buyer as Buyer,
    lines: (inv.lines as LineJson[]).map(lineFromJson),
    relation: (inv.relation as InvoiceRelation | null) ?? null,
    mccqt: over.mccqt ?? null,
  });
}

/** As issued; before issue, as it would be issued today. */
export function preview(d: Deps, inv: InvoiceRow): CanonicalInvoice {
  if (inv.number !== null && inv.issuedDate) {
    return canonical(d, inv, { issueDate: inv.issuedDate, number: inv.number, mccqt: inv.taxAuthorityCode });
  }
  const date = today(d);
  return canonical(d, inv, { issueDate: date, series: seriesFor(d.config.series, date) });
}

/**
 * The corrected buyer and/or lines with their totals (empty when nothing is corrected); throws
 * `VALIDATION_FAILED` with every reason when the invoice, corrected or not, still cannot be made.
 */
export function corrected(d: Deps, inv: InvoiceRow, c: { buyer?: Buyer; lines?: LineInput[] }): Partial<InvoiceRow> {
  const buyer = c.buyer ?? (inv.buyer as Buyer);
  const lines = c.lines ?? (inv.lines as LineJson[]).map(lineFromJson);
  const problems = invoiceDataProblems(buyer, lines);
  if (problems.length) throw invalidInvoiceData(problems);
  if (!c.buyer && !c.lines) return {};
  const patch = invoiceData(buyer, lines);
  preview(d, { ...inv, ...patch, number: null }); // the whole invoice must still hold together
  return patch;
}

/** An invoice in lists: staff also see the push state and the data problems. */
export function summary(inv: InvoiceRow, staff: boolean) {
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
