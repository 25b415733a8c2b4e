import { desc, eq } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { mayInvoice } from '../access.ts';
import { invoices } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { officerActions } from '../domain/invoice-lifecycle.ts';
import type { Buyer, InvoiceRelation, LineJson, Seller } from '../domain/invoice.ts';
import { preview, readable, summary } from '../queries.ts';

/** One invoice with its lines, totals per rate, total in words, replacements and the officer's actions. */
export async function getInvoice(d: Deps, ctx: Ctx, id: string) {
  const inv = await readable(d, ctx, id);
  const staff = mayInvoice(ctx.actor, 'invoice.read');
  // Data that cannot make an invoice has no preview yet: its stored totals are shown.
  const canonical = inv.status === 'needs_data' ? null : preview(d, inv);
  const replacements = await d.database.db
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
    actions: mayInvoice(ctx.actor, 'invoice.manage') ? officerActions(inv.status) : [],
  };
}
