import { sql } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { priceModelFromJson } from '../../catalog/index.ts';
import { periodDates, periodOf } from '../../usage/index.ts';
import type { Dashboard } from '../contract.ts';
import type { Deps } from '../deps.ts';
import { tiersReached } from '../domain/tiers.ts';
import { dayStart, visibleContract } from '../queries.ts';
import { EKYC_METRIC } from './metered.ts';

/**
 * A month of one contract's eKYC: requests by outcome, the commonest reasons, pass/fail per day, the
 * metered volume against the contract's price tiers and the projected bill (the billing module's, the
 * same figure as GET /contracts/{id}/usage).
 */
export async function ekycDashboard(d: Deps, ctx: Ctx, contractId: string, period?: string): Promise<Dashboard> {
  const c = await visibleContract(d, ctx, contractId);
  const p = period ?? periodOf(d.clock.now());
  const { first, last } = periodDates(p);
  const from = dayStart(first);
  const to = new Date(dayStart(last).getTime() + 86_400_000);
  const byOutcome = await d.database.rows<{ outcome: string; n: number }>(sql`
    select outcome, count(*)::int as n from ekyc.requests
     where contract_id = ${contractId} and created_at >= ${from.toISOString()} and created_at < ${to.toISOString()} group by 1`);
  const reasons = await d.database.rows<{ code: string; n: number }>(sql`
    select r as code, count(*)::int as n from ekyc.requests, jsonb_array_elements_text(reasons) r
     where contract_id = ${contractId} and created_at >= ${from.toISOString()} and created_at < ${to.toISOString()}
     group by 1 order by 2 desc, 1 limit 10`);
  const daily = await d.database.rows<{ date: string; pass: number; fail: number }>(sql`
    select to_char(created_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') as date,
           count(*) filter (where outcome in ('pass', 'approved'))::int as pass,
           count(*) filter (where outcome not in ('pass', 'approved'))::int as fail
      from ekyc.requests where contract_id = ${contractId} and created_at >= ${from.toISOString()} and created_at < ${to.toISOString()}
     group by 1 order by 1`);
  const usage = await d.billing.contractUsage(ctx, contractId, p);
  const volume = usage.metrics[EKYC_METRIC]?.quantity ?? 0;
  const model = priceModelFromJson(c.priceModel);
  return {
    contractId,
    contractNumber: c.number,
    period: p,
    requests: byOutcome.reduce((n, r) => n + Number(r.n), 0),
    byOutcome: Object.fromEntries(byOutcome.map((r) => [r.outcome, Number(r.n)])),
    reasons: reasons.map((r) => ({ code: r.code, count: Number(r.n) })),
    daily: daily.map((r) => ({ date: r.date, pass: Number(r.pass), fail: Number(r.fail) })),
    volume,
    tiers: model.kind === 'volume' || model.kind === 'graduated' ? tiersReached(model.tiers, volume) : [],
    projected: usage.projected,
    retentionDays: d.settings.retentionDays,
  };
}
