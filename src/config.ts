import { z } from 'zod';

/**
 * The one validated configuration object and the only reader of `process.env`.
 * A bad value stops the boot with a message naming the variable.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));
const port = z.coerce.number().int().min(0).max(65535);

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  QLDV_DATA_DIR: z.string().min(1).default('./data'),
  PUBLIC_BASE_URL: z.url().optional(),
  QLDV_SIMULATORS: bool.optional(),
  QLDV_DEMO_DATA: bool.optional(),
  QLDV_DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').default('Qldv@2026'),
  QLDV_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  QLDV_AUDIT_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  QLDV_SESSION_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  QLDV_WORKERS: bool.default(true),
  QLDV_RATE_LIMIT: z.coerce.number().int().min(1).default(1200),
  QLDV_LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: port.default(587),
  SMTP_SECURE: bool.default(false),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  MAIL_FROM: z.string().min(3).default('QLDV MobiFone <no-reply@qldv.mobifone.vn>'),
  SMPP_URL: z
    .string()
    .regex(/^smpps?:\/\/[^:/]+:\d+$/, 'must look like smpp://host:port')
    .optional(),
  SMPP_SYSTEM_ID: z.string().min(1).max(16).default('qldv'),
  SMPP_PASSWORD: z.string().max(9).default('qldv-sms'),
  SMS_SHORT_CODE: z.string().regex(/^\d{3,6}$/).default('9223'),
  VNPAY_TMN_CODE: z.string().regex(/^[A-Za-z0-9]{8}$/, 'VNPay terminal codes are 8 letters or digits').default('QLDVSIM1'),
  VNPAY_HASH_SECRET: z.string().min(16, 'must be at least 16 characters').default('QLDVSIMULATORHASHSECRET2026ABCDEF'),
  VNPAY_PAY_URL: z.url().optional(),
  VNPAY_API_URL: z.url().optional(),
  PAYMENT_LINK_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  SIM_SMTP_PORT: port.default(2525),
  SIM_SMPP_PORT: port.default(2775),
});

export type Env = z.input<typeof envSchema>;

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicBaseUrl: string;
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  simulators: boolean;
  demoData: boolean;
  demoPassword: string;
  sessionSecret: string;
  auditKey: string;
  sessionHours: number;
  workers: boolean;
  logLevel: string;
  /** Requests per minute per client IP: everything, and the sign-in and registration endpoints. */
  rateLimit: { perMinute: number; loginPerMinute: number };
  /** No host / url: the built-in simulator is used (only allowed when simulators are on). */
  smtp: { host?: string; port: number; secure: boolean; user?: string; password?: string; from: string };
  smpp: { url?: string; systemId: string; password: string; shortCode: string };
  /** No payUrl/apiUrl: the built-in VNPay simulator on this server (only allowed when simulators are on). */
  vnpay: { tmnCode: string; hashSecret: string; payUrl?: string; apiUrl?: string; linkDays: number };
  sim: { smtpPort: number; smppPort: number };
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const DEV_SESSION_SECRET = 'dev-only-session-secret-change-me-in-production!';
const DEV_AUDIT_KEY = 'dev-only-audit-chain-key-change-me-in-production!!';

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (production && !e.QLDV_SESSION_SECRET) throw new ConfigError(['QLDV_SESSION_SECRET: required in production']);
  if (production && !e.QLDV_AUDIT_KEY) throw new ConfigError(['QLDV_AUDIT_KEY: required in production']);
  const simulators = e.QLDV_SIMULATORS ?? !production;
  if (production && simulators) {
    throw new ConfigError(['QLDV_SIMULATORS: simulators cannot run in production']);
  }
  if (!simulators && !e.SMTP_HOST) throw new ConfigError(['SMTP_HOST: required when simulators are off']);
  if (!simulators && !e.SMPP_URL) throw new ConfigError(['SMPP_URL: required when simulators are off']);
  if (!simulators && (!e.VNPAY_PAY_URL || !e.VNPAY_API_URL)) throw new ConfigError(['VNPAY_PAY_URL, VNPAY_API_URL: required when simulators are off']);
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT || 3000}`).replace(/\/$/, ''),
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: e.QLDV_DATA_DIR },
    simulators,
    demoData: e.QLDV_DEMO_DATA ?? !production,
    demoPassword: e.QLDV_DEMO_PASSWORD,
    sessionSecret: e.QLDV_SESSION_SECRET ?? DEV_SESSION_SECRET,
    auditKey: e.QLDV_AUDIT_KEY ?? DEV_AUDIT_KEY,
    sessionHours: e.QLDV_SESSION_HOURS,
    workers: e.QLDV_WORKERS,
    logLevel: e.LOG_LEVEL,
    rateLimit: { perMinute: e.QLDV_RATE_LIMIT, loginPerMinute: e.QLDV_LOGIN_RATE_LIMIT },
    smtp: {
      host: e.SMTP_HOST,
      port: e.SMTP_PORT,
      secure: e.SMTP_SECURE,
      user: e.SMTP_USER,
      password: e.SMTP_PASSWORD,
      from: e.MAIL_FROM,
    },
    smpp: {
      url: e.SMPP_URL,
      systemId: e.SMPP_SYSTEM_ID,
      password: e.SMPP_PASSWORD,
      shortCode: e.SMS_SHORT_CODE,
    },
    vnpay: { tmnCode: e.VNPAY_TMN_CODE, hashSecret: e.VNPAY_HASH_SECRET, payUrl: e.VNPAY_PAY_URL, apiUrl: e.VNPAY_API_URL, linkDays: e.PAYMENT_LINK_DAYS },
    sim: { smtpPort: e.SIM_SMTP_PORT, smppPort: e.SIM_SMPP_PORT },
  };
}
