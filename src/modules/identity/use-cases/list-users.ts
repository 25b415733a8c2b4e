import { asc, count, ilike, or, type SQL } from 'drizzle-orm';
import { users } from '../db/schema.ts';
import type { IdentityDeps } from '../deps.ts';
import { present } from '../queries.ts';

/** Users by username, searched in username, name and e-mail. */
export interface UserQuery {
  q?: string;
  page: number;
  pageSize: number;
}

export async function listUsers(d: IdentityDeps, q: UserQuery) {
  const db = d.database.db;
  const cond: SQL | undefined = q.q
    ? or(ilike(users.username, `%${q.q}%`), ilike(users.fullName, `%${q.q}%`), ilike(users.email, `%${q.q}%`))
    : undefined;
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(users).where(cond).orderBy(asc(users.username)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ total: count() }).from(users).where(cond),
  ]);
  return { items: await present(d, rows), total, page: q.page, pageSize: q.pageSize };
}
