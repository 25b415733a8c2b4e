/**
 * Usage ingestion over HTTP, batches of 1,000, next to PostgreSQL COPY of the same rows in the same
 * run. Goal (issue 11): ≥ 20,000 events/s and a ratio ≥ 0.3. BENCH_EVENTS (default 200,000) and
 * BENCH_CONCURRENCY (default 4 requests in flight) scale it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { systemCtx } from '../src/platform/context.ts';
import { periodOf } from '../src/modules/usage/index.ts';
import { fmt, seedContracts, startBench, verdict } from './harness.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 200_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const BATCH = 1_000;
const NOW = '2026-03-31T16:00:00Z'; // 23:00 on 31/03 in Hà Nội: the whole of March is in the past

const bench = await startBench(NOW, { http: true });
const s = bench.system;
try {
  const [contractId] = await seedContracts(s, 1, '2026-03-01');
  const { key } = await s.usage.createKey(systemCtx('bench'), contractId, 'bench');
  const base = Date.parse('2026-03-01T00:00:00+07:00');
  const span = Date.parse(NOW) - base;
  const event = (i: number) => ({ transactionId: `tx-${i}`, metric: 'ekyc.request', timestamp: new Date(base + ((i * 7919) % span)).toISOString() });
  const bodies = Array.from({ length: Math.ceil(EVENTS / BATCH) }, (_, b) =>
    JSON.stringify({ events: Array.from({ length: Math.min(BATCH, EVENTS - b * BATCH) }, (_, i) => event(b * BATCH + i)) }),
  );
  const url = `http://127.0.0.1:${bench.port}/api/v1/usage/events`;

  const sendAll = async () => {
    let next = 0;
    let accepted = 0;
    let duplicates = 0;
    const worker = async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body });
        if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
        const r = (await res.json()) as { accepted: number; duplicates: number; rejected: unknown[] };
        accepted += r.accepted;
        duplicates += r.duplicates;
      }
    };
    const started = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return { seconds: (performance.now() - started) / 1000, accepted, duplicates };
  };

  await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: JSON.stringify({ events: [event(-1)] }) });
  const first = await sendAll();
  const again = await sendAll();
  if (first.accepted !== EVENTS || again.duplicates !== EVENTS) throw new Error(`counted wrong: ${JSON.stringify({ first, again })}`);

  // The same rows through COPY (psql \copy, client side like the HTTP run) into an identical table.
  await s.database.rows(sql`create table usage.events_copy (like usage.events including all)`);
  const dir = mkdtempSync(path.join(tmpdir(), 'qldv-bench-'));
  const file = path.join(dir, 'events.csv');
  const received = new Date(NOW).toISOString();
  writeFileSync(
    file,
    Array.from({ length: EVENTS }, (_, i) => {
      const e = event(i);
      return `${contractId},${e.transactionId},${e.metric},${e.timestamp},${periodOf(new Date(e.timestamp))},1,,${received}`;
    }).join('\n'),
  );
  const copyStarted = performance.now();
  execFileSync('psql', [bench.url, '-q', '-c', `\\copy usage.events_copy from '${file}' with (format csv)`], { stdio: 'pipe' });
  const copySeconds = (performance.now() - copyStarted) / 1000;
  rmSync(dir, { recursive: true, force: true });

  const httpRate = EVENTS / first.seconds;
  const copyRate = EVENTS / copySeconds;
  const ratio = httpRate / copyRate;
  console.log(`usage ingestion: ${fmt(EVENTS)} events in batches of ${BATCH}, ${CONCURRENCY} requests in flight`);
  console.log(`  HTTP (new events)          ${fmt(httpRate)} events/s  (${first.seconds.toFixed(2)} s)   goal ≥ 20,000: ${verdict(httpRate >= 20_000)}`);
  console.log(`  HTTP (all repeated, idempotent) ${fmt(EVENTS / again.seconds)} events/s  (${again.seconds.toFixed(2)} s)`);
  console.log(`  PostgreSQL COPY, same rows ${fmt(copyRate)} events/s  (${copySeconds.toFixed(2)} s)`);
  console.log(`  ratio HTTP / COPY          ${ratio.toFixed(2)}   goal ≥ 0.3: ${verdict(ratio >= 0.3)}`);
} finally {
  await bench.stop();
}
