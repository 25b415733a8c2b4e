import { and, asc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { prepared } from '../../db/prepared.ts';
import { escapeLike } from '../../db/like.ts';
import type { Ctx } from '../../platform/context.ts';
import { fail } from '../../platform/errors.ts';
import { withinScope } from '../identity/index.ts';
import { customers } from './db/schema.ts';
import { customerNotFound } from './errors.ts';
import type { CustomerDeps } from './deps.ts';

export type CustomerRow = typeof customers.$inferSelect;

/** Staff see the customers managed inside their scope, and those they sell to; corporate roles see all. */
export function scopeFilter(d: CustomerDeps, ctx: Ctx): SQL | undefined {
  const unitIds = d.identity.unitIdsInScope(ctx.actor);
  if (unitIds === null) return undefined;
  if (unitIds.length === 0) return sql`false`;
  return or(inArray(customers.managingUnitId, unitIds), ctx.actor.id ? eq(customers.salesUserId, ctx.actor.id) : undefined);
}

/** The same rule as `scopeFilter`, for one row; a customer's own users see only their customer. */
export function canSee(d: CustomerDeps, ctx: Ctx, c: Pick<CustomerRow, 'id' | 'managingUnitId' | 'salesUserId'>): boolean {
  if (ctx.actor.customerId) return ctx.actor.customerId === c.id;
  if (ctx.actor.id && c.salesUserId === ctx.actor.id) return true;
  const unitPath = c.managingUnitId ? d.identity.orgUnit(c.managingUnitId)?.path : undefined;
  return withinScope(ctx.actor, d.identity.scopePathOf(ctx.actor), unitPath ?? '/');
}

const customerById = prepared('customers.byId', (ex) => ex.select().from(customers).where(eq(customers.id, sql.placeholder('id'))));

export async function row(d: CustomerDeps, id: string, ex: Executor = d.database.db): Promise<CustomerRow> {
  const [c] = await customerById(ex, { id });
  if (!c) throw customerNotFound(id);
  return c;
}

/**
 * The customer a request body names, if the caller may see it. Unknown and out-of-scope ids get the
 * same 404, so a body id reveals no more than a path id.
 */
export async function visibleRow(d: CustomerDeps, ctx: Ctx, id: string, ex: Executor = d.database.db): Promise<CustomerRow> {
  const [c] = await ex.select().from(customers).where(eq(customers.id, id));
  if (!c || !canSee(d, ctx, c)) throw customerNotFound(id);
  return c;
}

/** Customers in the caller's scope whose phone ends with the same nine digits (0… and +84… alike). */
export async function byPhone(d: CustomerDeps, ctx: Ctx, phone: string) {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 9) return [];
  const rows = await d.database.db
    .select()
    .from(customers)
    .where(and(scopeFilter(d, ctx), samePhone(digits)))
    .orderBy(asc(customers.name))
    .limit(20);
  return present(d, rows);
}

/** A customer's phone ends with the same nine digits as `phone` (0… and +84… alike). */
export const samePhone = (phone: string) =>
  sql`right(regexp_replace(coalesce(${customers.phone}, ''), '[^0-9]', '', 'g'), 9) = ${phone.replace(/\D/g, '').slice(-9)}`;

/** Customers as the API shows them, with their managing unit and sales person. */
export async function present(d: CustomerDeps, rows: CustomerRow[], ex: Executor = d.database.db) {
  const sales = await d.identity.userRefs(rows.map((r) => r.salesUserId).filter((x): x is string => !!x), ex);
  const byId = new Map(sales.map((s) => [s.id, { id: s.id, username: s.username, fullName: s.fullName }]));
  return rows.map((r) => {
    const unit = r.managingUnitId ? d.identity.orgUnit(r.managingUnitId) : undefined;
    return {
      id: r.id,
      code: r.code,
      type: r.type,
      name: r.name,
      taxCode: r.taxCode,
      email: r.email,
      phone: r.phone,
      address: r.address,
      managingUnit: unit ? { id: unit.id, code: unit.code, name: unit.name } : null,
      salesUser: r.salesUserId ? (byId.get(r.salesUserId) ?? null) : null,
      contacts: r.contacts,
      createdAt: r.createdAt,
    };
  });
}

export async function namesOf(d: CustomerDeps, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await d.database.db.select({ id: customers.id, name: customers.name }).from(customers).where(inArray(customers.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * Ids of the customers whose name contains `text` or whose tax code starts with it (the contract
 * search). Both are served by trigram indexes where pg_trgm exists (migration 0027).
 */
export async function idsMatching(d: CustomerDeps, text: string): Promise<string[]> {
  const like = escapeLike(text);
  const rows = await d.database.db
    .select({ id: customers.id })
    .from(customers)
    .where(or(ilike(customers.name, `%${like}%`), ilike(customers.taxCode, `${like}%`)));
  return rows.map((r) => r.id);
}

/** Id, name and type of the customers with these ids (list views), in one query. */
export async function briefsOf(d: CustomerDeps, ids: string[]): Promise<Map<string, Pick<CustomerRow, 'id' | 'name' | 'type'>>> {
  if (ids.length === 0) return new Map();
  const rows = await d.database.db
    .select({ id: customers.id, name: customers.name, type: customers.type })
    .from(customers)
    .where(sql`${customers.id} = any(${sql.param(ids)}::text[])`);
  return new Map(rows.map((r) => [r.id, r]));
}

/** The customers a staff member is the sales person of (the notification feed's "payments of my customers"). */
export async function idsManagedBy(d: CustomerDeps, userId: string): Promise<string[]> {
  const rows = await d.database.db.select({ id: customers.id }).from(customers).where(eq(customers.salesUserId, userId));
  return rows.map((r) => r.id);
}

/** The managing unit and sales person a body names must exist and lie within the caller's scope. */
export async function assertAssignable(
  d: CustomerDeps,
  ctx: Ctx,
  ids: { managingUnitId?: string; salesUserId?: string },
  ex: Executor = d.database.db,
): Promise<void> {
  const scope = d.identity.scopePathOf(ctx.actor);
  if (ids.managingUnitId) {
    const unit = d.identity.orgUnit(ids.managingUnitId);
    if (!unit) throw fail('VALIDATION_FAILED', { managingUnitId: ids.managingUnitId }, { vi: 'không có đơn vị quản lý này', en: 'unknown managing unit' });
    if (!withinScope(ctx.actor, scope, unit.path)) throw fail('FORBIDDEN', { managingUnitId: ids.managingUnitId }, { vi: 'đơn vị quản lý nằm ngoài phạm vi của bạn', en: 'the managing unit is outside your scope' });
  }
  if (ids.salesUserId) {
    const [sales] = await d.identity.userRefs([ids.salesUserId], ex);
    const path = sales?.orgUnitId ? d.identity.orgUnit(sales.orgUnitId)?.path : undefined;
    if (!sales || sales.customerId || !path || !withinScope(ctx.actor, scope, path)) throw fail('NOT_FOUND', { salesUserId: ids.salesUserId }, { vi: 'không có nhân viên kinh doanh này trong phạm vi của bạn', en: 'no such sales person in your scope' });
  }
}
