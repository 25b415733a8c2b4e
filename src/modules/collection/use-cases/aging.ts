import { inArray } from 'drizzle-orm';
import { toLocalDate } from '../../../platform/calendar.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Aging, AgingBucket } from '../contract.ts';
import { contractStates } from '../db/schema.ts';
import type { CollectionDeps } from '../deps.ts';
import { agingBucket, AGING_BUCKETS } from '../domain/policy.ts';
import { daysBetween, seesAllDebt } from '../queries.ts';

/** What is owed past its due date today, by age (0–30, 31–60, 61–90, over 90 days), in total and per contract. */
export async function agingReport(d: CollectionDeps, ctx: Ctx): Promise<Aging> {
  const today = toLocalDate(d.clock.now());
  const open = await d.billing.billsByStatus({ statuses: ['issued', 'partly_paid', 'overdue'], dueOnOrBefore: today });
  const visible = [];
  const seen = new Map<string, boolean>();
  for (const b of open) {
    if (!seen.has(b.contractId)) seen.set(b.contractId, seesAllDebt(ctx) || d.contracts.canSee(ctx, await d.contracts.row(b.contractId)));
    if (seen.get(b.contractId) && b.totalVnd > b.paidVnd) visible.push(b);
  }
  const zero = () => Object.fromEntries(AGING_BUCKETS.map((k) => [k, 0n])) as Record<AgingBucket, bigint>;
  const totals = zero();
  const counts = Object.fromEntries(AGING_BUCKETS.map((k) => [k, 0])) as Record<AgingBucket, number>;
  const perContract = new Map<string, Record<AgingBucket, bigint>>();
  for (const b of visible) {
    const bucket = agingBucket(daysBetween(b.dueDate!, today));
    const owed = b.totalVnd - b.paidVnd;
    totals[bucket] += owed;
    counts[bucket]++;
    if (!perContract.has(b.contractId)) perContract.set(b.contractId, zero());
    perContract.get(b.contractId)![bucket] += owed;
  }
  const ids = [...perContract.keys()];
  const [numbers, states] = await Promise.all([
    d.contracts.numbersOf(ids),
    ids.length ? d.database.db.select().from(contractStates).where(inArray(contractStates.contractId, ids)) : [],
  ]);
  const contracts = [];
  for (const [contractId, byBucket] of perContract) {
    const c = await d.contracts.row(contractId);
    const customer = await d.customers.row(c.customerId);
    contracts.push({
      contractId,
      contractNumber: numbers.get(contractId) ?? contractId,
      customerName: customer.name,
      stage: states.find((s) => s.contractId === contractId)?.stage ?? 'current',
      totalVnd: Object.values(byBucket).reduce((s, v) => s + v, 0n).toString(),
      byBucket: Object.fromEntries(AGING_BUCKETS.map((k) => [k, byBucket[k].toString()])) as Record<AgingBucket, string>,
    });
  }
  contracts.sort(
    (a, b) => (BigInt(b.totalVnd) > BigInt(a.totalVnd) ? 1 : BigInt(b.totalVnd) < BigInt(a.totalVnd) ? -1 : a.contractNumber.localeCompare(b.contractNumber))
  );
  return { asOf: today, buckets: AGING_BUCKETS.map((bucket) => ({ bucket, bills: counts[bucket], amountVnd: totals[bucket].toString() })), contracts };
}
