import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { freePort } from '../test/free-port.ts';
import { productionExample } from '../test/production-env.ts';
import { driver, freshDatabaseUrl, noDatabase } from '../test/system.ts';

const run = promisify(execFile);

/** A clean environment: nothing of the test runner's (NODE_ENV=test, QLDV_TEST_DB …) leaks in. */
const cleanEnv = (env: Record<string, string>) => ({ PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env });

async function waitForHealthz(url: string, child: { exitCode: number | null }, ms: number): Promise<Response> {
  const until = Date.now() + ms;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before answering`);
    const res = await fetch(url).catch(() => null);
    if (res) return res;
    if (Date.now() > until) throw new Error(`no answer from ${url} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('production boot (node src/main.ts with NODE_ENV=production)', () => {
  it('with one required variable missing, exits non-zero and names it', async () => {
    const { VNPAY_HASH_SECRET: _gone, ...env } = productionExample();
    const r = await run(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env: cleanEnv(env), timeout: 30_000 }).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/VNPAY_HASH_SECRET: required in production/);
  });

  it.skipIf(driver !== 'postgres' || noDatabase)(
    'boots from deploy/production.env.example with simulators and demo data off, outside systems unreachable; answers /healthz; the first admin is created with the CLI',
    async () => {
      const port = await freePort();
      const nobody = await freePort(); // nothing listens here: boot must not need SMTP, the SMSC, VNPay or the e-invoice provider
      const base = `http://127.0.0.1:${port}`;
      const env = cleanEnv({
        ...productionExample(),
        DATABASE_URL: (await freshDatabaseUrl())!,
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_BASE_URL: base,
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(nobody),
        SMPP_URL: `smpp://127.0.0.1:${nobody}`,
        VNPAY_PAY_URL: `http://127.0.0.1:${nobody}/paymentv2/vpcpay.html`,
        VNPAY_API_URL: `http://127.0.0.1:${nobody}/merchant_webapi/api/transaction`,
        EINVOICE_URL: `http://127.0.0.1:${nobody}`,
        LOG_LEVEL: 'error',
      });
      const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      server.stdout.on('data', (d) => (output += d));
      server.stderr.on('data', (d) => (output += d));
      const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
      try {
        const health = await waitForHealthz(`${base}/healthz`, server, 45_000).catch((err) => {
          throw new Error(`${(err as Error).message}\n${output}`);
        });
        expect(health.status).toBe(200);
        expect(await health.json()).toMatchObject({ ok: true, database: 'postgres', smpp: 'down' });
        expect(output).toMatch(/simulators: off/);

        const login = (username: string, password: string) =>
          fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
        expect((await login('admin', 'Qldv@2026')).status).toBe(401); // no demo accounts in production

        const cli = await run(process.execPath, ['bin/qldv.mjs', 'users', 'create', '--username', 'root', '--password', 'Quantri@2026x', '--full-name', 'Quản trị hệ thống', '--email', 'root@mobifone.vn', '--roles', 'admin'], { env, timeout: 45_000 });
        expect(cli.stdout).toMatch(/created root \(usr_/);
        const signedIn = await login('root', 'Quantri@2026x');
        expect(signedIn.status).toBe(200);
        expect((await signedIn.json()).user.roles).toEqual(['admin']);
      } finally {
        server.kill('SIGTERM');
      }
      expect(await exited).toBe(0);
    },
    120_000,
  );
});
