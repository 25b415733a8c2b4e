/**
 * What both benchmarks share: a throw-away PostgreSQL cluster (the one the `postgres` test project
 * starts, test/setup/postgres.ts), the whole system on it, and a seeded postpaid eKYC contract shape.
 * Benchmarks are not tests: `npm run bench` runs them and prints figures next to their goals.
 */
import { sql } from 'drizzle-orm';
import { startCluster } from '../test/setup/postgres.ts';
import { createSystem, type System } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { FixedClock } from '../src/platform/clock.ts';
import { freePort } from '../test/free-port.ts';

process.env.TZ = 'UTC';

export interface Bench {
  url: string;
  system: System;
  port: number;
  stop(): Promise<void>;
}

/**
 * A fresh database on a throw-away cluster (or on BENCH_DATABASE_URL's server): its URL, and how to stop
 * the cluster. The cluster runs on this machine, so the system reaches it over its Unix socket as a
 * server on the database's own host would (TCP loopback charges the sender for both ends; BENCH_PG_TCP=1
 * measures over TCP anyway). `settings`: server settings for the throw-away cluster (see startCluster).
 */
export async function benchDatabase(settings: Record<string, string> = {}): Promise<{ url: string; stop(): void; pid?: number }> {
  const cluster = process.env.BENCH_DATABASE_URL ? null : await startCluster(undefined, settings);
  const admin = process.env.BENCH_DATABASE_URL ?? (process.env.BENCH_PG_TCP ? cluster!.url : cluster!.socketUrl);
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  const name = `qldv_bench_${Date.now()}`;
  await client.query(`create database ${name}`);
  await client.end();
  return { url: admin.replace(/\/[^/]*$/, `/${name}`), stop: () => cluster?.stop(), pid: cluster?.pid() };
}

/** Runs `text` (one or more statements) on its own connection to `url`; the rows of its last statement. */
export async function sqlOnce(url: string, text: string): Promise<Record<string, string>[]> {
  const pg = (await import('pg')).default;
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const res = await db.query(text);
    return (Array.isArray(res) ? res.at(-1) : res).rows;
  } finally {
    await db.end();
  }
}

/** Percentile `q` (0…1) of latencies sorted ascending. */
export const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

/** A cluster (or BENCH_DATABASE_URL), a fresh database on it, the system listening on a free port. */
export async function startBench(now: string, opts: { http: boolean }): Promise<Bench> {
  const { url, stop: stopCluster } = await benchDatabase();
  const port = await freePort();
  const config = loadConfig({
    NODE_ENV: 'test',
    QLDV_DATA_DIR: 'memory://',
    DATABASE_URL: url,
    SIM_SMTP_PORT: '0',
    SIM_SMPP_PORT: '0',
    PORT: String(port),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    QLDV_WORKERS: 'false',
    LOG_LEVEL: 'silent',
    QLDV_DEMO_PASSWORD: 'Qldv@2026',
    QLDV_RATE_LIMIT: '100000000',
  });
  const system = await createSystem(config, { clock: new FixedClock(now), http: opts.http, background: opts.http });
  if (opts.http) await system.server!.listen({ port, host: '127.0.0.1' });
  return {
    url,
    system,
    port,
    stop: async () => {
      await system.close();
      stopCluster();
    },
  };
}

/** Inserts `count` active postpaid eKYC contracts started on `startDate` (ids ctr_bench_000001 …) in one statement. */
export async function seedContracts(s: System, count: number, startDate: string): Promise<string[]> {
  const priced = await s.catalog.pricedPlan('EKYC', 'EKYC-SAAS-TS');
  const customer = (await s.database.rows<{ id: string }>(sql`select id from identity.customers limit 1`))[0]?.id ?? 'cus_bench';
  await s.database.rows(sql`
    insert into contracts.contracts (id, number, kind, customer_id, product_id, plan_id, price_version_id, price_model, channel, billing,
      quantity, period_months, unit_price_vnd, subtotal_vnd, vat_rate, vat_vnd, total_vnd, status, signed_date, start_date, created_at, updated_at)
    select 'ctr_bench_' || lpad(g::text, 7, '0'), 'HD-BENCH-' || g, 'new', ${customer}, ${priced.product.id}, ${priced.plan.id}, ${priced.version?.id ?? null},
           ${JSON.stringify(priced.version?.model)}::jsonb, 'am', 'postpaid', 1, 1, 0, 0, ${priced.product.vatRate}, 0, 0, 'active',
           ${startDate}, ${startDate}, now(), now()
      from generate_series(1, ${count}) g`);
  return Array.from({ length: count }, (_, i) => `ctr_bench_${String(i + 1).padStart(7, '0')}`);
}

/** Runs `fn` and answers its result with the seconds it took. */
export async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const r = await fn();
  return [r, (performance.now() - started) / 1000];
}

export const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
export const verdict = (ok: boolean) => (ok ? 'MET' : 'NOT MET');
