import { count } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { invoices } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { INVOICE_STATUSES, type InvoiceStatus } from '../domain/invoice-lifecycle.ts';
import { requirePermission } from '../queries.ts';

/** How many invoices are in each status (the officer's tabs and badges, e.g. the `needs_data` queue). */
export async function countInvoices(d: Deps, ctx: Ctx): Promise<Record<InvoiceStatus, number>> {
  requirePermission(ctx, 'invoice.read');
  const rows = await d.database.db.select({ status: invoices.status, n: count() }).from(invoices).groupBy(invoices.status);
  const out = Object.fromEntries(INVOICE_STATUSES.map((st) => [st, 0])) as Record<InvoiceStatus, number>;
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}
