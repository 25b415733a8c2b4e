import { and, count, desc, eq, ilike, inArray, isNull, like, lte, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { escapeLike } from '../../../db/like.ts';
import type { Ctx } from '../../../platform/context.ts';
import { withinScope } from '../../identity/index.ts';
import { contracts } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import type { ContractStatus } from '../contract.ts';
import { LIVE_STATUSES } from '../domain/lifecycle.ts';
import { listedColumns, summaries, unitIdsUnder, type ContractRow, type ListedContract } from '../queries.ts';

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

/**
 * Contracts the caller may see, filtered, newest first. Without a search text the list walks an index in
 * its order (newest first, or a status's or unit's slice of it) and counts only when the count is small;
 * with one, the matches are found first (see `searchPage`).
 */
export async function listContracts(d: Deps, ctx: Ctx, f: ContractFilter) {
  const scope = scopeOf(d, ctx);
  const where: SQL[] = [];
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
  const filters = [...where];
  if (scope) where.unshift(scope.cond);
  const { rows, n } = f.q ? await searchPage(d, f, f.q, where) : await listPage(d, f, where, scope?.ways.map((w) => and(w, ...filters)!));
  return { items: await summaries(d, rows), total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP, page: f.page, pageSize: f.pageSize };
}

/**
 * A page of the list in index order, and its count (bounded, or skipped when the planner expects many).
 * `parts`: the same matches as disjoint parts (a staff scope's ways, see `scopeOf`), counted one after another.
 * A staff scope's page is found by id first (one statement): the walk newest first tests the scope on the
 * index's entries (it holds the scope's columns, 0030) instead of reading every contract it passes over from
 * the table; then the page's contracts are read by id.
 */
async function listPage(d: Deps, f: ContractFilter, where: SQL[], parts?: SQL[]): Promise<{ rows: ListedContract[]; n: number }> {
  const cond = where.length ? and(...where) : undefined;
  const db = d.database.db;
  const newestFirst = [desc(contracts.createdAt), desc(contracts.id)];
  const offset = (f.page - 1) * f.pageSize;
  const staff = !!parts && parts.length > 1;
  const [rows, n] = await Promise.all([
    staff
      ? db
          .select(listedColumns)
          .from(contracts)
          .where(inArray(contracts.id, db.select({ id: contracts.id }).from(contracts).where(cond).orderBy(...newestFirst).limit(f.pageSize).offset(offset)))
          .orderBy(...newestFirst)
      : db.select(listedColumns).from(contracts).where(cond).orderBy(...newestFirst).limit(f.pageSize).offset(offset),
    countUpTo(d, cond, parts),
  ]);
  return { rows, n };
}

/** The listed columns of these contracts, in this order. */
async function byIds(d: Deps, ids: string[]): Promise<ListedContract[]> {
  if (ids.length === 0) return [];
  const rows = new Map((await d.database.db.select(listedColumns).from(contracts).where(inArray(contracts.id, ids))).map((r) => [r.id, r]));
  return ids.flatMap((id) => rows.get(id) ?? []);
}

/**
 * A search: the number contains the text (trigram index) or starts with it (a document number, B-tree), or
 * the customer's name contains it or their tax code starts with it. The matches within the other filters are
 * found first (each way by its own index; by customer from the index alone), then sorted: walking the whole
 * list newest first and testing each contract against the search is what this avoids (it read the million
 * contracts when none of an AM's matched). One statement answers the page's ids and the bounded count; a
 * second reads those contracts by id. A broad search (a common word of names: tens of thousands of matches)
 * first looks among the newest contracts only (see `broadSearchPage`).
 */
async function searchPage(d: Deps, f: ContractFilter, q: string, where: SQL[]): Promise<{ rows: ListedContract[]; n: number }> {
  const customerIds = await d.customers.idsMatching(q);
  // A document number's start (HD-2026-00…) can only match at the start: a prefix, which a B-tree finds at once.
  const number = DOCUMENT_NUMBER.test(q) ? like(contracts.number, `${escapeLike(q.toUpperCase())}%`) : ilike(contracts.number, `%${escapeLike(q)}%`);
  const byCustomer = sql`${contracts.customerId} = any(${sql.param(customerIds)}::text[])`;
  if (customerIds.length >= BROAD_SEARCH) {
    const page = await broadSearchPage(d, f, number, byCustomer, where);
    if (page) return page;
  }
  const matching = (match: SQL) => sql`select ${contracts.id} as id, ${contracts.createdAt} as created_at from ${contracts} where ${and(match, ...where)}`;
  const matches = customerIds.length ? sql`${matching(number)} union ${matching(byCustomer)}` : matching(number);
  const found = await d.database.rows<{ id: string | null; n: number | string }>(sql`
    with m as materialized (${matches}),
         p as (select id, created_at from m order by created_at desc, id desc limit ${f.pageSize} offset ${(f.page - 1) * f.pageSize})
    select p.id, c.n from (select count(*)::int as n from (select 1 from m limit ${COUNT_CAP + 1}) capped) c left join p on true
     order by p.created_at desc, p.id desc`);
  const ids = found.flatMap((r) => (r.id ? [r.id] : []));
  return { rows: await byIds(d, ids), n: Number(found[0]?.n ?? 0) };
}

/** A search matching this many customers or more is broad: their contracts are likely among the newest. */
export const BROAD_SEARCH = 200;
/** How many of the newest contracts a broad search looks among before it finds all its matches. */
const RECENT = 20_000;

/**
 * A broad search's page: first its count (up to COUNT_CAP + 1, by customer from the index alone, plus the
 * number matches of other customers); none on this page, an empty page at once. Otherwise the page from among
 * the RECENT newest contracts (the list's index, newest first, read no further than they go). When those do
 * not fill the page (the caller's scope or the other filters leave few matches among the newest), null: the
 * caller finds every match instead.
 */
async function broadSearchPage(d: Deps, f: ContractFilter, number: SQL, byCustomer: SQL, where: SQL[]) {
  const db = d.database.db;
  const want = f.page * f.pageSize;
  const upTo = (cond: SQL | undefined) => db.select({ n: count() }).from(db.select({ one: sql`1`.as('one') }).from(contracts).where(cond).limit(COUNT_CAP + 1).as('capped'));
  const [[a], [b]] = await Promise.all([upTo(and(byCustomer, ...where)), upTo(and(number, sql`not (${byCustomer})`, ...where))]);
  const n = a.n + b.n;
  if (n <= want - f.pageSize) return { rows: [], n };
  const newest = sql`coalesce((select ${contracts.createdAt} from ${contracts} order by ${contracts.createdAt} desc, ${contracts.id} desc offset ${RECENT - 1} limit 1), '-infinity'::timestamptz)`;
  const rows = await db
    .select(listedColumns)
    .from(contracts)
    .where(and(or(number, byCustomer), ...where, sql`${contracts.createdAt} >= ${newest}`))
    .orderBy(desc(contracts.createdAt), desc(contracts.id))
    .limit(want);
  return rows.length === want || (n <= COUNT_CAP && rows.length === Math.min(want, n)) ? { rows: rows.slice(want - f.pageSize), n } : null;
}

/** HD-2026-…: the start of a document number. */
const DOCUMENT_NUMBER = /^[a-z]{2}-\d/i;

/**
 * The matches, counted up to COUNT_CAP + 1 (enough to tell "more than COUNT_CAP"). When PostgreSQL's
 * planner expects ten times that many, counting is skipped: the answer is "more than COUNT_CAP" at
 * once (its estimate comes from the table's statistics; scanning a unit's 100,000 contracts on
 * every page turn is what this avoids). When `parts` split the matches into disjoint sets (a staff
 * scope's ways), they are counted one after another, each from its own index alone, as one `union all`
 * under the limit: a unit's contracts of a status are not read from the table (an `or` of the three
 * ways is a bitmap of the table's rows).
 */
async function countUpTo(d: Deps, cond: SQL | undefined, parts?: SQL[]): Promise<number> {
  const db = d.database.db;
  const matching = db.select({ one: sql`1`.as('one') }).from(contracts).where(cond);
  const [plan] = await d.database.rows<{ 'QUERY PLAN': unknown }>(sql`explain (format json) ${matching}`);
  const raw = plan?.['QUERY PLAN'];
  const parsed = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan?: { 'Plan Rows'?: number } }[] | undefined;
  const expected = parsed?.[0]?.Plan?.['Plan Rows'] ?? 0;
  if (expected > 10 * COUNT_CAP) return COUNT_CAP + 1;
  if (parts && parts.length > 1) {
    const each = parts.map((p) => sql`select 1 from ${contracts} where ${p}`);
    const [{ n }] = await d.database.rows<{ n: number | string }>(
      sql`select count(*)::int as n from (${sql.join(each, sql` union all `)} limit ${COUNT_CAP + 1}) capped`,
    );
    return Number(n);
  }
  const [{ n }] = await db.select({ n: count() }).from(matching.limit(COUNT_CAP + 1).as('capped'));
  return n;
}

/**
 * A customer sees their own; staff what their units sold or manage, and what they sold themselves. `cond`
 * is the scope; `ways` the same contracts as disjoint sets, one for each way (sold by the units; managed by
 * them and sold by another; sold by the caller and neither sold nor managed by the units), for counting.
 */
function scopeOf(d: Deps, ctx: Ctx): { cond: SQL; ways: SQL[] } | undefined {
  if (ctx.actor.customerId) {
    const own = eq(contracts.customerId, ctx.actor.customerId);
    return { cond: own, ways: [own] };
  }
  const scope = d.identity.scopePathOf(ctx.actor);
  if (withinScope(ctx.actor, scope, '/')) return undefined;
  const ids = scope ? unitIdsUnder(d, scope) : [];
  const own = ctx.actor.id ? eq(contracts.salesUserId, ctx.actor.id) : undefined;
  const units = ids.length ? [inArray(contracts.sellingUnitId, ids), inArray(contracts.managingUnitId, ids)] : [];
  const cond = or(...units, own) ?? sql`false`;
  // "not one of the units", a null unit included (`not in` alone is null there, and would drop the contract)
  const outside = (unit: typeof contracts.sellingUnitId | typeof contracts.managingUnitId) => or(isNull(unit), notInArray(unit, ids))!;
  const ways = ids.length
    ? [units[0], and(units[1], outside(contracts.sellingUnitId))!, ...(own ? [and(own, outside(contracts.sellingUnitId), outside(contracts.managingUnitId))!] : [])]
    : own
      ? [own]
      : [sql`false`];
  return { cond, ways };
}
