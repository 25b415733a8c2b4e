import { silentLogger, type Logger } from '../../platform/log-sink.ts';
import { PAGE_ERRORS, html, registerCheckout } from './checkout.ts';
import { registerDailyList } from './daily-list.ts';
import { createIpnSender } from './ipn.ts';
import { createMerchantApi, registerMerchantApi } from './merchant-api.ts';
import { errorPage } from './pages.ts';
import { createStore, paidTx, str, type AnyFastify, type SimConfig, type SimTransaction } from './store.ts';

/**
 * A local VNPay (PAY 2.1.0) for development and tests, mounted on our Fastify server: the payment
 * page flow of SPEC D2, the signed browser return, the IPN with VNPay's retry rule, querydr and
 * refund on the JSON API, and a signed daily transaction list for reconciliation. State is in memory.
 */
export interface VnpaySimulatorOptions {
  tmnCode: string;
  hashSecret: string;
  /** Default `/sim/vnpay`. */
  basePath?: string;
  /** The merchant's IPN URL (as configured on the terminal at VNPay); a function is read at each send. */
  ipnUrl: string | (() => string);
  clock?: { now(): Date };
  logger?: Logger;
  /** Delays before each retry after the first IPN; default [2 000, 10 000, 60 000] (VNPay: 9 × 5 min). */
  ipnRetry?: { delaysMs: number[] };
  /** How long to wait for the merchant's IPN answer. Default 10 000. */
  ipnTimeoutMs?: number;
  /** Shown as "Nhà cung cấp". Default `MobiFone - QLDV`. */
  merchantName?: string;
  /** Response code after 3 wrong OTPs. Default 13 (the reference's "Wrong OTP"). */
  otpFailureCode?: string;
  /** Meta-refresh delay of the failure page before returning to the merchant. Default 5. */
  resultRedirectSeconds?: number;
}

export interface VnpaySimulator {
  readonly basePath: string;
  /** Register with `await app.register(sim.plugin)`. */
  plugin(app: AnyFastify): Promise<void>;
  /** Snapshots, oldest first. */
  transactions(): SimTransaction[];
  /** The latest transaction with this reference. */
  transaction(txnRef: string): SimTransaction | undefined;
  /** Sends the IPN of a finished transaction once, now (also when lost), and reports the merchant's answer. */
  sendIpn(txnRef: string): Promise<{ rspCode: string | null; message?: string; error?: string }>;
  /**
   * A lost IPN is never sent automatically (set it before the outcome; `'*'` loses every IPN);
   * `sendIpn` still sends it.
   */
  setIpnLost(txnRef: string, lost: boolean): void;
  /** Same as `setIpnLost(txnRef, true)`. */
  simulateLostIpn(txnRef: string): void;
  /** Resolves when the automatic IPN of this transaction has stopped (confirmed, exhausted or lost). */
  ipnSettled(txnRef: string): Promise<SimTransaction | undefined>;
  /** Ends a pending payment as if the customer did it on the page (default 00); returns the browser redirect. */
  completePayment(txnRef: string, responseCode?: string): { returnUrl: string };
  /**
   * The next refund request goes wrong once: `lose_answer` executes the refund and then answers
   * HTTP 504 (the merchant never learns the outcome); `{ refuse: code }` refuses it with that code.
   */
  injectRefundFault(fault: 'lose_answer' | { refuse: string }): void;
  /**
   * Records payments as made and confirmed earlier, without pages or IPNs (a benchmark's day of a
   * million transactions). Dates are yyyyMMddHHmmss GMT+7, as VNPay writes them.
   */
  addPaid(rows: readonly { txnRef: string; amountVnd: bigint; createDate: string; payDate: string }[]): void;
  /** Forgets every transaction, request id and lost flag; stops pending IPN retries. */
  reset(): void;
  /** Stops pending IPN retries (also done when the Fastify instance closes). */
  close(): void;
}

const DEFAULT_RETRY = [2_000, 10_000, 60_000];

export function createVnpaySimulator(opts: VnpaySimulatorOptions): VnpaySimulator {
  if (!/^[A-Za-z0-9]{8}$/.test(opts.tmnCode)) throw new Error('VNPay simulator: tmnCode must be 8 letters or digits');
  if (!opts.hashSecret) throw new Error('VNPay simulator: hashSecret is required');
  const cfg: SimConfig = {
    tmnCode: opts.tmnCode,
    secret: opts.hashSecret,
    base: (opts.basePath ?? '/sim/vnpay').replace(/\/+$/, ''),
    clock: opts.clock ?? { now: () => new Date() },
    log: opts.logger ?? silentLogger,
  };
  const { base, log } = cfg;
  const ipn = createIpnSender(cfg, { url: opts.ipnUrl, retryDelaysMs: opts.ipnRetry?.delaysMs ?? DEFAULT_RETRY, timeoutMs: opts.ipnTimeoutMs ?? 10_000 });
  const store = createStore(cfg, ipn);
  const api = createMerchantApi(cfg, store);
  const checkout = {
    merchantName: opts.merchantName ?? 'MobiFone - QLDV',
    otpFailureCode: opts.otpFailureCode ?? '13',
    redirectSeconds: opts.resultRedirectSeconds ?? 5,
  };

  async function routes(scope: AnyFastify): Promise<void> {
    if (!scope.hasContentTypeParser('application/x-www-form-urlencoded')) {
      scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16_384 }, (_req, body, done) => {
        const out: Record<string, string> = {};
        for (const [k, v] of new URLSearchParams(body as string)) if (!(k in out)) out[k] = v;
        done(null, out);
      });
    }
    scope.setErrorHandler((err, req, reply) => {
      log.warn({ err: (err as Error).message, url: req.url.split('?')[0] }, 'VNPay simulator: bad request');
      if (req.url.startsWith(`${base}/merchant_webapi/`)) {
        return reply.code(200).send(api.refusal(str((req.body as Record<string, unknown> | undefined)?.vnp_Command) || 'querydr', '03', undefined));
      }
      return html(reply, errorPage('03', PAGE_ERRORS['03']), 400);
    });
    scope.addHook('onClose', async () => close());

    registerCheckout(scope, cfg, store, checkout);

    registerMerchantApi(scope, cfg, api);
    registerDailyList(scope, cfg, store);
  }

  function close(): void {
    store.stopIpns();
  }

  return {
    basePath: base,
    async plugin(app: AnyFastify) {
      await app.register(routes);
    },
    transactions: () => store.txs.map(store.snapshot),
    transaction(txnRef) {
      const tx = store.latest(txnRef);
      return tx ? store.snapshot(tx) : undefined;
    },
    async sendIpn(txnRef) {
      const tx = store.latest(txnRef);
      if (!tx) throw new Error(`VNPay simulator: no transaction ${txnRef}`);
      if (!tx.result) throw new Error(`VNPay simulator: transaction ${txnRef} is still pending`);
      const a = await ipn.deliver(tx, true);
      return { rspCode: a.rspCode, ...(a.message !== undefined ? { message: a.message } : {}), ...(a.error !== undefined ? { error: a.error } : {}) };
    },
    setIpnLost(txnRef, value) {
      ipn.setLost(txnRef, value);
    },
    simulateLostIpn(txnRef) {
      ipn.setLost(txnRef, true);
    },
    async ipnSettled(txnRef) {
      const tx = store.latest(txnRef);
      if (tx?.ipnChain) await tx.ipnChain;
      return tx ? store.snapshot(tx) : undefined;
    },
    completePayment(txnRef, responseCode = '00') {
      const tx = store.latest(txnRef);
      if (!tx) throw new Error(`VNPay simulator: no transaction ${txnRef}`);
      if (tx.status !== 'pending') throw new Error(`VNPay simulator: transaction ${txnRef} is already finished`);
      if (!/^\d{2}$/.test(responseCode)) throw new Error(`VNPay simulator: bad response code ${responseCode}`);
      if (responseCode !== '24') tx.bank ??= 'NCB';
      store.finalize(tx, responseCode);
      return { returnUrl: store.returnRedirect(tx)! };
    },
    injectRefundFault(fault) {
      api.injectRefundFault(fault);
    },
    addPaid(rows) {
      for (const r of rows) store.txs.push(paidTx(cfg.tmnCode, store.nextTransactionNo(), r));
    },
    reset() {
      close();
      api.injectRefundFault(null);
      store.clear();
      ipn.clear();
    },
    close,
  };
}

/**
 * The Fastify plugin form: `await app.register(vnpaySimulator, { tmnCode, hashSecret, ipnUrl })`.
 * To keep the control object, create it first and pass it: `{ simulator: createVnpaySimulator(…) }`
 * (or simply `await app.register(sim.plugin)`).
 */
export async function vnpaySimulator(app: AnyFastify, opts: VnpaySimulatorOptions | { simulator: VnpaySimulator }): Promise<void> {
  const sim = 'simulator' in opts ? opts.simulator : createVnpaySimulator(opts);
  await sim.plugin(app);
}

export { BANKS, TEST_CARDS, SUCCESS_CARD, INSUFFICIENT_BALANCE_CARD } from './cards.ts';
export { appendQuery, type SimIpnAttempt, type SimRefund, type SimStep, type SimTransaction } from './store.ts';
export { PAGE_ERRORS } from './checkout.ts';
export type { DailyListRow } from '../../protocols/vnpay/protocol.ts';
