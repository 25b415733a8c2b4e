import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createSystem, type System } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { FixedClock, type Clock } from '../src/platform/clock.ts';
import { freePort } from './free-port.ts';

export const DEMO_PASSWORD = 'Qldv@2026';
export const driver = (process.env.QLDV_TEST_DB ?? 'pglite') as 'pglite' | 'postgres';

/** True when this project has no database to run on (only possible locally, see test/setup/postgres.ts). */
export const noDatabase = driver === 'postgres' && !inject('postgresUrl');

/** A fresh database: PGlite in memory, or a new database on the test PostgreSQL cluster. */
export async function freshDatabaseUrl(): Promise<string | undefined> {
  if (driver === 'pglite') return undefined;
  const admin = inject('postgresUrl')!;
  const name = `qldv_t_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`create database ${name}`);
  await client.end();
  return admin.replace(/\/[^/]*$/, `/${name}`);
}

export interface TestSystem extends System {
  clock: FixedClock;
  /** In-process HTTP call through the real server (routing, auth, validation, error mapping). */
  http(method: string, url: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string>; payload?: string }): Promise<{ status: number; body: any; headers: Record<string, unknown> }>;
  login(username: string, password?: string): Promise<string>;
}

/** The whole system on a fixed clock, simulators on free ports, demo data seeded, no background poller. */
export async function createTestSystem(
  opts: { now?: string; env?: Record<string, string>; clock?: Clock; databaseUrl?: string; /** Collects the log lines (level info) instead of silencing them. */ logLines?: string[] } = {},
): Promise<TestSystem> {
  const clock = new FixedClock(opts.now ?? '2026-03-02T02:00:00Z'); // Mon 02/03/2026 09:00 in Hà Nội
  // A second system on the same PostgreSQL database stands for a second process of the same deployment.
  const databaseUrl = opts.databaseUrl ?? (await freshDatabaseUrl());
  // A real port, so simulators that call back (VNPay's IPN, querydr) reach this server as in production.
  const port = await freePort();
  const config = loadConfig({
    NODE_ENV: 'test',
    QLDV_DATA_DIR: 'memory://',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    SIM_SMTP_PORT: '0',
    SIM_SMPP_PORT: '0',
    PORT: String(port),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    QLDV_WORKERS: 'false',
    LOG_LEVEL: opts.logLines ? 'info' : 'silent',
    QLDV_DEMO_PASSWORD: DEMO_PASSWORD,
    QLDV_LOGIN_RATE_LIMIT: '100000',
    QLDV_RATE_LIMIT: '100000',
    ...opts.env,
  });
  const logDestination = opts.logLines && { write: (line: string) => void opts.logLines!.push(line) };
  const system = await createSystem(config, { clock, logDestination });
  const server = system.server!;
  await server.listen({ port, host: '127.0.0.1' });
  const http: TestSystem['http'] = async (method, url, o = {}) => {
    const res = await server.inject({
      method: method as 'GET',
      url,
      headers: {
        ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
        ...(o.body !== undefined || o.payload !== undefined ? { 'content-type': 'application/json' } : {}),
        ...o.headers,
      },
      payload: o.payload ?? (o.body !== undefined ? JSON.stringify(o.body) : undefined),
    });
    let body: unknown = res.body;
    try {
      body = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.statusCode, body, headers: res.headers };
  };
  const login = async (username: string, password = DEMO_PASSWORD) => {
    const res = await http('POST', '/api/v1/auth/login', { body: { username, password } });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.token as string;
  };
  return Object.assign(system, { clock, http, login });
}

