import { and, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { mayInvoice } from '../access.ts';
import { invoices } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import type { InvoiceStatus } from '../domain/invoice-lifecycle.ts';
import { summary } from '../queries.ts';

export interface InvoiceFilter {
  status?: InvoiceStatus;
  q?: string;
  customerId?: string;
  contractId?: string;
  page: number;
  pageSize: number;
}

/** Invoices newest first: staff see all, a customer only their own; `q` searches buyer, tax code, number, payment and id. */
export async function listInvoices(d: Deps, ctx: Ctx, f: InvoiceFilter) {
  const staff = mayInvoice(ctx.actor, 'invoice.read');
  const where: SQL[] = [];
  if (!staff) {
    if (!ctx.actor.customerId) throw fail('FORBIDDEN', { permission: 'invoice.read' });
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
  const db = d.database.db;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(invoices)
      .where(cond)
      .orderBy(desc(invoices.createdAt), desc(invoices.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(invoices).where(cond),
  ]);
  return { items: rows.map((r) => summary(r, staff)), total, page: f.page, pageSize: f.pageSize };
}
