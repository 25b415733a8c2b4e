import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  MINV_ERRORS,
  MINV_PATHS,
  type MinvCancelRequest,
  type MinvErrorCode,
  type MinvInvoice,
  type MinvInvoiceInfo,
  type MinvLine,
  type MinvLoginRequest,
  type MinvSaveRequest,
} from '../../protocols/minvoice/protocol.ts';
import { silentLogger, type Logger } from '../../platform/log-sink.ts';

/**
 * A local e-invoice provider speaking the M-Invoice-style JSON API of
 * `src/protocols/minvoice/protocol.ts`: login → token; Save keyed by `key_api` (a repeat
 * returns the stored invoice); consecutive numbers per symbol under a per-symbol lock; checks of the
 * symbol, the rate codes and every sum; MCCQT for "C" symbols; replacement links; cancel.
 * Faults can be injected to prove the client's retry and "look up by key before re-issuing" logic.
 * State is in memory. Mount with `app.register(sim.plugin)`, or run it alone with `startEinvoiceSimulator`.
 */
export interface EinvoiceSimulatorOptions {
  username?: string;
  password?: string;
  maDvcs?: string;
  /** Default '' (the API at the root, as on a provider host). */
  basePath?: string;
  clock?: { now(): Date };
  tokenTtlSeconds?: number;
  /** Processing time spent inside the per-symbol lock (to make concurrency visible). Default 0. */
  latencyMs?: number;
  /** How long a `timeout_after_commit` answer is held before the connection is dropped. Default 30 000. */
  hangMs?: number;
  /** Registered symbols; when omitted, any well-formed symbol is accepted. */
  series?: string[];
  logger?: Logger;
}

/**
 * - `down`: the request is answered 503 without being processed (any endpoint, login included);
 * - `timeout_after_commit`: Save (or Cancel) commits, then never answers (the connection is dropped later);
 * - `duplicate`: Save (new or repeated key) answers `DUPLICATE` without the data, after committing;
 * - `skip_number`: the next new invoice skips one number (a provider-side gap).
 */
export type EinvoiceFault = 'down' | 'timeout_after_commit' | 'duplicate' | 'skip_number';

export interface SimInvoice {
  key: string;
  authId: string;
  form: string;
  series: string;
  number: number;
  issuedDate: string;
  mccqt: string | null;
  status: 'issued' | 'cancelled' | 'replaced';
  buyer: string;
  buyerTaxCode: string | null;
  subtotal: bigint;
  vat: bigint;
  total: bigint;
  related: { tchdon: 1 | 2; series: string; number: number } | null;
  replacedBy: string | null;
  cancelReason: string | null;
  createdAt: Date;
  /** The Save body as received. */
  request: MinvInvoice;
}

export interface SimCall {
  at: Date;
  endpoint: 'login' | 'save' | 'info' | 'cancel';
  key: string | null;
  /** `00`, an error code, `HTTP 503`, `hang` … */
  outcome: string;
}

export interface EinvoiceSimulator {
  readonly basePath: string;
  /** Register with `await app.register(sim.plugin)`. */
  plugin(app: AnyFastify): Promise<void>;
  /** The next `times` matching requests suffer `fault`. */
  inject(fault: EinvoiceFault, times?: number): void;
  /** Every request answers 503 until `setDown(false)`. */
  setDown(down: boolean): void;
  /** Snapshots, in issue order. */
  invoices(): SimInvoice[];
  invoice(key: string): SimInvoice | undefined;
  /** The last number given in a symbol (0 when none). */
  lastNumber(series: string): number;
  calls(): SimCall[];
  /** Every session token becomes invalid (the client must log in again). */
  expireTokens(): void;
  /** Forgets invoices, counters, tokens, faults and calls. */
  reset(): void;
  /** Drops held connections (also done when the Fastify instance closes). */
  close(): void;
}

export interface RunningEinvoiceSimulator extends EinvoiceSimulator {
  url: string;
  port: number;
  /** Stops the standalone server. */
  stop(): Promise<void>;
}

type AnyFastify = FastifyInstance<any, any, any, any, any>;

const SYMBOL_RE = /^[CK]\d{2}[TDLMNBGH][A-Z0-9]{2}$/;
const DATE_RE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const TAX_CODE_RE = /^(\d{10}|\d{10}-\d{3}|\d{12})$/;
/** ma_thue → percent; KCT and KKKNT carry no tax. */
const RATES: Record<string, bigint> = { KCT: 0n, KKKNT: 0n, '0': 0n, '5': 5n, '8': 8n, '10': 10n };

class Refusal {
  constructor(
    readonly code: MinvErrorCode,
    readonly detail?: string,
  ) {}
}

const amount = (v: unknown, field: string, required = true): bigint | null => {
  if (v === null || v === undefined) {
    if (required) throw new Refusal('INVALID_REQUEST', `${field} is required`);
    return null;
  }
  if (typeof v === 'number' && Number.isSafeInteger(v)) return BigInt(v);
  if (typeof v === 'string' && /^-?\d{1,18}$/.test(v)) return BigInt(v);
  throw new Refusal('INVALID_REQUEST', `${field} must be a whole number`);
};

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

export function createEinvoiceSimulator(opts: EinvoiceSimulatorOptions = {}): EinvoiceSimulator {
  const base = (opts.basePath ?? '').replace(/\/+$/, '');
  const username = opts.username ?? 'qldv';
  const password = opts.password ?? 'qldv-einvoice';
  const maDvcs = opts.maDvcs ?? 'VP';
  const clock = opts.clock ?? { now: () => new Date() };
  const ttlMs = (opts.tokenTtlSeconds ?? 3600) * 1000;
  const latencyMs = opts.latencyMs ?? 0;
  const hangMs = opts.hangMs ?? 30_000;
  const log = opts.logger ?? silentLogger;

  let byKey = new Map<string, SimInvoice>();
  let order: SimInvoice[] = [];
  let counters = new Map<string, { last: number; lastDate: string }>();
  let tokens = new Map<string, number>();
  let faults = new Map<EinvoiceFault, number>();
  let down = false;
  let calls: SimCall[] = [];
  const locks = new Map<string, Promise<unknown>>();
  const held = new Map<NodeJS.Timeout, ServerResponse>();

  const today = () => new Date(clock.now().getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
  const take = (f: EinvoiceFault): boolean => {
    const n = faults.get(f) ?? 0;
    if (n <= 0) return false;
    faults.set(f, n - 1);
    return true;
  };
  const record = (endpoint: SimCall['endpoint'], key: string | null, outcome: string) => calls.push({ at: clock.now(), endpoint, key, outcome });
  const fail = (code: MinvErrorCode, detail?: string) => ({ ok: false as const, code, message: detail ? `${MINV_ERRORS[code]}: ${detail}` : MINV_ERRORS[code] });
  const info = (i: SimInvoice): MinvInvoiceInfo => ({
    inv_invoiceAuth_id: i.authId,
    key_api: i.key,
    mau_hd: i.form,
    inv_invoiceSeries: i.series,
    inv_invoiceNumber: i.number,
    inv_invoiceIssuedDate: i.issuedDate,
    mccqt: i.mccqt,
    trang_thai: i.status,
  });
  const ok = (i: SimInvoice) => ({ ok: true as const, code: '00' as const, message: 'Thành công', data: info(i) });
  const snapshot = (i: SimInvoice): SimInvoice => ({ ...i, related: i.related ? { ...i.related } : null });

  /** Runs `fn` alone for this symbol: numbers are given strictly one after another. */
  function withLock<T>(series: string, fn: () => Promise<T>): Promise<T> {
    const prev = locks.get(series) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    locks.set(series, next.catch(() => undefined));
    return next;
  }

  function authorized(req: FastifyRequest): boolean {
    const m = /^(?:Bear|Bearer)\s+([^;\s]+)(?:;(\S+))?$/i.exec(req.headers.authorization ?? '');
    if (!m) return false;
    const exp = tokens.get(m[1]);
    if (exp === undefined || exp < clock.now().getTime()) return false;
    return !m[2] || m[2] === maDvcs;
  }

  /** The checks a provider runs before it gives a number. */
  function validate(d: MinvInvoice): void {
    if (str(d.mau_hd) !== '1') throw new Refusal('INVALID_TEMPLATE', `mau_hd "${d.mau_hd}"`);
    const series = str(d.inv_invoiceSeries);
    if (!SYMBOL_RE.test(series)) throw new Refusal('INVALID_SERIES', `"${series}"`);
    if (opts.series && !opts.series.includes(series)) throw new Refusal('SERIES_NOT_REGISTERED', series);
    const date = str(d.inv_invoiceIssuedDate);
    if (!DATE_RE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw new Refusal('INVALID_DATE', `"${date}"`);
    if (date > today()) throw new Refusal('INVALID_DATE', `${date} is in the future`);
    if (series.slice(1, 3) !== date.slice(2, 4)) throw new Refusal('SERIES_YEAR_MISMATCH', `${series} / ${date}`);
    if (d.inv_currencyCode !== 'VND') throw new Refusal('INVALID_REQUEST', 'only VND');
    const legal = str(d.inv_buyerLegalName);
    const person = str(d.inv_buyerDisplayName);
    const taxCode = str(d.inv_buyerTaxCode);
    if (!legal && !person) throw new Refusal('INVALID_BUYER', 'a buyer name is required');
    if (taxCode && !TAX_CODE_RE.test(taxCode)) throw new Refusal('INVALID_BUYER', `tax code "${taxCode}"`);
    if (legal && !taxCode) throw new Refusal('INVALID_BUYER', 'an organisation needs its tax code');
    if (!taxCode && !person) throw new Refusal('INVALID_BUYER', 'a buyer without tax code needs the person\'s full name');

    const lines: MinvLine[] = Array.isArray(d.details) ? d.details.flatMap((g) => (Array.isArray(g?.data) ? g.data : [])) : [];
    if (lines.length === 0) throw new Refusal('INVALID_REQUEST', 'no lines');
    const buckets = new Map<string, bigint>();
    let discount = 0n;
    lines.forEach((l, i) => {
      const at = `line ${i + 1}`;
      if (![1, 2, 3, 4].includes(l.tchat)) throw new Refusal('INVALID_REQUEST', `${at}: tchat ${l.tchat}`);
      if (!str(l.inv_itemName)) throw new Refusal('INVALID_REQUEST', `${at}: inv_itemName is required`);
      if (l.tchat === 4) return;
      const q = amount(l.inv_quantity, `${at}.inv_quantity`, l.tchat === 1);
      const p = amount(l.inv_unitPrice, `${at}.inv_unitPrice`, l.tchat === 1);
      const t = amount(l.inv_TotalAmountWithoutVat, `${at}.inv_TotalAmountWithoutVat`, l.tchat !== 2);
      if (l.tchat === 1 && !str(l.inv_unitCode)) throw new Refusal('INVALID_REQUEST', `${at}: inv_unitCode is required`);
      if (q !== null && p !== null && t !== null && q * p !== t) throw new Refusal('AMOUNT_MISMATCH', `${at}: ${q} × ${p} ≠ ${t}`);
      if (l.tchat === 2) return;
      const rate = str(l.ma_thue);
      if (!(rate in RATES)) throw new Refusal('INVALID_RATE', `${at}: "${l.ma_thue}"`);
      if (t! < 0n) throw new Refusal('AMOUNT_MISMATCH', `${at}: negative amount`);
      if (l.tchat === 3) discount += t!;
      buckets.set(rate, (buckets.get(rate) ?? 0n) + (l.tchat === 3 ? -t! : t!));
    });
    const expected = new Map([...buckets].map(([rate, amt]) => [rate, { amt, vat: (amt * RATES[rate] + 50n) / 100n }]));
    const given = Array.isArray(d.tax_breakdowns) ? d.tax_breakdowns : [];
    if (given.length !== expected.size) throw new Refusal('TAX_MISMATCH', `${given.length} rates given, ${expected.size} in the lines`);
    for (const g of given) {
      const e = expected.get(str(g.ma_thue));
      if (!e || amount(g.thtien, 'thtien') !== e.amt || amount(g.tthue, 'tthue') !== e.vat) {
        throw new Refusal('TAX_MISMATCH', `rate ${g.ma_thue}: expected ${e ? `${e.amt} / ${e.vat}` : 'none'}`);
      }
    }
    const subtotal = [...expected.values()].reduce((s, e) => s + e.amt, 0n);
    const vat = [...expected.values()].reduce((s, e) => s + e.vat, 0n);
    if (amount(d.inv_TotalAmountWithoutVat, 'inv_TotalAmountWithoutVat') !== subtotal) throw new Refusal('TOTAL_MISMATCH', `before VAT should be ${subtotal}`);
    if (amount(d.inv_vatAmount, 'inv_vatAmount') !== vat) throw new Refusal('TOTAL_MISMATCH', `VAT should be ${vat}`);
    if (amount(d.inv_discountAmount, 'inv_discountAmount', false) !== null && amount(d.inv_discountAmount, 'inv_discountAmount') !== discount) throw new Refusal('TOTAL_MISMATCH', `discount should be ${discount}`);
    if (amount(d.inv_TotalAmount, 'inv_TotalAmount') !== subtotal + vat) throw new Refusal('TOTAL_MISMATCH', `total should be ${subtotal + vat}`);
    if (!str(d.amount_to_word)) throw new Refusal('INVALID_REQUEST', 'amount_to_word is required');
    if (d.hdlq) {
      const original = order.find((o) => o.series === d.hdlq!.khieu && o.number === d.hdlq!.shdon && o.form === d.hdlq!.mau_hd);
      if (!original || original.issuedDate !== d.hdlq.ngay) throw new Refusal('ORIGINAL_NOT_FOUND', `${d.hdlq.khieu} ${d.hdlq.shdon} ${d.hdlq.ngay}`);
      if (original.status !== 'issued') throw new Refusal('ORIGINAL_NOT_REPLACEABLE', `${original.series} ${original.number} is ${original.status}`);
      if (![1, 2].includes(d.hdlq.tchdon)) throw new Refusal('INVALID_REQUEST', 'hdlq.tchdon is 1 or 2');
    }
  }

  async function create(d: MinvInvoice): Promise<SimInvoice> {
    const series = str(d.inv_invoiceSeries);
    return withLock(series, async () => {
      if (latencyMs) await new Promise((r) => setTimeout(r, latencyMs));
      const again = byKey.get(d.key_api);
      if (again) return again; // the same key raced in: one invoice
      validate(d); // again inside the lock: the original may have been replaced meanwhile
      const c = counters.get(series) ?? { last: 0, lastDate: '' };
      if (d.inv_invoiceIssuedDate < c.lastDate) throw new Refusal('DATE_BEFORE_LAST', `${d.inv_invoiceIssuedDate} < ${c.lastDate}`);
      if (take('skip_number')) c.last += 1;
      c.last += 1;
      c.lastDate = d.inv_invoiceIssuedDate;
      counters.set(series, c);
      const inv: SimInvoice = {
        key: d.key_api,
        authId: randomBytes(16).toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})/, '$1-$2-$3-$4-'),
        form: d.mau_hd,
        series,
        number: c.last,
        issuedDate: d.inv_invoiceIssuedDate,
        mccqt: series.startsWith('C') ? randomBytes(17).toString('hex').toUpperCase() : null,
        status: 'issued',
        buyer: str(d.inv_buyerLegalName) || str(d.inv_buyerDisplayName),
        buyerTaxCode: str(d.inv_buyerTaxCode) || null,
        subtotal: BigInt(d.inv_TotalAmountWithoutVat),
        vat: BigInt(d.inv_vatAmount),
        total: BigInt(d.inv_TotalAmount),
        related: d.hdlq ? { tchdon: d.hdlq.tchdon, series: d.hdlq.khieu, number: d.hdlq.shdon } : null,
        replacedBy: null,
        cancelReason: null,
        createdAt: clock.now(),
        request: structuredClone(d),
      };
      if (d.hdlq?.tchdon === 1) {
        const original = order.find((o) => o.series === d.hdlq!.khieu && o.number === d.hdlq!.shdon)!;
        original.status = 'replaced';
        original.replacedBy = inv.key;
      }
      byKey.set(inv.key, inv);
      order.push(inv);
      log.info({ key: inv.key, series, number: inv.number }, 'e-invoice issued');
      return inv;
    });
  }

  function hold(reply: FastifyReply): FastifyReply {
    reply.hijack();
    const raw = reply.raw;
    const t = setTimeout(() => {
      held.delete(t);
      raw.destroy();
    }, hangMs);
    held.set(t, raw);
    return reply;
  }

  async function routes(scope: AnyFastify) {
    const hide = { hide: true };
    scope.setErrorHandler((err: { statusCode?: number; message: string }, _req: FastifyRequest, reply: FastifyReply) => {
      const status = err.statusCode && err.statusCode < 500 ? 400 : 500;
      return reply.code(status).send(fail('INVALID_REQUEST', err.message));
    });
    scope.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
      if (down || take('down')) {
        const endpoint = req.url.includes('Login') ? 'login' : req.url.includes('Save') ? 'save' : req.url.includes('Cancel') ? 'cancel' : 'info';
        record(endpoint, null, 'HTTP 503');
        return reply.code(503).send(fail('SERVICE_UNAVAILABLE'));
      }
    });

    scope.post(`${base}${MINV_PATHS.login}`, { schema: hide }, async (req: FastifyRequest, reply: FastifyReply) => {
      const b = (req.body ?? {}) as Partial<MinvLoginRequest>;
      if (b.username !== username || b.password !== password || (b.ma_dvcs && b.ma_dvcs !== maDvcs)) {
        record('login', null, 'UNAUTHORIZED');
        return reply.code(401).send(fail('UNAUTHORIZED', 'sai tên đăng nhập, mật khẩu hoặc mã đơn vị'));
      }
      const token = randomBytes(24).toString('base64url');
      tokens.set(token, clock.now().getTime() + ttlMs);
      record('login', null, '00');
      return { token, ma_dvcs: maDvcs, expires_in: ttlMs / 1000 };
    });

    scope.post(`${base}${MINV_PATHS.save}`, { schema: hide }, async (req: FastifyRequest, reply: FastifyReply) => {
      if (!authorized(req)) {
        record('save', null, 'UNAUTHORIZED');
        return reply.code(401).send(fail('UNAUTHORIZED'));
      }
      const body = req.body as MinvSaveRequest | undefined;
      const d = body?.data?.[0];
      const key = str(d?.key_api);
      if (!body || body.editmode !== 1 || !Array.isArray(body.data) || body.data.length !== 1 || !d || !key || key.length > 50) {
        record('save', key || null, 'INVALID_REQUEST');
        return reply.send(fail('INVALID_REQUEST', 'editmode 1 with exactly one invoice and a key_api of at most 50 characters'));
      }
      let inv = byKey.get(key);
      if (!inv) {
        try {
          validate(d);
          inv = await create(d);
        } catch (err) {
          if (!(err instanceof Refusal)) throw err;
          record('save', key, err.code);
          return reply.send(fail(err.code, err.detail));
        }
      }
      if (take('timeout_after_commit')) {
        record('save', key, 'hang');
        return hold(reply);
      }
      if (take('duplicate')) {
        record('save', key, 'DUPLICATE');
        return reply.send(fail('DUPLICATE', key));
      }
      record('save', key, '00');
      return reply.send(ok(inv));
    });

    scope.get(`${base}${MINV_PATHS.info}`, { schema: hide }, async (req: FastifyRequest, reply: FastifyReply) => {
      if (!authorized(req)) {
        record('info', null, 'UNAUTHORIZED');
        return reply.code(401).send(fail('UNAUTHORIZED'));
      }
      const key = str((req.query as Record<string, unknown>).keyApi);
      const inv = byKey.get(key);
      record('info', key || null, inv ? '00' : 'NOT_FOUND');
      return reply.send(inv ? ok(inv) : fail('NOT_FOUND', key));
    });

    scope.post(`${base}${MINV_PATHS.cancel}`, { schema: hide }, async (req: FastifyRequest, reply: FastifyReply) => {
      if (!authorized(req)) {
        record('cancel', null, 'UNAUTHORIZED');
        return reply.code(401).send(fail('UNAUTHORIZED'));
      }
      const b = (req.body ?? {}) as Partial<MinvCancelRequest>;
      const key = str(b.key_api);
      const inv = byKey.get(key);
      if (!inv) {
        record('cancel', key || null, 'NOT_FOUND');
        return reply.send(fail('NOT_FOUND', key));
      }
      if (!str(b.ly_do)) {
        record('cancel', key, 'INVALID_REQUEST');
        return reply.send(fail('INVALID_REQUEST', 'ly_do is required'));
      }
      if (inv.status === 'replaced') {
        record('cancel', key, 'NOT_CANCELLABLE');
        return reply.send(fail('NOT_CANCELLABLE', `${inv.series} ${inv.number} was replaced`));
      }
      if (inv.status === 'issued') {
        inv.status = 'cancelled';
        inv.cancelReason = str(b.ly_do);
      }
      if (take('timeout_after_commit')) {
        record('cancel', key, 'hang');
        return hold(reply);
      }
      record('cancel', key, '00');
      return reply.send(ok(inv));
    });

    scope.addHook('onClose', async () => close());
  }

  function close(): void {
    for (const [t, raw] of held) {
      clearTimeout(t);
      raw.destroy();
    }
    held.clear();
  }

  return {
    basePath: base,
    async plugin(app: AnyFastify) {
      await app.register(routes);
    },
    inject(fault, times = 1) {
      faults.set(fault, (faults.get(fault) ?? 0) + times);
    },
    setDown(value) {
      down = value;
    },
    invoices: () => order.map(snapshot),
    invoice(key) {
      const i = byKey.get(key);
      return i ? snapshot(i) : undefined;
    },
    lastNumber: (series) => counters.get(series)?.last ?? 0,
    calls: () => calls.map((c) => ({ ...c })),
    expireTokens() {
      tokens = new Map();
    },
    reset() {
      close();
      byKey = new Map();
      order = [];
      counters = new Map();
      tokens = new Map();
      faults = new Map();
      down = false;
      calls = [];
    },
    close,
  };
}

/** The simulator on its own HTTP server (127.0.0.1, port 0 = any free port), like a provider host. */
export async function startEinvoiceSimulator(opts: EinvoiceSimulatorOptions & { port?: number; host?: string } = {}): Promise<RunningEinvoiceSimulator> {
  const sim = createEinvoiceSimulator(opts);
  const app = Fastify({ logger: false, forceCloseConnections: true });
  await app.register(sim.plugin);
  await app.listen({ port: opts.port ?? 0, host: opts.host ?? '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
  return Object.assign(sim, {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}${sim.basePath}`,
    port,
    async stop() {
      sim.close();
      await app.close();
    },
  });
}
