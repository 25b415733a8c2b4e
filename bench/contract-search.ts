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
 * than that, and the bench prints them at the end.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { prng } from '../test/prng.ts';
import { benchDatabase, fmt, percentile, timed, verdict } from './harness.ts';
import { closedLoop, cpuMs, line, rssMb, serve } from './load.ts';

const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 1_000_000);
const CUSTOMERS = Math.max(20, Math.round(CONTRACTS / 10));
const USERS = Number(process.env.BENCH_USERS ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const THINK_MS = Number(process.env.BENCH_THINK_MS ?? 1000);
const WORDS = ['Minh Phát', 'Sao Việt', 'Hoàng Long', 'An Khang', 'Thành Công', 'Phú Thịnh', 'Đại Dương', 'Bình Minh', 'Trường Sơn', 'Hải Âu',
  'Ngọc Lan', 'Tân Tiến', 'Việt Hưng', 'Kim Cương', 'Hưng Thịnh', 'Thái Bình', 'Phương Nam', 'Đông Á', 'Sông Hồng', 'Mê Kông'];
/** Units that sell: each gets 1/12 of the contracts; CTKV1-KHDN's are the AM's (with a half sold by the AM). */
const SELLING_UNITS = ['CTKV1-KHDN', ...Array.from({ length: 8 }, (_, i) => `CTKV${i + 2}-KHDN`), 'TTCNTT-KD', 'DL-BT01', 'DL-PT01'];
const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Customers (a quarter individuals) and contracts, in two statements; the numbers run HD-2024-000001 … by year. */
async function seed(url: string) {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const units = (await db.query<{ id: string }>(`select id from identity.org_units where code = any($1) order by array_position($1, code)`, [SELLING_UNITS])).rows;
    if (units.length !== SELLING_UNITS.length) throw new Error('the demo org units are missing');
    const [{ id: am }] = (await db.query<{ id: string }>(`select id from identity.users where username = 'am1'`)).rows;
    await db.query(`create temp table bench_units as select k - 1 as k, id from unnest($1::text[]) with ordinality as u(id, k)`, [units.map((u) => u.id)]);
    await db.query(
      `insert into identity.customers (id, type, name, tax_code, email, phone, managing_unit_id, created_at)
       select 'cus_bench_' || lpad(g::text, 7, '0'),
              case when g % 4 = 0 then 'individual' else 'enterprise' end,
              case when g % 4 = 0 then 'Nguyễn Văn ' else 'Công ty TNHH ' end || ($2::text[])[1 + g % 20] || ' ' || lpad(g::text, 6, '0'),
              case when g % 4 = 0 then null else '01' || lpad(g::text, 8, '0') end,
              'kh' || g || '@example.vn', '09' || lpad(g::text, 8, '0'), u.id, now()
         from generate_series(1, $1::int) g join bench_units u on u.k = g % 12`,
      [CUSTOMERS, WORDS],
    );
    await db.query(`
      create temp table bench_plans as
      select row_number() over (order by pl.code) - 1 as k, pl.id as plan_id, pl.product_id, pl.billing, v.id as version_id, v.model, p.vat_rate
        from catalog.plans pl join catalog.products p on p.id = pl.product_id
        join lateral (select id, model from catalog.price_versions where plan_id = pl.id order by effective_from desc, version desc limit 1) v on true
       where pl.status = 'active' and pl.edition = 'saas'`);
    await db.query(
      `insert into contracts.contracts (id, number, kind, customer_id, product_id, plan_id, price_version_id, price_model, channel, billing,
         selling_unit_id, managing_unit_id, sales_user_id, quantity, period_months, unit_price_vnd, subtotal_vnd, vat_rate, vat_vnd, total_vnd,
         status, signed_date, start_date, end_date, created_at, updated_at)
       select 'ctr_bench_' || lpad(g::text, 7, '0'),
              'HD-' || (2024 + (g - 1) / 400000) || '-' || lpad((1 + (g - 1) % 400000)::text, 6, '0'),
              'new', 'cus_bench_' || lpad((1 + g % $2::int)::text, 7, '0'), p.product_id, p.plan_id, p.version_id, p.model,
              (array['am', 'agent', 'self_service'])[1 + g % 3], p.billing, u.id, u.id,
              case when u.k = 0 and g % 2 = 0 then $3 end,
              1 + g % 50, 12, 1000000, (1 + g % 50) * 1000000, p.vat_rate, 0, (1 + g % 50) * 1000000,
              (array['active','active','active','active','active','active','active','active','active','active','active','active','active','active',
                     'expired','expired','terminated','suspended','pending_approval','draft'])[1 + (g / 12) % 20],
              t::date, t::date, (t + interval '1 year')::date, t, t
         from generate_series(1, $1::int) g
         cross join lateral (select timestamptz '2024-01-01 00:00:00+07' + (g - 1) * interval '60 seconds' as t) c
         join bench_plans p on p.k = g % (select count(*) from bench_plans)
         join bench_units u on u.k = g % 12`,
      [CONTRACTS, CUSTOMERS, am],
    );
    await db.query('vacuum analyze');
  } finally {
    await db.end();
  }
}

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

const database = await benchDatabase();
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
  const [, seedSeconds] = await timed(() => seed(database.url));
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
  if (explainLog) console.log(`\nplans slower than ${EXPLAIN} ms (auto_explain):\n${readFileSync(explainLog.file, 'utf8').slice(explainLog.from)}`);
} finally {
  await server.stop();
  database.stop();
}
