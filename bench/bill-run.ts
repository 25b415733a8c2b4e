/**
 * A bill run over many postpaid contracts and a month of events, next to a raw SQL aggregate of the
 * same events. Goal (issue 11): 100,000 contracts and 10 M events billed in < 60 s and ≤ 3× the
 * aggregate. BENCH_CONTRACTS and BENCH_EVENTS scale it down for a quick run.
 */
import { sql } from 'drizzle-orm';
import { systemCtx } from '../src/platform/context.ts';
import { fmt, seedContracts, startBench, timed, verdict } from './harness.ts';

const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 100_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000_000);
const PERIOD = '2026-03';

const bench = await startBench('2026-04-01T02:00:00Z', { http: false }); // 01/04 09:00 in Hà Nội
const s = bench.system;
try {
  const [, seedSeconds] = await timed(async () => {
    await seedContracts(s, CONTRACTS, '2026-02-01');
    // A month of eKYC requests, spread over the contracts, as ingestion stores them (events and their monthly totals).
    await s.database.rows(sql`
      insert into usage.events (contract_id, transaction_id, metric, occurred_at, period, quantity, received_at)
      select 'ctr_bench_' || lpad((1 + g % ${CONTRACTS})::text, 7, '0'), 't' || g, 'ekyc.request',
             timestamptz '2026-02-28 17:00:00Z' + (g % 2678400) * interval '1 second', ${PERIOD}, 1, now()
        from generate_series(1, ${EVENTS}) g`);
    await s.database.rows(sql`
      insert into usage.monthly (contract_id, period, metric, events, quantity_sum, quantity_max)
      select contract_id, period, metric, count(*), sum(quantity), max(quantity) from usage.events group by 1, 2, 3`);
    await s.database.rows(sql`vacuum analyze`);
  });

  const [groups, aggregateSeconds] = await timed(() =>
    s.database.rows<{ contract_id: string; n: string }>(
      sql`select contract_id, count(*) as n, sum(quantity) as q from usage.events where period = ${PERIOD} group by contract_id`,
    ),
  );
  const run = await s.billing.createRun(systemCtx('bench'), PERIOD);
  const [done, runSeconds] = await timed(() => s.billing.executeRun(run.id));
  const [billed] = await s.database.rows<{ n: string; total: string }>(
    sql`select count(*) as n, sum(total_vnd) as total from billing.bills where period = ${PERIOD}`,
  );
  const [again, rerunSeconds] = await timed(async () => s.billing.executeRun((await s.billing.createRun(systemCtx('bench'), PERIOD)).id));
  if (Number(billed.n) !== CONTRACTS || done.billsCreated !== CONTRACTS || again.billsCreated !== 0 || groups.length !== Math.min(CONTRACTS, EVENTS)) {
    throw new Error(`counted wrong: ${JSON.stringify({ billed, done, again: again.billsCreated, groups: groups.length })}`);
  }
  const ratio = runSeconds / aggregateSeconds;
  console.log(`bill run: ${fmt(CONTRACTS)} postpaid contracts, ${fmt(EVENTS)} events (seeded in ${seedSeconds.toFixed(1)} s)`);
  console.log(`  raw SQL aggregate of the month's events  ${aggregateSeconds.toFixed(2)} s`);
  const rate = `${fmt(CONTRACTS / runSeconds)} contracts/s`;
  console.log(`  bill run (rate, number, bills, lines, e-mail jobs)  ${runSeconds.toFixed(2)} s, ${rate}   goal < 60 s: ${verdict(runSeconds < 60)}`);
  console.log(`  ratio run / aggregate  ${ratio.toFixed(2)}   goal ≤ 3: ${verdict(ratio <= 3)}`);
  console.log(`  rerun (changes nothing)  ${rerunSeconds.toFixed(2)} s; billed ${fmt(Number(billed.n))} bills, ${fmt(Number(billed.total))} ₫`);
} finally {
  await bench.stop();
}
