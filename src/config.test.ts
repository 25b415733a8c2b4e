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

  it('DATABASE_URL switches to PostgreSQL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/qldv' }).database).toEqual({ kind: 'postgres', url: 'postgres://u:p@db:5432/qldv' });
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
});
