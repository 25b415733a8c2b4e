/**
 * The whole server in a process of its own, as production runs it (job worker and audit sealer on):
 * benchmarks load it (its RSS and CPU are the server's alone) and fault tests kill it with -9.
 * SERVE_DATABASE: a postgres:// URL, `pglite` (in memory) or a PGlite data directory. SERVE_PORT
 * (default a free one); SERVE_NOW fixes the clock (default: the real one); SERVE_ENV (JSON) adds
 * settings (e.g. SMTP_HOST). Prints `ready <port>` once listening.
 */
import { createSystem } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { FixedClock, systemClock } from '../src/platform/clock.ts';
import { freePort } from './free-port.ts';

process.env.TZ = 'UTC';
const database = process.env.SERVE_DATABASE ?? 'pglite';
const port = Number(process.env.SERVE_PORT ?? 0) || (await freePort());
const config = loadConfig({
  NODE_ENV: 'test',
  QLDV_DATA_DIR: database === 'pglite' ? 'memory://' : database.startsWith('postgres') ? 'memory://' : database,
  ...(database.startsWith('postgres') ? { DATABASE_URL: database } : {}),
  SIM_SMTP_PORT: '0',
  SIM_SMPP_PORT: '0',
  PORT: String(port),
  PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
  QLDV_WORKERS: 'true',
  LOG_LEVEL: 'silent',
  QLDV_DEMO_PASSWORD: 'Qldv@2026',
  QLDV_RATE_LIMIT: '100000000',
  QLDV_LOGIN_RATE_LIMIT: '100000000',
  ...(JSON.parse(process.env.SERVE_ENV ?? '{}') as Record<string, string>),
});
const clock = process.env.SERVE_NOW ? new FixedClock(process.env.SERVE_NOW) : systemClock;
const system = await createSystem(config, { clock, http: true, background: true });
await system.server!.listen({ port, host: '127.0.0.1' });
console.log(`ready ${port}`);
const stop = () => void system.close().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
