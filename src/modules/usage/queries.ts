import { and, eq, sql } from 'drizzle-orm';
import { bulkInsert } from '../../db/bulk.ts';
import type { Executor } from '../../db/client.ts';
import type { UsageOfPeriod } from './contract.ts';
import { monthly } from './db/schema.ts';
import type { Deps } from './deps.ts';
import { aggregate, METRICS } from './domain/metrics.ts';

/** Quantity per metric per contract for a period, by each metric's aggregation (contracts without usage are absent). */
export async function quantitiesOf(d: Deps, contractIds: string[], period: string, ex: Executor = d.database.db): Promise<Map<string, Map<string, bigint>>> {
  const out = new Map<string, Map<string, bigint>>();
  if (contractIds.length === 0) return out;
  const rows = await ex.select().from(monthly).where(and(sql`${monthly.contractId} = any(${sql.param(contractIds)}::text[])`, eq(monthly.period, period)));
  const uniques = await uniqueCounts(d, contractIds, period, ex);
  for (const r of rows) {
    const metric = METRICS[r.metric];
    if (!metric) continue;
    const q = aggregate(metric.aggregation, r, uniques.get(`${r.contractId}|${r.metric}`) ?? 0n);
    if (!out.has(r.contractId)) out.set(r.contractId, new Map());
    out.get(r.contractId)?.set(r.metric, q);
  }
  return out;
}

/** Distinct values of the counted property, for the (rare) unique-count metrics only. */
async function uniqueCounts(d: Deps, contractIds: string[], period: string, ex: Executor): Promise<Map<string, bigint>> {
  const out = new Map<string, bigint>();
  for (const [name, m] of Object.entries(METRICS)) {
    if (m.aggregation.kind !== 'unique_count') continue;
    const rows = await d.database.rows<{ contract_id: string; n: string }>(
      sql`select contract_id, count(distinct properties ->> ${m.aggregation.property}) as n from usage.events
           where contract_id in (${sql.join(contractIds.map((c) => sql`${c}`), sql`, `)}) and period = ${period} and metric = ${name}
           group by contract_id`,
      ex,
    );
    for (const r of rows) out.set(`${r.contract_id}|${name}`, BigInt(r.n));
  }
  return out;
}

/**
 * Closes `period` for the contracts (no event of it or before is accepted afterwards), inside the
 * bill run's transaction: the update waits for batches still inserting (they hold the row FOR SHARE),
 * so the totals read after it in the same transaction are final.
 */
export async function closePeriod(d: Deps, tx: Executor, contractIds: string[], period: string): Promise<void> {
  if (contractIds.length === 0) return;
  const now = d.clock.now();
  const each = <T,>(v: T) => contractIds.map(() => v);
  await bulkInsert(
    tx,
    'usage.closed_periods',
    { contract_id: ['text', contractIds], closed_through: ['text', each(period)], updated_at: ['timestamptz', each(now)] },
    sql`on conflict (contract_id) do update
          set closed_through = greatest(usage.closed_periods.closed_through, excluded.closed_through), updated_at = excluded.updated_at`,
  );
}

/** A contract's usage in a period: totals per metric and quantities per local day for the chart. */
export async function usageOfPeriod(d: Deps, contractId: string, period: string): Promise<UsageOfPeriod> {
  const totals = (await quantitiesOf(d, [contractId], period)).get(contractId) ?? new Map<string, bigint>();
  const daily = await d.database.rows<{ date: string; metric: string; events: string; qsum: string }>(sql`
    select to_char(occurred_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') as date, metric, count(*) as events, sum(quantity) as qsum
      from usage.events where contract_id = ${contractId} and period = ${period}
     group by 1, 2 order by 1, 2`);
  return {
    period,
    metrics: Object.fromEntries([...totals].map(([m, q]) => [m, { quantity: Number(q) }])),
    daily: daily.map((r) => ({ date: r.date, metric: r.metric, quantity: Number(METRICS[r.metric]?.aggregation.kind === 'sum' ? r.qsum : r.events) })),
  };
}
