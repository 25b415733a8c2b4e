/** The whole system with the fake MeetingDirectory and a fixed clock, listening on a real port (WebSockets need one). */
import { createSystem, type System } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { LIVE_WS_PATH } from '../../src/modules/meeting/contract.ts';
import { FixedClock } from '../../src/platform/clock.ts';
import { freePort } from '../free-port.ts';
import { FakeMeetingDirectory } from './fake-directory.ts';

export interface LiveTestSystem {
  system: System;
  clock: FixedClock;
  directory: FakeMeetingDirectory;
  wsUrl: string;
  baseUrl: string;
  close(): Promise<void>;
}

export async function startLiveSystem(opts: { databaseUrl?: string; env?: Record<string, string>; clock?: FixedClock; directory?: FakeMeetingDirectory } = {}): Promise<LiveTestSystem> {
  const clock = opts.clock ?? new FixedClock('2026-03-02T02:00:00Z');
  const directory = opts.directory ?? new FakeMeetingDirectory();
  const port = await freePort();
  const config = loadConfig({
    NODE_ENV: 'test',
    QLDV_DATA_DIR: 'memory://',
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
    SIM_SMTP_PORT: '0',
    SIM_SMPP_PORT: '0',
    PORT: String(port),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    QLDV_WORKERS: 'false',
    LOG_LEVEL: 'silent',
    QLDV_RATE_LIMIT: '100000',
    QLDV_LOGIN_RATE_LIMIT: '100000',
    ...opts.env,
  });
  const system = await createSystem(config, { clock, meetingDirectory: directory });
  await system.server!.listen({ port, host: '127.0.0.1' });
  return { system, clock, directory, wsUrl: `ws://127.0.0.1:${port}${LIVE_WS_PATH}`, baseUrl: `http://127.0.0.1:${port}`, close: () => system.close() };
}
