import { and, count, desc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { onpremQuotes, products } from '../db/schema.ts';
import type { CatalogDeps } from '../deps.ts';
import type { OnpremQuoteRow } from '../queries.ts';

export interface OnpremQuoteFilter {
  status?: OnpremQuoteRow['status'];
  customerId?: string;
  page: number;
  pageSize: number;
}

/** The quotes of the caller's units, newest first, with customer and product names. */
export async function listOnpremQuotes(d: CatalogDeps, ctx: Ctx, f: OnpremQuoteFilter) {
  const units = d.unitIdsInScope(ctx);
  const where = [
    units ? inArray(onpremQuotes.unitId, units.length ? units : ['-']) : undefined,
    f.status ? eq(onpremQuotes.status, f.status) : undefined,
    f.customerId ? eq(onpremQuotes.customerId, f.customerId) : undefined,
  ].filter((x) => x !== undefined);
  const cond = where.length ? and(...where) : undefined;
  const db = d.database.db;
  const [rows, [{ total }], prods] = await Promise.all([
    db.select().from(onpremQuotes).where(cond).orderBy(desc(onpremQuotes.createdAt)).limit(f.pageSize).offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(onpremQuotes).where(cond),
    db.select().from(products),
  ]);
  const names = await d.customers.namesOf([...new Set(rows.map((r) => r.customerId))]);
  const productById = new Map(prods.map((p) => [p.id, p]));
  const items = rows.map((r) => {
    const p = productById.get(r.productId);
    return { ...r, customer: { id: r.customerId, name: names.get(r.customerId) ?? r.customerId }, product: p ? { code: p.code, name: p.name } : null };
  });
  return { items, total, page: f.page, pageSize: f.pageSize };
}
