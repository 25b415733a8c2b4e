import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { productionExample } from '../test/production-env.ts';
import { ConfigError, loadConfig } from './config.ts';

describe('config', () => {
  it('runs on embedded defaults: PGlite in ./data, simulators on, port 3000', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.database).toEqual({ kind: 'pglite', dataDir: './data' });
    expect(c.simulators).toBe(true);
    expect(c.demoData).toBe(true);
    expect(c.smtp.host).toBeUndefined();
    expect(c.publicBaseUrl).toBe('http://localhost:3000');
  });

  it('DATABASE_URL switches to PostgreSQL, with a pool of DATABASE_POOL_SIZE connections (10 unless said)', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/qldv' }).database).toEqual({ kind: 'postgres', url: 'postgres://u:p@db:5432/qldv', poolSize: 10 });
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/qldv', DATABASE_POOL_SIZE: '4' }).database).toMatchObject({ poolSize: 4 });
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/qldv', DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE/);
  });

  it('a bad value stops the boot with a message naming the variable', () => {
    const bad: [Record<string, string>, RegExp][] = [
      [{ PORT: 'eighty' }, /PORT/],
      [{ PORT: '70000' }, /PORT/],
      [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL/],
      [{ QLDV_SIMULATORS: 'maybe' }, /QLDV_SIMULATORS/],
      [{ PUBLIC_BASE_URL: 'not a url' }, /PUBLIC_BASE_URL/],
      [{ QLDV_DEMO_PASSWORD: 'short' }, /QLDV_DEMO_PASSWORD/],
      [{ SMPP_URL: 'http://x' }, /SMPP_URL/],
    ];
    for (const [env, msg] of bad) {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(msg);
    }
  });

  it('production names every missing variable at once and refuses simulator defaults', () => {
    let err: unknown;
    try {
      loadConfig({ NODE_ENV: 'production' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const names = (err as ConfigError).issues.map((i) => i.split(':')[0]);
    for (const n of ['QLDV_SESSION_SECRET', 'QLDV_AUDIT_KEY', 'DATABASE_URL', 'PUBLIC_BASE_URL', 'SMTP_HOST', 'SMPP_URL', 'VNPAY_TMN_CODE', 'VNPAY_HASH_SECRET', 'VNPAY_SERVER_IP', 'EINVOICE_URL', 'EINVOICE_SELLER_TAX_CODE', 'BHTT_URL', 'BHTT_API_KEY']) {
      expect(names).toContain(n);
    }
  });

  it('the example production env file is complete; removing any required line names that variable', () => {
    const env = productionExample();
    const c = loadConfig(env);
    expect(c.simulators).toBe(false);
    expect(c.demoData).toBe(false);
    expect(c.vnpay.hashSecret).toBe(env.VNPAY_HASH_SECRET);
    expect(c.vnpay.serverIp).toBe(env.VNPAY_SERVER_IP);
    expect(c.einvoice.provider?.url).toBe(env.EINVOICE_URL);
    expect(c.bhtt).toEqual({ url: env.BHTT_URL, apiKey: env.BHTT_API_KEY });
    expect(c.einvoice.series).toEqual({ withTaxAuthorityCode: true, typeLetter: 'T', suffix: 'MB' });
    expect(c.trustedProxies).toEqual(['10.0.0.0/8']);
    for (const name of ['VNPAY_HASH_SECRET', 'EINVOICE_SELLER_TAX_CODE', 'DATABASE_URL']) {
      const { [name]: _gone, ...rest } = env;
      expect(() => loadConfig(rest)).toThrow(new RegExp(`${name}: required in production`));
    }
    expect(() => loadConfig({ ...env, QLDV_SIMULATORS: 'true' })).toThrow(/QLDV_SIMULATORS/);
    expect(() => loadConfig({ ...env, QLDV_DEMO_DATA: 'true' })).toThrow(/QLDV_DEMO_DATA/);
  });

  it('without simulators every outside system needs its address; with them the simulator credentials are used', () => {
    expect(() => loadConfig({ QLDV_SIMULATORS: 'false' })).toThrow(/VNPAY_HASH_SECRET: required when simulators are off/);
    const c = loadConfig({});
    expect(c.vnpay.tmnCode).toBe('QLDVSIM1');
    expect(c.einvoice.provider).toBeUndefined();
    expect(c.trustedProxies).toEqual([]);
  });

  it('lists of addresses are checked', () => {
    expect(() => loadConfig({ QLDV_TRUSTED_PROXIES: '10.0.0.1, not-an-ip' })).toThrow(/QLDV_TRUSTED_PROXIES/);
    expect(loadConfig({ VNPAY_IPN_ALLOWED_IPS: '113.160.92.202, 10.1.0.0/16' }).vnpay.ipnAllowedIps).toEqual(['113.160.92.202', '10.1.0.0/16']);
  });

  describe('sign-in with Google and Apple', () => {
    const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const apple = { OIDC_APPLE_CLIENT_ID: 'vn.mobifone.qldv', OIDC_APPLE_TEAM_ID: 'TEAM123456', OIDC_APPLE_KEY_ID: 'KEY1234567', OIDC_APPLE_PRIVATE_KEY: ecKey };
    const problemsOf = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (e) {
        return (e as ConfigError).issues;
      }
    };

    it('is off by default', () => {
      expect(loadConfig({}).oidc).toEqual([]);
    });

    it('Google with its client id and secret; the issuer defaults to accounts.google.com', () => {
      const c = loadConfig({ OIDC_GOOGLE_CLIENT_ID: 'cid.apps.googleusercontent.com', OIDC_GOOGLE_CLIENT_SECRET: 'GOCSPX-secret' });
      expect(c.oidc).toEqual([
        { id: 'google', issuer: 'https://accounts.google.com', clientId: 'cid.apps.googleusercontent.com', clientAuth: { kind: 'secret', secret: 'GOCSPX-secret' } },
      ]);
    });

    it('Apple with its team, key id and key (inline with \\n, or a file); the issuer defaults to appleid.apple.com', () => {
      const inline = loadConfig({ ...apple, OIDC_APPLE_PRIVATE_KEY: ecKey.replace(/\n/g, '\\n') });
      expect(inline.oidc).toEqual([
        { id: 'apple', issuer: 'https://appleid.apple.com', clientId: 'vn.mobifone.qldv', clientAuth: { kind: 'apple_jwt', teamId: 'TEAM123456', keyId: 'KEY1234567', privateKeyPem: ecKey.trim() } },
      ]);
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'qldv-oidc-')), 'AuthKey_KEY1234567.p8');
      writeFileSync(file, ecKey);
      const { OIDC_APPLE_PRIVATE_KEY: _inline, ...rest } = apple;
      expect(loadConfig({ ...rest, OIDC_APPLE_PRIVATE_KEY_PATH: file }).oidc[0].clientAuth).toMatchObject({ kind: 'apple_jwt', privateKeyPem: ecKey.trim() });
    });

    it('a half-configured provider stops the boot naming each missing variable', () => {
      expect(problemsOf({ OIDC_GOOGLE_CLIENT_ID: 'cid' })).toEqual(['OIDC_GOOGLE_CLIENT_SECRET: required for Google sign-in (OIDC_GOOGLE_CLIENT_ID is set)']);
      expect(problemsOf({ OIDC_GOOGLE_ISSUER: 'https://accounts.google.com' }).map((p) => p.split(':')[0])).toEqual(['OIDC_GOOGLE_CLIENT_ID', 'OIDC_GOOGLE_CLIENT_SECRET']);
      expect(problemsOf({ OIDC_APPLE_CLIENT_ID: 'vn.mobifone.qldv' }).map((p) => p.split(':')[0])).toEqual(['OIDC_APPLE_TEAM_ID', 'OIDC_APPLE_KEY_ID', 'OIDC_APPLE_PRIVATE_KEY']);
      const { OIDC_APPLE_KEY_ID: _k, ...noKeyId } = apple;
      expect(problemsOf(noKeyId)).toEqual([expect.stringMatching(/^OIDC_APPLE_KEY_ID: required for Apple sign-in/)]);
    });

    it('a bad key, an unreadable key file, both key forms, a bad id or an http issuer in production are named', () => {
      const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      expect(problemsOf({ ...apple, OIDC_APPLE_PRIVATE_KEY: rsa })).toEqual([expect.stringMatching(/^OIDC_APPLE_PRIVATE_KEY: must be the PKCS#8 PEM of a P-256/)]);
      expect(problemsOf({ ...apple, OIDC_APPLE_PRIVATE_KEY: 'not a key' })).toEqual([expect.stringMatching(/^OIDC_APPLE_PRIVATE_KEY: /)]);
      const { OIDC_APPLE_PRIVATE_KEY: _inline, ...rest } = apple;
      expect(problemsOf({ ...rest, OIDC_APPLE_PRIVATE_KEY_PATH: '/nonexistent/AuthKey.p8' })).toEqual([expect.stringMatching(/^OIDC_APPLE_PRIVATE_KEY_PATH: cannot read .*ENOENT/)]);
      expect(problemsOf({ ...apple, OIDC_APPLE_PRIVATE_KEY_PATH: '/nonexistent/AuthKey.p8' }).join()).toMatch(/OIDC_APPLE_PRIVATE_KEY_PATH: set either/);
      expect(problemsOf({ ...apple, OIDC_APPLE_TEAM_ID: 'team' }).join()).toMatch(/OIDC_APPLE_TEAM_ID/);
      expect(problemsOf({ OIDC_GOOGLE_CLIENT_ID: 'c', OIDC_GOOGLE_CLIENT_SECRET: 's', OIDC_GOOGLE_ISSUER: 'ftp://x' }).join()).toMatch(/OIDC_GOOGLE_ISSUER/);
      const production = { ...productionExample(), OIDC_GOOGLE_CLIENT_ID: 'c', OIDC_GOOGLE_CLIENT_SECRET: 's', OIDC_GOOGLE_ISSUER: 'http://127.0.0.1:9000' };
      expect(problemsOf(production)).toEqual(['OIDC_GOOGLE_ISSUER: must be an https:// URL in production']);
    });
  });
});
