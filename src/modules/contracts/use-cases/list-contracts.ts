import { and, count, desc, eq, ilike, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { withinScope } from '../../identity/index.ts';
import { contracts } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import type { ContractStatus } from '../contract.ts';
import { LIVE_STATUSES } from '../domain/lifecycle.ts';
import { summaries, unitIdsUnder, type ContractRow } from '../queries.ts';

export interface ContractFilter {
  status?: ContractStatus;
  product?: string;
  channel?: ContractRow['channel'];
  unitId?: string;
  customerId?: string;
  expiringBefore?: string;
  q?: string;
  page: number;
  pageSize: number;
}

/** Contracts the caller may see, filtered, newest first. */
export async function listContracts(d: Deps, ctx: Ctx, f: ContractFilter) {
  const where: SQL[] = [scopeOf(d, ctx)].filter((w): w is SQL => !!w);
  if (f.status) where.push(eq(contracts.status, f.status));
  if (f.channel) where.push(eq(contracts.channel, f.channel));
  if (f.customerId) where.push(eq(contracts.customerId, f.customerId));
  if (f.expiringBefore) where.push(lte(contracts.endDate, f.expiringBefore), inArray(contracts.status, LIVE_STATUSES));
  if (f.product) {
    const p = await d.catalog.productByCode(f.product).catch(() => null);
    where.push(eq(contracts.productId, p?.id ?? '-'));
  }
  if (f.unitId) {
    const unit = d.identity.orgUnit(f.unitId);
    const ids = unit ? unitIdsUnder(d, unit.path) : ['-'];
    where.push(or(inArray(contracts.sellingUnitId, ids), inArray(contracts.managingUnitId, ids))!);
  }
  if (f.q) {
    const customerIds = await d.customers.idsByName(f.q);
    where.push(or(ilike(contracts.number, `%${f.q}%`), inArray(contracts.customerId, anyOf(customerIds)))!);
  }
  const cond = where.length ? and(...where) : undefined;
  const db = d.database.db;
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(contracts).where(cond).orderBy(desc(contracts.createdAt)).limit(f.pageSize).offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(contracts).where(cond),
  ]);
  return { items: await summaries(d, rows), total, page: f.page, pageSize: f.pageSize };
}

/** `inArray` over an empty list is an error in SQL: '-' is an id nothing has. */
const anyOf = (ids: string[]) => (ids.length ? ids : ['-']);

/** A customer sees their own; staff what their units sold or manage, and what they sold themselves. */
function scopeOf(d: Deps, ctx: Ctx): SQL | undefined {
  if (ctx.actor.customerId) return eq(contracts.customerId, ctx.actor.customerId);
  const scope = d.identity.scopePathOf(ctx.actor);
  if (withinScope(ctx.actor, scope, '/')) return undefined;
  const ids = anyOf(scope ? unitIdsUnder(d, scope) : []);
  const own = ctx.actor.id ? eq(contracts.salesUserId, ctx.actor.id) : sql`false`;
  return or(inArray(contracts.sellingUnitId, ids), inArray(contracts.managingUnitId, ids), own);
}
