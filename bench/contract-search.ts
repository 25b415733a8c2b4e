/**
 * The contracts page over a million contracts (issue 10): GET /api/v1/contracts as the web's contracts
 * page calls it (first page, later pages, search by contract number, customer name or tax code, status
 * filter), as an admin (sees all) and as an AM (scoped to CTKV 1), next to `/healthz` of the same
 * server in the same run. The server runs in its own process (test/server-process.ts) on PostgreSQL.
 *
 * - 100 users: each sends a request, reads the page for a while (BENCH_THINK_MS, 1 s on average),
 *   and sends the next; the goal is p95 < 100 ms.
 * - 100 clients without pause (each sends the next request as soon as the last one answers): the
 *   server's throughput at saturation, printed for comparison.
 *
 * BENCH_CONTRACTS (default 1,000,000), BENCH_USERS (100), BENCH_SECONDS (30), BENCH_THINK_MS (1000).
 * BENCH_EXPLAIN=<ms>: PostgreSQL logs the plan (auto_explain, with timings) of every statement slower
 * than that, and the bench prints them at the end. BENCH_STATEMENTS=<n>: the n statements that took
 * PostgreSQL the most time while the 100 users ran (pg_stat_statements), with their calls and mean time.
 *
 * The throw-away cluster gets a database server's memory (CLUSTER_SETTINGS): the test clusters' 128 MB
 * of shared buffers would hold a tenth of the contracts table and its indexes (1.7 GB at 1 M contracts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { prng } from '../test/prng.ts';
import { seedContracts, WORDS } from './contract-seed.ts';
import { benchDatabase, fmt, percentile, sqlOnce, timed, verdict } from './harness.ts';
import { closedLoop, cpuMs, line, rssMb, serve } from './load.ts';

const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 1_000_000);
const CUSTOMERS = Math.max(20, Math.round(CONTRACTS / 10));
const USERS = Number(process.env.BENCH_USERS ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 1000);
const pad = (n: number, w: number) => String(n).padStart(w, '0');
/** One request of the page's mix, with its kind (for the per-kind figures). */
function requestMix(seed: number) {
  const r = prng(seed);
  const years = [2024, 2025, 2026].filter((y) => (y - 2024) * 400000 < CONTRACTS);
  const customer = () => r.int(1, CUSTOMERS);
  const enterprise = () => {
    const n = customer();
    return n % 4 === 0 ? n + 1 : n;
  };
  const kinds: [number, string, () => Record<string, string | number>][] = [
    [30, 'first page', () => ({})],
    [15, 'page 2…10', () => ({ page: r.int(2, 10) })],
    // The first digits of a number: ten contracts begin so (HD-2025-01234…).
    [15, 'number prefix', () => {
      const y = r.pick(years);
      return { q: `HD-${y}-${pad(r.int(1, Math.min(400000, CONTRACTS - (y - 2024) * 400000)), 6).slice(0, 5)}` };
    }],
    [12, 'customer name', () => {
      const n = customer();
      return { q: `${WORDS[n % 20]} ${pad(n, 6)}` };
    }],
    // A word of many names: tens of thousands of contracts match, the page shows the newest.
    [3, 'customer name (broad)', () => ({ q: r.pick(WORDS) })],
    [7, 'tax code', () => ({ q: `01${pad(enterprise(), 8)}` })],
    [12, 'status', () => ({ status: r.pick(['active', 'suspended', 'expired', 'pending_approval', 'draft']) })],
    [6, 'status, page 2…5', () => ({ status: r.pick(['active', 'expired']), page: r.int(2, 5) })],
  ];
  const total = kinds.reduce((s, [w]) => s + w, 0);
  return () => {
    let x = r.next() * total;
    for (const [w, kind, params] of kinds) {
      if ((x -= w) < 0) return { kind, query: new URLSearchParams(Object.entries({ ...params(), pageSize: 20 }).map(([k, v]) => [k, String(v)])) };
    }
    throw new Error('unreachable');
  };
}


interface Sample {
  kind: string;
  who: string;
  ms: number;
}

const STATEMENTS = Number(process.env.BENCH_STATEMENTS ?? 0);
/** What a database server for this book would be given (on this 24 GB machine): the working set in memory. */
const CLUSTER_SETTINGS = {
  shared_buffers: '2GB',
  effective_cache_size: '6GB',
  work_mem: '16MB',
  maintenance_work_mem: '512MB',
  random_page_cost: '1.1', // SSD
  ...(STATEMENTS ? { shared_preload_libraries: 'pg_stat_statements' } : {}),
};
const database = await benchDatabase(CLUSTER_SETTINGS);
const EXPLAIN = process.env.BENCH_EXPLAIN;
let explainLog: { file: string; from: number } | undefined;
if (EXPLAIN) {
  const db = new pg.Client({ connectionString: database.url });
  await db.connect();
  const name = database.url.replace(/.*\//, '');
  for (const [k, v] of [['session_preload_libraries', 'auto_explain'], ['auto_explain.log_min_duration', EXPLAIN], ['auto_explain.log_analyze', 'on'], ['auto_explain.log_buffers', 'on']]) {
    await db.query(`alter database ${name} set ${k} = '${v}'`);
  }
  const [{ dir }] = (await db.query<{ dir: string }>(`select current_setting('data_directory') as dir`)).rows;
  await db.end();
  const file = path.join(path.dirname(dir), 'log');
  explainLog = { file, from: readFileSync(file, 'utf8').length };
}
// No job worker: the month's bill run (SERVE_NOW is 02/03) would bill the seeded contracts in the background.
const server = await serve(database.url, { SERVE_ENV: JSON.stringify({ QLDV_WORKERS: 'false' }) });
try {
  const [, seedSeconds] = await timed(() => seedContracts(database.url, CONTRACTS, CUSTOMERS));
  if (explainLog) explainLog.from = readFileSync(explainLog.file, 'utf8').length; // the plans of the requests, not of the seeding
  const login = async (username: string) => {
    const res = await fetch(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'Qldv@2026' }) });
    return ((await res.json()) as { token: string }).token;
  };
  const tokens = { admin: await login('admin'), am: await login('am1') };
  const next = requestMix(10);
  const search = async (who: keyof typeof tokens, samples: Sample[]) => {
    const { kind, query } = next();
    const t0 = performance.now();
    const res = await fetch(`${server.url}/api/v1/contracts?${query}`, { headers: { authorization: `Bearer ${tokens[who]}` } });
    const body = (await res.json()) as { items?: unknown[]; total?: number };
    if (res.status !== 200 || !Array.isArray(body.items)) throw new Error(`GET /api/v1/contracts?${query}: HTTP ${res.status} ${JSON.stringify(body)}`);
    samples.push({ kind, who, ms: performance.now() - t0 });
  };
  const whoOf = (i: number) => (i % 2 === 0 ? 'admin' : 'am') as keyof typeof tokens;

  // Warm-up: the server's caches and PostgreSQL's buffers.
  await closedLoop(8, Array.from({ length: 400 }, (_, i) => () => search(whoOf(i), [])));

  const health = await closedLoop(USERS, Array.from({ length: 5000 }, () => () => fetch(`${server.url}/healthz`).then((r) => r.text())));

  // 100 users, each pausing between pages (think time uniform in [0.5, 1.5] × BENCH_THINK_MS).
  const users: Sample[] = [];
  const think = prng(20);
  if (STATEMENTS) await sqlOnce(database.url, 'create extension if not exists pg_stat_statements; select pg_stat_statements_reset()');
  const cpu0 = cpuMs(server.pid);
  const until = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: USERS }, async (_, u) => {
      await new Promise((r) => setTimeout(r, think.next() * THINK_MS)); // users do not all start at once
      while (performance.now() < until) {
        await search(whoOf(u), users);
        await new Promise((r) => setTimeout(r, THINK_MS * (0.5 + think.next())));
      }
    }),
  );
  const usersCpu = (cpuMs(server.pid) - cpu0) / users.length;
  const statements = STATEMENTS
    ? await sqlOnce(
        database.url,
        `select calls, round(total_exec_time) as total_ms, round(mean_exec_time::numeric, 2) as mean_ms, rows, shared_blks_read as reads, left(regexp_replace(query, '\\s+', ' ', 'g'), 300) as query
           from pg_stat_statements order by total_exec_time desc limit ${STATEMENTS}`,
      )
    : [];

  // 100 clients without pause: throughput at saturation.
  const saturated: Sample[] = [];
  const satCount = Math.max(2000, USERS * 30);
  const sat = await closedLoop(USERS, Array.from({ length: satCount }, (_, i) => () => search(whoOf(i), saturated)));

  const p95 = (xs: Sample[]) => percentile(xs.map((x) => x.ms).sort((a, b) => a - b), 0.95);
  const p50 = (xs: Sample[]) => percentile(xs.map((x) => x.ms).sort((a, b) => a - b), 0.5);
  const usersP95 = p95(users);
  console.log(`\ncontract list and search: ${fmt(CONTRACTS)} contracts, ${fmt(CUSTOMERS)} customers (seeded in ${seedSeconds.toFixed(1)} s), PostgreSQL, server RSS ${rssMb(server.pid).toFixed(0)} MB`);
  console.log(line(`/healthz (${USERS} clients)`, health));
  console.log(`  ${USERS} users, think time ~${THINK_MS} ms, ${SECONDS} s: ${fmt(users.length)} requests (${(users.length / SECONDS).toFixed(0)}/s), server CPU ${usersCpu.toFixed(1)} ms/req`);
  const kinds = [...new Set(users.map((s) => s.kind))];
  for (const who of ['admin', 'am']) {
    for (const kind of kinds) {
      const xs = users.filter((s) => s.who === who && s.kind === kind);
      if (xs.length) console.log(`    ${`${who === 'am' ? 'AM (CTKV 1)' : 'admin'}: ${kind}`.padEnd(40)} n ${String(xs.length).padStart(5)}   p50 ${p50(xs).toFixed(1).padStart(6)} ms   p95 ${p95(xs).toFixed(1).padStart(6)} ms`);
    }
  }
  console.log(`  ${USERS} clients without pause: ${fmt(sat.perSecond)}/s (${(sat.perSecond / health.perSecond).toFixed(2)} of /healthz), p50 ${p50(saturated).toFixed(1)} ms, p95 ${p95(saturated).toFixed(1)} ms`);
  console.log(`  contract search p95 at ${USERS} users over ${fmt(CONTRACTS)} contracts: ${usersP95.toFixed(1)} ms (p50 ${p50(users).toFixed(1)} ms)   goal < 100 ms: ${verdict(usersP95 < 100)}`);
  if (STATEMENTS) {
    console.log(`\nstatements by PostgreSQL time while the ${USERS} users ran (pg_stat_statements):`);
    for (const r of statements) console.log(`  ${String(r.calls).padStart(6)} calls ${String(r.total_ms).padStart(7)} ms (mean ${r.mean_ms} ms, ${r.rows} rows, ${r.reads} reads)  ${r.query}`);
  }
  if (explainLog) console.log(`\nplans slower than ${EXPLAIN} ms (auto_explain):\n${readFileSync(explainLog.file, 'utf8').slice(explainLog.from)}`);
} finally {
  await server.stop();
  database.stop();
}
