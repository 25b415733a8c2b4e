/**
 * The server a benchmark loads, in a process of its own (so its RSS is the server's alone and the
 * load generator does not share its event loop): `BENCH_DATABASE` is a postgres:// URL or `pglite`
 * (in memory). Background work runs as in production (job worker, audit sealer). Prints `ready <port>`.
 */
import { createSystem } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { FixedClock } from '../src/platform/clock.ts';
import { freePort } from '../test/free-port.ts';

process.env.TZ = 'UTC';
const target = process.env.BENCH_DATABASE ?? 'pglite';
const port = await freePort();
const config = loadConfig({
  NODE_ENV: 'test',
  QLDV_DATA_DIR: 'memory://',
  ...(target === 'pglite' ? {} : { DATABASE_URL: target }),
  SIM_SMTP_PORT: '0',
  SIM_SMPP_PORT: '0',
  PORT: String(port),
  PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
  QLDV_WORKERS: 'true',
  LOG_LEVEL: 'silent',
  QLDV_DEMO_PASSWORD: 'Qldv@2026',
  QLDV_RATE_LIMIT: '100000000',
  QLDV_LOGIN_RATE_LIMIT: '100000000',
});
const system = await createSystem(config, { clock: new FixedClock(process.env.BENCH_NOW ?? '2026-03-02T02:00:00Z'), http: true, background: true });
await system.server!.listen({ port, host: '127.0.0.1' });
console.log(`ready ${port}`);
const stop = () => void system.close().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
