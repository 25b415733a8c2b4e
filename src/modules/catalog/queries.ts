import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { fail } from '../../platform/errors.ts';
import { onpremQuotes, products } from './db/schema.ts';
import type { CatalogDeps } from './deps.ts';
import { catalogError } from './errors.ts';

export type ProductRow = typeof products.$inferSelect;
export type OnpremQuoteRow = typeof onpremQuotes.$inferSelect;

/** A product on sale, by its code (any case). */
export async function productByCode(d: CatalogDeps, code: string): Promise<ProductRow> {
  const [p] = await d.database.db.select().from(products).where(eq(products.code, code.trim().toUpperCase()));
  if (!p || p.status !== 'active') throw catalogError('UNKNOWN_PRODUCT', { product: code });
  return p;
}

export async function onpremQuote(d: CatalogDeps, id: string, ex: Executor = d.database.db): Promise<OnpremQuoteRow> {
  const [q] = await ex.select().from(onpremQuotes).where(eq(onpremQuotes.id, id));
  if (!q) throw fail('NOT_FOUND', { quote: id }, { vi: 'không có báo giá này', en: 'no such quote' });
  return q;
}
