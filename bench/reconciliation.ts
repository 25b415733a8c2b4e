/**
 * The daily reconciliation with VNPay over a million transactions (issue 10): a day of paid VNPay
 * payments (payments and attempts, seeded by SQL) and VNPay's list of the same day (the simulator
 * mounted on the server, filled with the same transactions and a few differences), reconciled by the
 * real use case (the list fetched over HTTP, compared, every match's e-invoice job scheduled, the
 * day's record and audit entry written). Baseline: a raw SQL aggregate of the day's attempts.
 * Goal: < 10 s. BENCH_TRANSACTIONS (default 1,000,000) scales it.
 */
import { sql } from 'drizzle-orm';
import { SIMULATOR_VNPAY } from '../src/config.ts';
import { formatVnpDate, signDailyListRequest } from '../src/protocols/vnpay/protocol.ts';
import { fmt, startBench, timed, verdict } from './harness.ts';

const N = Number(process.env.BENCH_TRANSACTIONS ?? 1_000_000);
const DATE = '2026-03-01';
/** Every 50,000th transaction is a difference of each kind (20 of each in a million). */
const EVERY = Math.min(50_000, Math.max(10, Math.floor(N / 20)));
const DAY_START = Date.parse(`${DATE}T00:00:00+07:00`);
const STEP_MS = Math.floor((22 * 3600 * 1000) / N); // spread over the day's first 22 hours
const pad = (n: number) => String(n).padStart(8, '0');
const count = (r: number) => Array.from({ length: N }, (_, i) => i + 1).filter((g) => g % EVERY === r).length;
/** Paid here and absent at VNPay (g % EVERY = 1), another amount at VNPay (= 2), references only VNPay has. */
const expected = { missingAtVnpay: count(1), amountMismatch: count(2), unknownHere: Math.floor(N / EVERY) };

const bench = await startBench('2026-03-02T02:00:00Z', { http: true }); // 02/03 09:00 in Hà Nội
const s = bench.system;
try {
  const [, seedSeconds] = await timed(async () => {
    // Ours: a paid payment and its successful attempt per transaction. g % EVERY = 1: paid here, absent at VNPay.
    await s.database.rows(sql`
      insert into payments.payments (id, contract_id, customer_id, amount_vnd, description, status, method, paid_txn_ref, paid_at, link_expires_at, created_at, updated_at)
      select 'pay_bench_' || lpad(g::text, 8, '0'), 'ctr_bench_' || lpad(g::text, 8, '0'), 'cus_bench', 100000 + (g % 100) * 1000, 'Thanh toan HD',
             'paid', 'vnpay', 'B' || lpad(g::text, 8, '0'), t + interval '30 seconds', t + interval '7 days', t, t
        from generate_series(1, ${N}::int) g
        cross join lateral (select ${new Date(DAY_START).toISOString()}::timestamptz + (g * ${STEP_MS}) * interval '1 millisecond' as t) c`);
    await s.database.rows(sql`
      insert into payments.attempts (txn_ref, payment_id, amount_vnd, created_at, ip_addr, status, response_code, transaction_status, transaction_no, bank_code, pay_date, settled_by, settled_at)
      select 'B' || lpad(g::text, 8, '0'), 'pay_bench_' || lpad(g::text, 8, '0'), 100000 + (g % 100) * 1000, t, '127.0.0.1', 'success', '00', '00',
             (20000000 + g)::text, 'NCB', t + interval '30 seconds', 'ipn', t + interval '30 seconds'
        from generate_series(1, ${N}::int) g
        cross join lateral (select ${new Date(DAY_START).toISOString()}::timestamptz + (g * ${STEP_MS}) * interval '1 millisecond' as t) c`);
    await s.database.rows(sql`vacuum analyze payments.payments`);
    await s.database.rows(sql`vacuum analyze payments.attempts`);
    // VNPay's side: the same transactions, paid; g % EVERY = 2 with another amount; and references we never made.
    const rows: { txnRef: string; amountVnd: bigint; createDate: string; payDate: string }[] = [];
    for (let g = 1; g <= N; g++) {
      if (g % EVERY === 1) continue;
      const t = DAY_START + g * STEP_MS;
      const amount = BigInt(100000 + (g % 100) * 1000) + (g % EVERY === 2 ? 1000n : 0n);
      rows.push({ txnRef: `B${pad(g)}`, amountVnd: amount, createDate: formatVnpDate(new Date(t)), payDate: formatVnpDate(new Date(t + 30_000)) });
    }
    for (let k = 1; k <= expected.unknownHere; k++) {
      const t = DAY_START + k * 60_000;
      rows.push({ txnRef: `X${pad(k)}`, amountVnd: 150000n, createDate: formatVnpDate(new Date(t)), payDate: formatVnpDate(new Date(t + 30_000)) });
    }
    s.simulators.vnpay!.addPaid(rows);
  });

  const [[base], aggregateSeconds] = await timed(() =>
    s.database.rows<{ n: string; vnd: string }>(sql`
      select count(*) as n, sum(amount_vnd) as vnd from payments.attempts
       where created_at >= ${new Date(DAY_START).toISOString()}::timestamptz and created_at < ${new Date(DAY_START + 86_400_000).toISOString()}::timestamptz
         and status = 'success'`),
  );
  // VNPay's part, for reference: the simulator writes the day's list file (CSV) and sends it; we download it and count its lines.
  const listUrl = new URL(`http://127.0.0.1:${bench.port}/sim/vnpay/transactions`);
  listUrl.searchParams.set('date', DATE);
  listUrl.searchParams.set('vnp_TmnCode', SIMULATOR_VNPAY.tmnCode);
  listUrl.searchParams.set('vnp_SecureHash', signDailyListRequest(SIMULATOR_VNPAY.tmnCode, DATE, SIMULATOR_VNPAY.hashSecret));
  const [listedLines, listSeconds] = await timed(async () => {
    let lines = 0;
    for await (const chunk of (await fetch(listUrl)).body as unknown as AsyncIterable<Uint8Array>) {
      const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) lines++;
    }
    return lines - 1; // the header
  });

  const [result, seconds] = await timed(() => s.payments.reconcile(DATE));
  const [batches] = await s.database.rows<{ n: number; ids: number }>(sql`
    select count(*)::int as n, coalesce(sum(jsonb_array_length(payload->'paymentIds')), 0)::int as ids from platform.jobs where queue = 'payments.invoice-batch'`);
  // What the workers then do with the batches, all at once here: a job per payment (the batch job's statement, set-based).
  const [, fanOutSeconds] = await timed(() =>
    s.database.rows(sql`
      insert into platform.jobs (id, queue, key, payload, run_at, max_attempts, created_at)
      select 'job_bench_' || lpad((row_number() over ())::text, 10, '0'), 'payments.invoice', 'payments.invoice:' || e.id, jsonb_build_object('paymentId', e.id), now(), 8, now()
        from platform.jobs b cross join lateral jsonb_array_elements_text(b.payload->'paymentIds') as e(id)
       where b.queue = 'payments.invoice-batch'
      on conflict (key) do nothing`),
  );
  const [again, rerunSeconds] = await timed(() => s.payments.reconcile(DATE));
  const [jobs] = await s.database.rows<{ n: number }>(sql`select count(*)::int as n from platform.jobs where queue = 'payments.invoice'`);

  const m = result.summary;
  const listedCount = N - expected.missingAtVnpay + expected.unknownHere;
  if (
    m.matched !== N - expected.missingAtVnpay - expected.amountMismatch || m.unknownHere !== expected.unknownHere || m.missingAtVnpay !== expected.missingAtVnpay ||
    m.amountMismatch !== expected.amountMismatch || jobs.n !== m.matched || batches.ids !== m.matched || again.summary.matched !== m.matched || listedLines !== listedCount
  ) {
    throw new Error(`counted wrong: ${JSON.stringify({ summary: m, expected, jobs: jobs.n, listed: listedLines, again: again.summary })}`);
  }
  console.log(`\ndaily reconciliation with VNPay: ${fmt(N)} transactions of ${DATE} (seeded in ${seedSeconds.toFixed(1)} s), ${s.database.kind}`);
  console.log(`  raw SQL aggregate of the day's attempts  ${aggregateSeconds.toFixed(2)} s (${fmt(Number(base.n))} paid)`);
  console.log(`  VNPay's list file alone (the simulator writes and sends ${fmt(listedLines)} rows as CSV, we download)  ${listSeconds.toFixed(2)} s`);
  console.log(`  reconciliation (list, comparison, ${fmt(batches.n)} e-invoice batch jobs, day's record)  ${seconds.toFixed(2)} s: ${fmt(m.matched)} matched, ` +
    `${m.unknownHere} unknown here, ${m.missingAtVnpay} missing at VNPay, ${m.amountMismatch} amount differences`);
  console.log(`  then the batches' ${fmt(jobs.n)} e-invoice jobs (the workers' part, one statement here)  ${fanOutSeconds.toFixed(2)} s`);
  console.log(`  rerun (the same day again)  ${rerunSeconds.toFixed(2)} s`);
  console.log(`  reconciliation of ${fmt(N)} transactions  ${seconds.toFixed(2)} s (${(seconds / aggregateSeconds).toFixed(1)}× the aggregate)   goal < 10 s: ${verdict(seconds < 10)}`);
} finally {
  await bench.stop();
}
