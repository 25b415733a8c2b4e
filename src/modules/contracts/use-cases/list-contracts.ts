import { and, count, desc, eq, ilike, inArray, like, lte, or, sql, type SQL } from 'drizzle-orm';
import { escapeLike } from '../../../db/like.ts';
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

/**
 * How far a list counts its matches: beyond this the page says "more than 10,000" (`totalCapped`)
 * instead of counting a million rows on every page turn.
 */
export const COUNT_CAP = 10_000;

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
    // The number contains the text (trigram index), or the customer's name does, or their tax code starts with it.
    const customerIds = await d.customers.idsMatching(f.q);
    // A document number's start (HD-2026-00…) can only match at the start: a prefix, which a B-tree finds at once.
    const number = DOCUMENT_NUMBER.test(f.q)
      ? like(contracts.number, `${escapeLike(f.q.toUpperCase())}%`)
      : ilike(contracts.number, `%${escapeLike(f.q)}%`);
    where.push(customerIds.length ? or(number, sql`${contracts.customerId} = any(${sql.param(customerIds)}::text[])`)! : number);
  }
  const cond = where.length ? and(...where) : undefined;
  const db = d.database.db;
  const [rows, n] = await Promise.all([
    db
      .select()
      .from(contracts)
      .where(cond)
      .orderBy(desc(contracts.createdAt), desc(contracts.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    countUpTo(d, cond),
  ]);
  return { items: await summaries(d, rows), total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP, page: f.page, pageSize: f.pageSize };
}

/** HD-2026-…: the start of a document number. */
const DOCUMENT_NUMBER = /^[a-z]{2}-\d/i;

/**
 * The matches, counted up to COUNT_CAP + 1 (enough to tell "more than COUNT_CAP"). When PostgreSQL's
 * planner expects ten times that many, counting is skipped: the answer is "more than COUNT_CAP" at
 * once (its estimate comes from the table's statistics; scanning a unit's 100,000 contracts on
 * every page turn is what this avoids).
 */
async function countUpTo(d: Deps, cond: SQL | undefined): Promise<number> {
  const db = d.database.db;
  const matching = db.select({ one: sql`1`.as('one') }).from(contracts).where(cond);
  const [plan] = await d.database.rows<{ 'QUERY PLAN': unknown }>(sql`explain (format json) ${matching}`);
  const raw = plan?.['QUERY PLAN'];
  const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan?: { 'Plan Rows'?: number } }[] | undefined;
  const expected = parsed?.[0]?.Plan?.['Plan Rows'] ?? 0;
  if (expected > 10 * COUNT_CAP) return COUNT_CAP + 1;
  const [{ n }] = await db.select({ n: count() }).from(matching.limit(COUNT_CAP + 1).as('capped'));
  return n;
}

/** A customer sees their own; staff what their units sold or manage, and what they sold themselves. */
function scopeOf(d: Deps, ctx: Ctx): SQL | undefined {
  if (ctx.actor.customerId) return eq(contracts.customerId, ctx.actor.customerId);
  const scope = d.identity.scopePathOf(ctx.actor);
  if (withinScope(ctx.actor, scope, '/')) return undefined;
  const ids = scope ? unitIdsUnder(d, scope) : [];
  const own = ctx.actor.id ? eq(contracts.salesUserId, ctx.actor.id) : undefined;
  const units = ids.length ? [inArray(contracts.sellingUnitId, ids), inArray(contracts.managingUnitId, ids)] : [];
  return or(...units, own) ?? sql`false`;
}
