import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { createSystem, type System } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { freePort } from '../free-port.ts';
import { startOidcProvider } from '../oidc-provider.ts';
import { seedPostpaidHistory, ShiftedClock } from './e2e-billing.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eBaseUrl: string | null;
    chromiumPath: string | null;
    /** The local OpenID Connect provider behind "Đăng nhập với Google" in the browser journeys. */
    oidcIssuer: string | null;
  }
}

/**
 * Starts the whole system for the browser journeys: in-memory PGlite, simulators on free ports,
 * the job worker running, the built web app served. Chromium missing: skipped locally, fails in CI.
 */
export default async function setup(project: TestProject) {
  const chromium = ['/usr/bin/chromium', spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).stdout.trim()].find((p) => p && existsSync(p));
  if (!chromium) {
    const msg = 'Chromium not found (apt-get install chromium)';
    if (process.env.CI) throw new Error(msg);
    console.warn(`\n⚠  ${msg}: the browser journeys are SKIPPED on this machine.\n`);
    project.provide('e2eBaseUrl', null);
    project.provide('chromiumPath', null);
    project.provide('oidcIssuer', null);
    return;
  }
  if (!existsSync('dist/web/index.html')) execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts'], { stdio: 'inherit' });

  const port = await freePort();
  const clock = new ShiftedClock();
  const google = await startOidcProvider({ clientId: 'qldv-e2e-google', clientSecret: 'qldv-e2e-google-secret', now: () => clock.now() });
  const config = loadConfig({
    NODE_ENV: 'test',
    QLDV_DATA_DIR: 'memory://',
    PORT: String(port),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    HOST: '127.0.0.1',
    SIM_SMTP_PORT: '0',
    SIM_SMPP_PORT: '0',
    LOG_LEVEL: 'warn',
    QLDV_RATE_LIMIT: '100000',
    QLDV_LOGIN_RATE_LIMIT: '100000',
    OIDC_GOOGLE_CLIENT_ID: 'qldv-e2e-google',
    OIDC_GOOGLE_CLIENT_SECRET: 'qldv-e2e-google-secret',
    OIDC_GOOGLE_ISSUER: google.issuer,
  });
  const system: System = await createSystem(config, { clock });
  await seedPostpaidHistory(system, clock);
  const address = await system.server!.listen({ port, host: '127.0.0.1' });
  project.provide('e2eBaseUrl', address);
  project.provide('chromiumPath', chromium);
  project.provide('oidcIssuer', google.issuer);
  return async () => {
    await system.close();
    await google.close();
  };
}
