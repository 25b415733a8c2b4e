import { describe, expect, it } from 'vitest';
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

  it('production turns simulators and demo data off and demands real secrets and endpoints', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/QLDV_SESSION_SECRET/);
    const secrets = { NODE_ENV: 'production', QLDV_SESSION_SECRET: 's'.repeat(32), QLDV_AUDIT_KEY: 'a'.repeat(32) };
    expect(() => loadConfig(secrets)).toThrow(/SMTP_HOST/);
    expect(() => loadConfig({ ...secrets, QLDV_SIMULATORS: 'true' })).toThrow(/QLDV_SIMULATORS/);
    expect(() => loadConfig({ ...secrets, SMTP_HOST: 'smtp.mobifone.vn', SMPP_URL: 'smpp://smsc.mobifone.vn:2775' })).toThrow(/VNPAY_PAY_URL/);
    const c = loadConfig({ ...secrets, SMTP_HOST: 'smtp.mobifone.vn', SMPP_URL: 'smpp://smsc.mobifone.vn:2775', VNPAY_TMN_CODE: 'MOBI0001', VNPAY_HASH_SECRET: 'h'.repeat(32), VNPAY_PAY_URL: 'https://sandbox.vnpayment.vn/paymentv2/vpcpay.html', VNPAY_API_URL: 'https://sandbox.vnpayment.vn/merchant_webapi/api/transaction' });
    expect(c.simulators).toBe(false);
    expect(c.demoData).toBe(false);
    expect(c.smtp).toMatchObject({ host: 'smtp.mobifone.vn', port: 587 });
  });
});
