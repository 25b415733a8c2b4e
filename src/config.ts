import { createHmac, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * The one validated configuration object and the only reader of `process.env`.
 * A bad value stops the boot with a message naming the variable.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));
const port = z.coerce.number().int().min(0).max(65535);
/** A comma-separated list of IPv4/IPv6 addresses or CIDR ranges. */
const ipList = z
  .string()
  .transform((v) => v.split(',').map((x) => x.trim()).filter(Boolean))
  .pipe(z.array(z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()])).min(1, 'must list at least one address'));
/** A comma-separated list of http(s) URLs. */
const urlList = z
  .string()
  .transform((v) => v.split(',').map((x) => x.trim().replace(/\/$/, '')).filter(Boolean))
  .pipe(z.array(z.url({ protocol: /^https?$/ })).min(1, 'must list at least one URL'));
/** An OpenID Connect issuer, exactly as its discovery document and tokens spell it. */
const issuerUrl = z.url({ protocol: /^https?$/ });
const taxCode = z.string().regex(/^\d{10}(-\d{3})?$/, 'must be 10 digits or 10-3 digits');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  QLDV_DATA_DIR: z.string().min(1).default('./data'),
  PUBLIC_BASE_URL: z.url().optional(),
  QLDV_SIMULATORS: bool.optional(),
  QLDV_DEMO_DATA: bool.optional(),
  QLDV_DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').default('Qldv@2026'),
  QLDV_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  QLDV_AUDIT_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  QLDV_AUDIT_CHECKPOINT_FILE: z.string().min(1).optional(),
  QLDV_AUDIT_CHECKPOINT_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  QLDV_SESSION_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  QLDV_WORKERS: bool.default(true),
  QLDV_RATE_LIMIT: z.coerce.number().int().min(1).default(1200),
  QLDV_LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).default(20),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
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
  QLDV_TRUSTED_PROXIES: ipList.optional(),
  VNPAY_TMN_CODE: z.string().regex(/^[A-Za-z0-9]{8}$/, 'VNPay terminal codes are 8 letters or digits').optional(),
  VNPAY_HASH_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  VNPAY_PAY_URL: z.url().optional(),
  VNPAY_API_URL: z.url().optional(),
  VNPAY_SERVER_IP: z.ipv4().optional(),
  VNPAY_IPN_ALLOWED_IPS: ipList.optional(),
  EINVOICE_URL: z.url().optional(),
  EINVOICE_USERNAME: z.string().min(1).optional(),
  EINVOICE_PASSWORD: z.string().min(1).optional(),
  EINVOICE_UNIT_CODE: z.string().min(1).max(20).optional(),
  EINVOICE_PROVIDER_TAX_CODE: taxCode.optional(),
  EINVOICE_SELLER_TAX_CODE: taxCode.optional(),
  EINVOICE_SELLER_NAME: z.string().min(3).max(400).optional(),
  EINVOICE_SELLER_ADDRESS: z.string().min(3).max(400).optional(),
  EINVOICE_SELLER_PHONE: z.string().regex(/^[0-9+ .-]{3,20}$/).optional(),
  EINVOICE_SELLER_EMAIL: z.email().optional(),
  EINVOICE_SELLER_BANK_ACCOUNT: z.string().min(3).max(40).optional(),
  EINVOICE_SELLER_BANK_NAME: z.string().min(3).max(200).optional(),
  EINVOICE_SERIES: z
    .string()
    .regex(/^[CK]YY[TDLMNBGH][A-Z0-9]{2}$/, 'must look like CYYTMB: C or K, the literal YY (the year), the type letter, 2 characters')
    .default('CYYTMB'),
  BHTT_URL: z.url().optional(),
  BHTT_API_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  QLKH_URL: z.url().optional(),
  QLKH_API_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  EVOUCHER_URL: z.url().optional(),
  EVOUCHER_API_KEY: z.string().min(16, 'must be at least 16 characters').optional(),
  PAYMENT_LINK_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  EKYC_IMAGE_KEY: z
    .string()
    .regex(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=)$/, 'must be 32 bytes as 64 hex digits or base64 (openssl rand -base64 32)')
    .optional(),
  EKYC_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  EKYC_FACE_THRESHOLD: z.coerce.number().min(0).max(1).default(0.8),
  EKYC_MIN_FACE_PX: z.coerce.number().int().min(16).max(2000).default(64),
  EKYC_LIVENESS_THRESHOLD: z.coerce.number().min(0).max(1).default(0.5),
  /** A file or directory of CSCA certificates (PEM/DER), CRLs (.crl) and ICAO master lists (.ml) for chip passive authentication. */
  EKYC_CSCA_PATH: z.string().min(1).optional(),
  MEETING_JOIN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  MEETING_GUEST_JOINS_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(20),
  JANUS_URLS: urlList.optional(),
  JANUS_PUBLIC_URLS: urlList.optional(),
  JANUS_ADMIN_KEY: z.string().min(8, 'must be at least 8 characters').optional(),
  JANUS_BIN: z.string().min(1).default('janus'),
  JANUS_ICE_ENFORCE_LIST: z.string().regex(/^[\w.:,-]+$/, 'a comma-separated list of interfaces or address prefixes').optional(),
  JANUS_PUBLIC_IP: z.ipv4().optional(),
  JANUS_RTP_PORTS: z.string().regex(/^\d{4,5}-\d{4,5}$/, 'must look like 20000-40000').optional(),
  SIM_SMTP_PORT: port.default(2525),
  SIM_SMPP_PORT: port.default(2775),
  OIDC_GOOGLE_CLIENT_ID: z.string().min(1).max(500).optional(),
  OIDC_GOOGLE_CLIENT_SECRET: z.string().min(1).max(500).optional(),
  OIDC_GOOGLE_ISSUER: issuerUrl.optional(),
  OIDC_APPLE_CLIENT_ID: z.string().min(1).max(500).optional(),
  OIDC_APPLE_TEAM_ID: z.string().regex(/^[A-Z0-9]{10}$/, 'Apple team ids are 10 capital letters or digits').optional(),
  OIDC_APPLE_KEY_ID: z.string().regex(/^[A-Z0-9]{10}$/, 'Apple key ids are 10 capital letters or digits').optional(),
  OIDC_APPLE_PRIVATE_KEY: z.string().min(1).optional(),
  OIDC_APPLE_PRIVATE_KEY_PATH: z.string().min(1).optional(),
  OIDC_APPLE_ISSUER: issuerUrl.optional(),
});

export type Env = z.input<typeof envSchema>;
/** Every variable read (the README's configuration table documents each). */
export const ENV_VARIABLES = Object.keys(envSchema.shape);

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicBaseUrl: string;
  database: { kind: 'postgres'; url: string; poolSize?: number } | { kind: 'pglite'; dataDir: string };
  simulators: boolean;
  demoData: boolean;
  demoPassword: string;
  sessionSecret: string;
  auditKey: string;
  /** Where the signed audit head is kept outside the database (null: in memory) and its key (none: derived from auditKey). */
  auditCheckpoint: { file: string | null; key?: string };
  sessionHours: number;
  workers: boolean;
  logLevel: string;
  /** `pretty` lines for a developer's terminal (the default in development), JSON lines for machines. */
  logFormat: 'pretty' | 'json';
  /** Requests per minute per client IP: everything, and the sign-in and registration endpoints. */
  rateLimit: { perMinute: number; loginPerMinute: number };
  /** No host / url: the built-in simulator is used (only allowed when simulators are on). */
  smtp: { host?: string; port: number; secure: boolean; user?: string; password?: string; from: string };
  smpp: { url?: string; systemId: string; password: string; shortCode: string };
  /** Addresses of reverse proxies whose X-Forwarded-For is believed; empty: the socket address is the client. */
  trustedProxies: string[];
  /**
   * No payUrl/apiUrl: the built-in VNPay simulator on this server (only allowed when simulators are on).
   * serverIp is this server's public address, sent as vnp_IpAddr on querydr and refund calls.
   * ipnAllowedIps: when set, IPNs from any other address are refused.
   */
  vnpay: { tmnCode: string; hashSecret: string; payUrl?: string; apiUrl?: string; serverIp: string; ipnAllowedIps: string[]; linkDays: number };
  /** No provider: the built-in e-invoice simulator (only allowed when simulators are on). */
  einvoice: {
    provider?: { url: string; username: string; password: string; unitCode: string };
    providerTaxCode: string | null;
    seller: { taxCode?: string; name?: string; address?: string; phone?: string; email?: string; bankAccount?: string; bankName?: string };
    /** e.g. CYYTMB: C (with the tax authority's code) or K, YY the year, the type letter, the 2-character suffix. */
    series: { withTaxAuthorityCode: boolean; typeLetter: 'T' | 'D' | 'L' | 'M' | 'N' | 'B' | 'G' | 'H'; suffix: string };
  };
  /** No url: the built-in BHTT simulator (only allowed when simulators are on). */
  bhtt: { url?: string; apiKey?: string };
  /** HT TC QLKH (subscribers, debt clearing) and eVoucher (top-up); no url: the built-in ledger simulator. */
  qlkh: { url?: string; apiKey?: string };
  evoucher: { url?: string; apiKey?: string };
  /** eKYC: the AES-256-GCM key of stored images, how long requests keep personal data, the decision's thresholds. */
  ekyc: { imageKey: string; retentionDays: number; faceMatchThreshold: number; minFaceSizePx: number; livenessThreshold: number; cscaPath?: string };
  sim: { smtpPort: number; smppPort: number };
  /**
   * Meeting. joinSecret signs join tokens (derived from the session secret when unset);
   * guestJoinsPerMinute: guest joins per address per minute. The media plane: janusUrls: the Janus instances' API bases (empty: `npm start` launches a local
   * Janus when the binary is installed). publicUrls: what browsers use for each instance (same order;
   * empty: our server proxies Janus's API). adminKey: the VideoRoom admin_key of those instances.
   * The rest configures the launched local Janus.
   */
  meeting: {
    joinSecret: string;
    guestJoinsPerMinute: number;
    janusUrls: string[];
    janusPublicUrls: string[];
    janusAdminKey?: string;
    janusBin: string;
    iceEnforceList: string[];
    publicIp?: string;
    rtpPorts?: string;
  };
  /** Sign-in with Google and Apple (OpenID Connect): a provider is listed only when configured (off by default). */
  oidc: OidcProviderConfig[];
}

/**
 * One OpenID Connect provider. `clientAuth`: how the token endpoint is called — a client secret (Google),
 * or Apple's client secret, an ES256 JWT signed per request with the team's key (PKCS#8 PEM).
 */
export interface OidcProviderConfig {
  id: 'google' | 'apple';
  issuer: string;
  clientId: string;
  clientAuth: { kind: 'secret'; secret: string } | { kind: 'apple_jwt'; teamId: string; keyId: string; privateKeyPem: string };
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const DEV_SESSION_SECRET = 'dev-only-session-secret-change-me-in-production!';
const DEV_AUDIT_KEY = 'dev-only-audit-chain-key-change-me-in-production!!';
/** 32 bytes in hex, for development and tests only (production requires EKYC_IMAGE_KEY). */
const DEV_EKYC_IMAGE_KEY = '64657620656b796320696d616765206b657920646f206e6f7420757365212121';

/** Simulator credentials: used only while simulators run, never in production. */
export const SIMULATOR_VNPAY = { tmnCode: 'QLDVSIM1', hashSecret: 'QLDVSIMULATORHASHSECRET2026ABCDEF', serverIp: '127.0.0.1' } as const;

/** Without simulators every outside system needs its address and credentials. */
const REQUIRED_WITHOUT_SIMULATORS = [
  'SMTP_HOST',
  'SMPP_URL',
  'VNPAY_TMN_CODE',
  'VNPAY_HASH_SECRET',
  'VNPAY_PAY_URL',
  'VNPAY_API_URL',
  'VNPAY_SERVER_IP',
  'EINVOICE_URL',
  'EINVOICE_USERNAME',
  'EINVOICE_PASSWORD',
  'EINVOICE_UNIT_CODE',
  'BHTT_URL',
  'BHTT_API_KEY',
  'QLKH_URL',
  'QLKH_API_KEY',
  'EVOUCHER_URL',
  'EVOUCHER_API_KEY',
] as const;

/** What production cannot run without (the outside systems, secrets, and the seller on every invoice): each missing one is named at boot. */
export const REQUIRED_IN_PRODUCTION = [
  'QLDV_SESSION_SECRET',
  'QLDV_AUDIT_KEY',
  'EKYC_IMAGE_KEY',
  'DATABASE_URL',
  'PUBLIC_BASE_URL',
  ...REQUIRED_WITHOUT_SIMULATORS,
  'EINVOICE_SELLER_TAX_CODE',
  'EINVOICE_SELLER_NAME',
  'EINVOICE_SELLER_ADDRESS',
] as const;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const simulators = e.QLDV_SIMULATORS ?? !production;
  const problems: string[] = [];
  if (production) {
    for (const name of REQUIRED_IN_PRODUCTION) if (e[name] === undefined) problems.push(`${name}: required in production`);
    if (simulators) problems.push('QLDV_SIMULATORS: simulators cannot run in production');
    if (e.QLDV_DEMO_DATA) problems.push('QLDV_DEMO_DATA: demo accounts (with the published password) cannot be seeded in production');
  } else if (!simulators) {
    for (const name of REQUIRED_WITHOUT_SIMULATORS) if (e[name] === undefined) problems.push(`${name}: required when simulators are off`);
  }
  if (e.JANUS_PUBLIC_URLS && e.JANUS_PUBLIC_URLS.length !== (e.JANUS_URLS?.length ?? 0))
    problems.push('JANUS_PUBLIC_URLS: must list one URL per JANUS_URLS entry, in the same order');
  const oidc = oidcProviders(e, production, problems);
  if (problems.length) throw new ConfigError([...new Set(problems)]);
  const series = e.EINVOICE_SERIES;
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT || 3000}`).replace(/\/$/, ''),
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE }
      : { kind: 'pglite', dataDir: e.QLDV_DATA_DIR },
    simulators,
    demoData: e.QLDV_DEMO_DATA ?? !production,
    demoPassword: e.QLDV_DEMO_PASSWORD,
    sessionSecret: e.QLDV_SESSION_SECRET ?? DEV_SESSION_SECRET,
    auditKey: e.QLDV_AUDIT_KEY ?? DEV_AUDIT_KEY,
    auditCheckpoint: {
      file: e.QLDV_AUDIT_CHECKPOINT_FILE ?? (e.QLDV_DATA_DIR.startsWith('memory://') ? null : `${e.QLDV_DATA_DIR.replace(/\/$/, '')}/audit-checkpoint.json`),
      key: e.QLDV_AUDIT_CHECKPOINT_KEY,
    },
    sessionHours: e.QLDV_SESSION_HOURS,
    workers: e.QLDV_WORKERS,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (e.NODE_ENV === 'development' ? 'pretty' : 'json'),
    rateLimit: { perMinute: e.QLDV_RATE_LIMIT, loginPerMinute: e.QLDV_LOGIN_RATE_LIMIT },
    trustedProxies: e.QLDV_TRUSTED_PROXIES ?? [],
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
    vnpay: {
      tmnCode: e.VNPAY_TMN_CODE ?? SIMULATOR_VNPAY.tmnCode,
      hashSecret: e.VNPAY_HASH_SECRET ?? SIMULATOR_VNPAY.hashSecret,
      payUrl: e.VNPAY_PAY_URL,
      apiUrl: e.VNPAY_API_URL,
      serverIp: e.VNPAY_SERVER_IP ?? SIMULATOR_VNPAY.serverIp,
      ipnAllowedIps: e.VNPAY_IPN_ALLOWED_IPS ?? [],
      linkDays: e.PAYMENT_LINK_DAYS,
    },
    einvoice: {
      provider: e.EINVOICE_URL
        ? { url: e.EINVOICE_URL, username: e.EINVOICE_USERNAME ?? '', password: e.EINVOICE_PASSWORD ?? '', unitCode: e.EINVOICE_UNIT_CODE ?? '' }
        : undefined,
      providerTaxCode: e.EINVOICE_PROVIDER_TAX_CODE ?? null,
      seller: {
        taxCode: e.EINVOICE_SELLER_TAX_CODE,
        name: e.EINVOICE_SELLER_NAME,
        address: e.EINVOICE_SELLER_ADDRESS,
        phone: e.EINVOICE_SELLER_PHONE,
        email: e.EINVOICE_SELLER_EMAIL,
        bankAccount: e.EINVOICE_SELLER_BANK_ACCOUNT,
        bankName: e.EINVOICE_SELLER_BANK_NAME,
      },
      series: { withTaxAuthorityCode: series[0] === 'C', typeLetter: series[3] as Config['einvoice']['series']['typeLetter'], suffix: series.slice(4) },
    },
    bhtt: { url: e.BHTT_URL, apiKey: e.BHTT_API_KEY },
    qlkh: { url: e.QLKH_URL, apiKey: e.QLKH_API_KEY },
    evoucher: { url: e.EVOUCHER_URL, apiKey: e.EVOUCHER_API_KEY },
    ekyc: {
      imageKey: e.EKYC_IMAGE_KEY ?? DEV_EKYC_IMAGE_KEY,
      retentionDays: e.EKYC_RETENTION_DAYS,
      faceMatchThreshold: e.EKYC_FACE_THRESHOLD,
      minFaceSizePx: e.EKYC_MIN_FACE_PX,
      livenessThreshold: e.EKYC_LIVENESS_THRESHOLD,
      cscaPath: e.EKYC_CSCA_PATH,
    },
    sim: { smtpPort: e.SIM_SMTP_PORT, smppPort: e.SIM_SMPP_PORT },
    meeting: {
      joinSecret: e.MEETING_JOIN_SECRET ?? createHmac('sha256', e.QLDV_SESSION_SECRET ?? DEV_SESSION_SECRET).update('meeting-join-token').digest('hex'),
      guestJoinsPerMinute: e.MEETING_GUEST_JOINS_PER_MINUTE,
      janusUrls: e.JANUS_URLS ?? [],
      janusPublicUrls: e.JANUS_PUBLIC_URLS ?? [],
      janusAdminKey: e.JANUS_ADMIN_KEY,
      janusBin: e.JANUS_BIN,
      iceEnforceList: e.JANUS_ICE_ENFORCE_LIST?.split(',').filter(Boolean) ?? [],
      publicIp: e.JANUS_PUBLIC_IP,
      rtpPorts: e.JANUS_RTP_PORTS,
    },
    oidc,
  };
}

type ParsedEnv = z.output<typeof envSchema>;

/**
 * Google and Apple sign-in: a provider is on when any of its variables is set, and then every variable it
 * needs must be set (a half-configured provider stops the boot, naming what is missing).
 */
function oidcProviders(e: ParsedEnv, production: boolean, problems: string[]): OidcProviderConfig[] {
  const out: OidcProviderConfig[] = [];
  const missing = (group: (keyof ParsedEnv)[], required: (keyof ParsedEnv)[], provider: string) => {
    const set = group.filter((k) => e[k] !== undefined);
    if (set.length === 0) return true;
    const absent = required.filter((k) => e[k] === undefined);
    for (const k of absent) problems.push(`${k}: required for ${provider} sign-in (${set.join(', ')} ${set.length > 1 ? 'are' : 'is'} set)`);
    return absent.length > 0;
  };
  const httpsOnly = (name: 'OIDC_GOOGLE_ISSUER' | 'OIDC_APPLE_ISSUER') => {
    if (production && e[name]?.startsWith('http:')) problems.push(`${name}: must be an https:// URL in production`);
  };
  const google = ['OIDC_GOOGLE_CLIENT_ID', 'OIDC_GOOGLE_CLIENT_SECRET', 'OIDC_GOOGLE_ISSUER'] as const;
  if (!missing([...google], ['OIDC_GOOGLE_CLIENT_ID', 'OIDC_GOOGLE_CLIENT_SECRET'], 'Google')) {
    httpsOnly('OIDC_GOOGLE_ISSUER');
    out.push({
      id: 'google',
      issuer: e.OIDC_GOOGLE_ISSUER ?? 'https://accounts.google.com',
      clientId: e.OIDC_GOOGLE_CLIENT_ID!,
      clientAuth: { kind: 'secret', secret: e.OIDC_GOOGLE_CLIENT_SECRET! },
    });
  }
  const apple = ['OIDC_APPLE_CLIENT_ID', 'OIDC_APPLE_TEAM_ID', 'OIDC_APPLE_KEY_ID', 'OIDC_APPLE_PRIVATE_KEY', 'OIDC_APPLE_PRIVATE_KEY_PATH', 'OIDC_APPLE_ISSUER'] as const;
  const keyVar = e.OIDC_APPLE_PRIVATE_KEY_PATH !== undefined ? 'OIDC_APPLE_PRIVATE_KEY_PATH' : 'OIDC_APPLE_PRIVATE_KEY';
  if (!missing([...apple], ['OIDC_APPLE_CLIENT_ID', 'OIDC_APPLE_TEAM_ID', 'OIDC_APPLE_KEY_ID', keyVar], 'Apple')) {
    httpsOnly('OIDC_APPLE_ISSUER');
    if (e.OIDC_APPLE_PRIVATE_KEY !== undefined && e.OIDC_APPLE_PRIVATE_KEY_PATH !== undefined)
      problems.push('OIDC_APPLE_PRIVATE_KEY_PATH: set either OIDC_APPLE_PRIVATE_KEY or OIDC_APPLE_PRIVATE_KEY_PATH, not both');
    const pem = applePrivateKey(e, keyVar, problems);
    if (pem) {
      out.push({
        id: 'apple',
        issuer: e.OIDC_APPLE_ISSUER ?? 'https://appleid.apple.com',
        clientId: e.OIDC_APPLE_CLIENT_ID!,
        clientAuth: { kind: 'apple_jwt', teamId: e.OIDC_APPLE_TEAM_ID!, keyId: e.OIDC_APPLE_KEY_ID!, privateKeyPem: pem },
      });
    }
  }
  return out;
}

/** Apple's key (the .p8 file Apple gives: PKCS#8 PEM of a P-256 key), from the variable (`\n` allowed) or the file. */
function applePrivateKey(e: ParsedEnv, keyVar: 'OIDC_APPLE_PRIVATE_KEY' | 'OIDC_APPLE_PRIVATE_KEY_PATH', problems: string[]): string | undefined {
  let pem: string;
  if (keyVar === 'OIDC_APPLE_PRIVATE_KEY_PATH') {
    try {
      pem = readFileSync(e.OIDC_APPLE_PRIVATE_KEY_PATH!, 'utf8');
    } catch (err) {
      problems.push(`OIDC_APPLE_PRIVATE_KEY_PATH: cannot read ${e.OIDC_APPLE_PRIVATE_KEY_PATH} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      return undefined;
    }
  } else pem = e.OIDC_APPLE_PRIVATE_KEY!.replace(/\\n/g, '\n');
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return pem.trim();
  } catch {
    /* named below */
  }
  problems.push(`${keyVar}: must be the PKCS#8 PEM of a P-256 (ES256) key, as Apple's .p8 file`);
  return undefined;
}
