import { and, asc, count, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import type { CustomerQuery } from '../contract.ts';
import { customers } from '../db/schema.ts';
import type { CustomerDeps } from '../deps.ts';
import { present, scopeFilter } from '../queries.ts';

/** The customers the caller may see, by name, searched in name, code, tax code, e-mail and phone. */
export async function listCustomers(d: CustomerDeps, ctx: Ctx, q: CustomerQuery) {
  const like = `%${q.q}%`;
  const where = [
    scopeFilter(d, ctx),
    q.type ? eq(customers.type, q.type) : undefined,
    q.q ? or(ilike(customers.name, like), ilike(customers.code, like), ilike(customers.taxCode, like), ilike(customers.email, like), ilike(customers.phone, like)) : undefined,
  ].filter((x): x is SQL => x !== undefined);
  const cond = where.length ? and(...where) : undefined;
  const db = d.database.db;
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(customers).where(cond).orderBy(asc(customers.name)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ total: count() }).from(customers).where(cond),
  ]);
  return { items: await present(d, rows), total, page: q.page, pageSize: q.pageSize };
}
