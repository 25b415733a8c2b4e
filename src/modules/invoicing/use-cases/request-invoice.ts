import { eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { invoices } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { invoiceData, newInvoiceId } from '../domain/invoice-data.ts';
import { seriesFor, type Buyer, type LineInput } from '../domain/invoice.ts';
import { auditView, today, type InvoiceRow } from '../queries.ts';
import { schedulePush } from './push-invoice.ts';

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

/**
 * Records the invoice of a payment and schedules its push, in the caller's transaction. Idempotent
 * by payment id. Never loses a request: buyer or line data that cannot make a valid invoice is
 * recorded as `needs_data` with the reasons, for the invoice officer to fix and re-send.
 */
export async function requestInvoice(d: Deps, tx: Executor, ctx: Ctx, input: RequestInvoiceInput): Promise<InvoiceRow> {
  const [existing] = await tx.select().from(invoices).where(eq(invoices.sourcePaymentId, input.paymentId));
  if (existing) return existing;
  const data = invoiceData(input.buyer, input.lines);
  const now = d.clock.now();
  const row: typeof invoices.$inferInsert = {
    id: newInvoiceId(now),
    sourcePaymentId: input.paymentId,
    paidAt: input.paidAt,
    customerId: input.customerId ?? null,
    contractId: input.contractId ?? null,
    ...data,
    seller: d.config.seller,
    paymentMethod: input.paymentMethod ?? d.config.paymentMethod,
    form: d.config.form,
    series: seriesFor(d.config.series, today(d)),
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
  await d.audit.record(tx, ctx, { action: 'invoice.requested', entityType: 'invoice', entityId: inserted.id, after: auditView(inserted) });
  if (inserted.status !== 'needs_data') await schedulePush(d, tx, inserted, input.runAt);
  else d.log?.warn({ invoice: inserted.id, payment: input.paymentId, problems: data.dataProblems }, 'invoice request needs data');
  return inserted;
}
