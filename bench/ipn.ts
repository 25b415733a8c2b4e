/**
 * The write path under load (issue 10): self-service orders, then the VNPay IPN that applies a
 * payment and a duplicate IPN, next to `/healthz` of the same server in the same run, at 16 and 32
 * concurrent clients, on PostgreSQL and on PGlite; the server's RSS idle and under load. The server
 * runs in its own process (test/server-process.ts) with its job worker and audit sealer, as in production.
 * Goals: IPN apply ≥ 1,500/s with p99 < 50 ms at 32 clients on PostgreSQL, ≥ 300/s on PGlite,
 * ratio IPN / healthz ≥ 0.3, orders ≥ 300/s on PostgreSQL, RSS < 300 MB idle.
 * BENCH_IPNS (default 1,000 per level), BENCH_TARGETS (default `postgres,pglite`) scale it.
 * BENCH_STATEMENTS=<n>: the n statements that took PostgreSQL the most time during the orders and while the
 * IPNs applied at 32 clients (pg_stat_statements), with their calls, mean run and planning time.
 */
import { benchDatabase, sqlOnce, verdict } from './harness.ts';
import { paidIpnQuery } from '../test/vnpay-ipn.ts';
import { ceiling, closedLoop, costed, line, peakRss, requestJson, rssMb, serve, type Costed, type LoadResult } from './load.ts';

const IPNS = Number(process.env.BENCH_IPNS ?? 1_000);
const TARGETS = (process.env.BENCH_TARGETS ?? 'postgres,pglite').split(',');
const LEVELS = [16, 32];
const STATEMENTS = Number(process.env.BENCH_STATEMENTS ?? 0);


const json = requestJson;

async function run(target: string, database: string, postgres: boolean, postgresPid?: number): Promise<void> {
  const server = await serve(database);
  try {
    await new Promise((r) => setTimeout(r, 3000));
    const idle = rssMb(server.pid);
    const peak = peakRss(server.pid);
    const login = await json(`${server.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'customer1', password: 'Qldv@2026' }) });
    const token = login.body.token as string;
    const order = () =>
      json(`${server.url}/api/v1/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ product: 'MEETING', quantity: 1, periodMonths: 1 }),
      });
    const measured = (phase: () => Promise<LoadResult>) => costed(server.pid, postgresPid, phase);
    /** pg_stat_statements of a phase (BENCH_STATEMENTS), printed at the end. */
    const statements: { phase: string; rows: Record<string, string>[] }[] = [];
    const watched = async <T>(phase: string, run: () => Promise<T>): Promise<T> => {
      if (!postgres || STATEMENTS === 0) return run();
      await sqlOnce(database, 'create extension if not exists pg_stat_statements; select pg_stat_statements_reset()');
      const r = await run();
      const rows = await sqlOnce(
        database,
        `select calls, round(total_exec_time) as total_ms, round(mean_exec_time::numeric, 3) as mean_ms, round(mean_plan_time::numeric, 3) as plan_ms, rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 160) as query
           from pg_stat_statements order by total_exec_time + total_plan_time desc limit ${STATEMENTS}`,
      );
      statements.push({ phase, rows });
      return r;
    };
    const payUrls: string[] = [];
    const orders = await watched('self-service orders', () => measured(() => closedLoop(16, Array.from({ length: IPNS * LEVELS.length }, () => order), (r) => {
      if (r.status !== 201) throw new Error(`order: HTTP ${r.status} ${JSON.stringify(r.body)}`);
      payUrls.push(r.body.payUrl);
    })));
    const get = (path: string) => () => json(`${server.url}${path}`);
    const expectCode = (code: string) => (r: { body: { RspCode?: string } }) => {
      if (r.body.RspCode !== code) throw new Error(`IPN answered ${JSON.stringify(r.body)}, expected ${code}`);
    };
    const results: { clients: number; health: Costed; apply: Costed; duplicate: Costed }[] = [];
    for (const [i, clients] of LEVELS.entries()) {
      const ipns = payUrls.slice(i * IPNS, (i + 1) * IPNS).map((u, k) => `/api/v1/payments/vnpay/ipn?${paidIpnQuery(u, i * IPNS + k)}`);
      const health = await measured(() => closedLoop(clients, Array.from({ length: IPNS * 2 }, () => get('/healthz'))));
      const applying = () => measured(() => closedLoop(clients, ipns.map(get), expectCode('00')));
      const apply = await (clients === LEVELS.at(-1) ? watched(`IPN apply at ${clients} clients`, applying) : applying());
      const duplicate = await measured(() => closedLoop(clients, ipns.map(get), expectCode('02')));
      results.push({ clients, health, apply, duplicate });
    }
    const loaded = peak();
    console.log(`\n${target}: ${IPNS} IPNs per level, server in its own process (job worker and audit sealer on)`);
    console.log(line('self-service orders (16 clients)', orders, postgres ? `goal ≥ 300/s: ${verdict(orders.perSecond >= 300)}` : ''));
    for (const r of results) {
      const goal = postgres ? (r.clients === 32 ? `goal ≥ 1,500/s, p99 < 50 ms: ${verdict(r.apply.perSecond >= 1500 && r.apply.p99 < 50)}` : '') : `goal ≥ 300/s: ${verdict(r.apply.perSecond >= 300)}`;
      console.log(line(`/healthz (${r.clients} clients)`, r.health));
      console.log(line(`IPN apply (${r.clients} clients)`, r.apply, goal));
      console.log(line(`IPN duplicate (${r.clients} clients)`, r.duplicate));
    }
    console.log(`  server RSS: idle ${idle.toFixed(0)} MB (goal < 300: ${verdict(idle < 300)}), peak under load ${loaded.toFixed(0)} MB`);
    for (const r of results) {
      const ratio = r.apply.perSecond / r.health.perSecond;
      console.log(`  ratio IPN apply / healthz at ${r.clients} clients: ${ratio.toFixed(2)}   goal ≥ 0.3: ${verdict(ratio >= 0.3)}`);
    }
    for (const r of results) console.log(`  CPU ceiling of IPN apply at ${r.clients} clients ${ceiling(r.apply, 1500)}`);
    for (const { phase, rows } of statements) {
      console.log(`\nstatements by PostgreSQL time during ${phase} (pg_stat_statements):`);
      for (const r of rows) console.log(`  ${String(r.calls).padStart(6)} calls ${String(r.total_ms).padStart(6)} ms (mean ${r.mean_ms} ms, planning ${r.plan_ms} ms, ${r.rows} rows)  ${r.query}`);
    }
  } finally {
    await server.stop();
  }
}

for (const target of TARGETS) {
  if (target === 'pglite') {
    await run('PGlite', 'pglite', false);
    continue;
  }
  const database = await benchDatabase(STATEMENTS ? { shared_preload_libraries: 'pg_stat_statements', 'pg_stat_statements.track': 'all', 'pg_stat_statements.track_planning': 'on' } : {});
  try {
    await run('PostgreSQL 15', database.url, true, database.pid);
  } finally {
    database.stop();
  }
}
