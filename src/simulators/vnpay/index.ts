import { randomBytes, randomInt } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { silentLogger, type Logger } from '../../modules/notifications/transport/logger.ts';
import { IPN_FINAL_RSP_CODES, QUERYDR_RESPONSE_CODES, REFUND_RESPONSE_CODES, describePaymentResponse } from '../../modules/payments/vnpay/codes.ts';
import {
  QUERYDR_REQUEST_FIELDS,
  QUERYDR_RESPONSE_FIELDS,
  REFUND_REQUEST_FIELDS,
  REFUND_RESPONSE_FIELDS,
  VNP_VERSION,
  formatVnpDate,
  fromVnpAmount,
  hashEquals,
  isVnpDate,
  parseVnpDate,
  signDailyListRequest,
  signFields,
  signedQuery,
  verifyFields,
  verifySignature,
  vnpFields,
  type QueryInput,
} from '../../modules/payments/vnpay/protocol.ts';
import { bankByCode, checkCard, normalizeCardNumber, type TestCard } from './cards.ts';
import { bankPage, cardPage, errorPage, methodPage, otpPage, resultPage, type OrderView } from './pages.ts';

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

export type SimStep = 'method' | 'bank' | 'card' | 'otp' | 'done';

export interface SimIpnAttempt {
  at: Date;
  url: string;
  /** The merchant's RspCode; null when it did not answer a readable `{"RspCode":…}` with HTTP 200. */
  rspCode: string | null;
  message?: string;
  httpStatus?: number;
  error?: string;
  /** Sent through `sendIpn`, not by the retry schedule. */
  manual: boolean;
}

export interface SimRefund {
  requestId: string;
  transactionNo: string;
  transactionType: '02' | '03';
  amountVnd: bigint;
  createBy: string;
  /** yyyyMMddHHmmss GMT+7 */
  date: string;
}

export interface SimTransaction {
  token: string;
  txnRef: string;
  tmnCode: string;
  amountVnd: bigint;
  orderInfo: string;
  orderType: string;
  locale: string;
  returnUrl: string;
  ipAddr: string;
  requestedBankCode: string | null;
  /** `vnp_CreateDate` as the merchant sent it (querydr/refund's `vnp_TransactionDate`). */
  createDate: string;
  expireDate: string;
  status: 'pending' | 'paid' | 'failed';
  step: SimStep;
  responseCode: string | null;
  /** 01 while pending, then 00 or 02. */
  transactionStatus: string;
  /** `0` until VNPay creates the transaction (and for a cancel). */
  transactionNo: string;
  bankCode: string | null;
  cardType: string | null;
  bankTranNo: string | null;
  payDate: string | null;
  refunds: SimRefund[];
  refundedVnd: bigint;
  ipn: { lost: boolean; confirmed: boolean; inFlight: boolean; attempts: SimIpnAttempt[] };
  /** The signed browser redirect to `vnp_ReturnUrl`; null while pending. */
  returnRedirect: string | null;
}

export interface DailyListRow {
  txnRef: string;
  transactionNo: string;
  /** ×100 */
  amount: string;
  bankCode: string;
  payDate: string;
  transactionStatus: string;
  responseCode: string;
  /** Only with `includeRefunds=true`: 01 payment, 02/03 refund. */
  transactionType?: string;
  /** On refund rows: the refund's vnp_RequestId (the simulator's way to look a refund up; not VNPay's). */
  requestId?: string;
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
  /** Forgets every transaction, request id and lost flag; stops pending IPN retries. */
  reset(): void;
  /** Stops pending IPN retries (also done when the Fastify instance closes). */
  close(): void;
}

type AnyFastify = FastifyInstance<any, any, any, any, any>;

interface Tx extends Omit<SimTransaction, 'ipn' | 'returnRedirect' | 'refunds'> {
  refunds: SimRefund[];
  /** Lowercase hash of the pay request: the same URL opened again resumes the same payment. */
  requestHash: string;
  bank: string | null;
  card: TestCard | null;
  maskedCard: string;
  cardAttempts: number;
  otpAttempts: number;
  result: Record<string, string> | null;
  ipnAttempts: SimIpnAttempt[];
  ipnConfirmed: boolean;
  ipnChain: Promise<void> | null;
  ipnAbort: AbortController | null;
}

/** Codes of VNPay's `Payment/Error.html` (70, 72 from community reports; 03, 11 from the reference tables). */
export const PAGE_ERRORS: Record<string, string> = {
  '01': 'Giao dịch đã tồn tại: mã giao dịch (vnp_TxnRef) đã được sử dụng trong ngày.',
  '03': 'Dữ liệu gửi sang không đúng định dạng.',
  '11': 'Giao dịch đã quá thời gian chờ thanh toán. Quý khách vui lòng thực hiện lại giao dịch.',
  '70': 'Sai chữ ký: dữ liệu thanh toán không hợp lệ (vnp_SecureHash).',
  '72': 'Không tìm thấy website: mã website (vnp_TmnCode) không tồn tại.',
  '91': 'Không tìm thấy giao dịch hoặc phiên thanh toán đã kết thúc.',
};

const MAX_ATTEMPTS = 3;
/** A refund executed whose answer is then lost (fault injection). */
const LOST = Object.freeze({}) as Record<string, string>;
const DEFAULT_RETRY = [2_000, 10_000, 60_000];
const NO_CSRF = { csrf: false };

const dayOf = (vnpDate: string) => `${vnpDate.slice(0, 4)}-${vnpDate.slice(4, 6)}-${vnpDate.slice(6, 8)}`;
const displayDate = (vnpDate: string) =>
  `${vnpDate.slice(6, 8)}/${vnpDate.slice(4, 6)}/${vnpDate.slice(0, 4)} ${vnpDate.slice(8, 10)}:${vnpDate.slice(10, 12)}:${vnpDate.slice(12, 14)}`;
const newId = () => randomBytes(16).toString('hex');

/** Appends a query string to a URL, before any fragment. */
export function appendQuery(url: string, query: string): string {
  const hash = url.indexOf('#');
  const base = hash >= 0 ? url.slice(0, hash) : url;
  const frag = hash >= 0 ? url.slice(hash) : '';
  const sep = !base.includes('?') ? '?' : base.endsWith('?') || base.endsWith('&') ? '' : '&';
  return `${base}${sep}${query}${frag}`;
}

function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    timer.unref?.();
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export function createVnpaySimulator(opts: VnpaySimulatorOptions): VnpaySimulator {
  if (!/^[A-Za-z0-9]{8}$/.test(opts.tmnCode)) throw new Error('VNPay simulator: tmnCode must be 8 letters or digits');
  if (!opts.hashSecret) throw new Error('VNPay simulator: hashSecret is required');
  const base = (opts.basePath ?? '/sim/vnpay').replace(/\/+$/, '');
  const secret = opts.hashSecret;
  const clock = opts.clock ?? { now: () => new Date() };
  const log = opts.logger ?? silentLogger;
  const retryDelays = opts.ipnRetry?.delaysMs ?? DEFAULT_RETRY;
  const ipnTimeoutMs = opts.ipnTimeoutMs ?? 10_000;
  const merchantName = opts.merchantName ?? 'MobiFone - QLDV';
  const otpFailureCode = opts.otpFailureCode ?? '13';
  const redirectSeconds = opts.resultRedirectSeconds ?? 5;

  let list: Tx[] = [];
  let byToken = new Map<string, Tx>();
  let requestIds = new Set<string>();
  let lost = new Set<string>();
  let refundFault: 'lose_answer' | { refuse: string } | null = null;
  let seq = 14_000_000 + randomInt(0, 900_000);

  const nextTransactionNo = () => String(++seq);
  const latest = (txnRef: string) => {
    for (let i = list.length - 1; i >= 0; i--) if (list[i].txnRef === txnRef) return list[i];
    return undefined;
  };
  const isLost = (txnRef: string) => lost.has(txnRef) || lost.has('*');
  const ipnTarget = () => (typeof opts.ipnUrl === 'function' ? opts.ipnUrl() : opts.ipnUrl);
  const returnRedirect = (tx: Tx) => (tx.result ? appendQuery(tx.returnUrl, signedQuery(tx.result, secret)) : null);

  const snapshot = (tx: Tx): SimTransaction => ({
    token: tx.token,
    txnRef: tx.txnRef,
    tmnCode: tx.tmnCode,
    amountVnd: tx.amountVnd,
    orderInfo: tx.orderInfo,
    orderType: tx.orderType,
    locale: tx.locale,
    returnUrl: tx.returnUrl,
    ipAddr: tx.ipAddr,
    requestedBankCode: tx.requestedBankCode,
    createDate: tx.createDate,
    expireDate: tx.expireDate,
    status: tx.status,
    step: tx.step,
    responseCode: tx.responseCode,
    transactionStatus: tx.transactionStatus,
    transactionNo: tx.transactionNo,
    bankCode: tx.bankCode,
    cardType: tx.cardType,
    bankTranNo: tx.bankTranNo,
    payDate: tx.payDate,
    refunds: tx.refunds.map((r) => ({ ...r })),
    refundedVnd: tx.refundedVnd,
    ipn: { lost: isLost(tx.txnRef), confirmed: tx.ipnConfirmed, inFlight: tx.ipnChain !== null, attempts: tx.ipnAttempts.map((a) => ({ ...a })) },
    returnRedirect: returnRedirect(tx),
  });

  const orderView = (tx: Tx): OrderView => ({
    token: tx.token,
    txnRef: tx.txnRef,
    amountVnd: tx.amountVnd,
    orderInfo: tx.orderInfo,
    merchantName,
    expiresAt: displayDate(tx.expireDate),
  });

  // ------------------------------------------------------------------------------------------
  // IPN

  async function deliver(tx: Tx, manual: boolean, stop?: AbortSignal): Promise<SimIpnAttempt> {
    const url = appendQuery(ipnTarget(), signedQuery(tx.result!, secret));
    const attempt: SimIpnAttempt = { at: clock.now(), url, rspCode: null, manual };
    try {
      const res = await fetch(url, {
        method: 'GET',
        headers: { accept: 'application/json', 'user-agent': 'VNPAY-IPN-Simulator/2.1.0' },
        signal: stop ? AbortSignal.any([stop, AbortSignal.timeout(ipnTimeoutMs)]) : AbortSignal.timeout(ipnTimeoutMs),
      });
      attempt.httpStatus = res.status;
      const text = await res.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        attempt.error = 'the answer is not JSON';
      }
      const b = body as { RspCode?: unknown; Message?: unknown } | undefined;
      if (res.status !== 200) attempt.error = `HTTP ${res.status}`;
      else if (b && typeof b.RspCode === 'string') {
        attempt.rspCode = b.RspCode;
        if (typeof b.Message === 'string') attempt.message = b.Message;
      } else attempt.error ??= 'no RspCode in the answer';
    } catch (err) {
      const e = err as Error;
      if (stop?.aborted) return attempt; // reset or closed: not an attempt worth recording
      attempt.error = e.name === 'TimeoutError' ? `no answer within ${ipnTimeoutMs} ms` : e.message;
    }
    tx.ipnAttempts.push(attempt);
    if (attempt.rspCode !== null && IPN_FINAL_RSP_CODES.includes(attempt.rspCode)) tx.ipnConfirmed = true;
    const entry = { txnRef: tx.txnRef, attempt: tx.ipnAttempts.length, manual, rspCode: attempt.rspCode, error: attempt.error };
    if (attempt.rspCode !== null && IPN_FINAL_RSP_CODES.includes(attempt.rspCode)) log.info(entry, 'VNPay simulator: IPN confirmed');
    else log.warn(entry, 'VNPay simulator: IPN not confirmed');
    return attempt;
  }

  function startIpn(tx: Tx): void {
    if (isLost(tx.txnRef)) {
      log.info({ txnRef: tx.txnRef }, 'VNPay simulator: IPN lost on purpose');
      return;
    }
    const ctrl = new AbortController();
    tx.ipnAbort = ctrl;
    tx.ipnChain = (async () => {
      const delays = [0, ...retryDelays];
      for (const delay of delays) {
        if (delay > 0 && !(await sleep(delay, ctrl.signal))) return;
        if (ctrl.signal.aborted || tx.ipnConfirmed || isLost(tx.txnRef)) return;
        await deliver(tx, false, ctrl.signal);
        if (tx.ipnConfirmed) return;
      }
      log.warn({ txnRef: tx.txnRef, attempts: tx.ipnAttempts.length }, 'VNPay simulator: IPN retries exhausted');
    })().finally(() => {
      tx.ipnChain = null;
      tx.ipnAbort = null;
    });
  }

  // ------------------------------------------------------------------------------------------
  // Outcome

  function finalize(tx: Tx, code: string): void {
    if (tx.status !== 'pending') return;
    const paid = code === '00';
    tx.status = paid ? 'paid' : 'failed';
    tx.step = 'done';
    tx.responseCode = code;
    tx.transactionStatus = paid ? '00' : '02';
    tx.transactionNo = code === '24' ? '0' : nextTransactionNo();
    tx.payDate = formatVnpDate(clock.now());
    tx.bankCode = tx.bank ?? 'VNPAY';
    tx.cardType = tx.bank ? 'ATM' : null;
    tx.bankTranNo = paid ? `VNP${tx.transactionNo}` : null;
    const result: Record<string, string> = {
      vnp_Amount: (tx.amountVnd * 100n).toString(),
      vnp_BankCode: tx.bankCode,
      vnp_OrderInfo: tx.orderInfo,
      vnp_PayDate: tx.payDate,
      vnp_ResponseCode: code,
      vnp_TmnCode: tx.tmnCode,
      vnp_TransactionNo: tx.transactionNo,
      vnp_TransactionStatus: tx.transactionStatus,
      vnp_TxnRef: tx.txnRef,
    };
    if (tx.bankTranNo) result.vnp_BankTranNo = tx.bankTranNo;
    if (tx.cardType) result.vnp_CardType = tx.cardType;
    tx.result = result;
    log.info({ txnRef: tx.txnRef, responseCode: code, transactionNo: tx.transactionNo }, 'VNPay simulator: payment finished');
    startIpn(tx);
  }

  const expired = (tx: Tx) => parseVnpDate(tx.expireDate).getTime() <= clock.now().getTime();

  // ------------------------------------------------------------------------------------------
  // HTTP

  const html = (reply: FastifyReply, body: string, status = 200) =>
    reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);
  const toError = (reply: FastifyReply, code: string, reason?: string) =>
    reply.redirect(`${base}/paymentv2/Payment/Error.html?code=${code}${reason ? `&reason=${encodeURIComponent(reason)}` : ''}`, 302);
  const stepUrl = (tx: Tx): string => {
    const t = encodeURIComponent(tx.token);
    switch (tx.step) {
      case 'bank':
        return `${base}/paymentv2/Transaction/BankList.html?token=${t}`;
      case 'card':
        return `${base}/paymentv2/Transaction/CardInfo.html?token=${t}&bank=${encodeURIComponent(tx.bank ?? '')}`;
      case 'otp':
        return `${base}/paymentv2/Transaction/Otp.html?token=${t}`;
      case 'done':
        return `${base}/paymentv2/Transaction/Result.html?token=${t}`;
      default:
        return `${base}/paymentv2/Transaction/PaymentMethod.html?token=${t}`;
    }
  };
  const str = (v: unknown) => (typeof v === 'string' ? v : '');

  /** The pending transaction of a page request, or null after answering with a redirect. */
  function pending(token: unknown, reply: FastifyReply): Tx | null {
    const tx = typeof token === 'string' ? byToken.get(token) : undefined;
    if (!tx) {
      void toError(reply, '91');
      return null;
    }
    if (tx.status === 'pending' && expired(tx)) finalize(tx, '11');
    if (tx.status !== 'pending') {
      void reply.redirect(stepUrl(tx), 303);
      return null;
    }
    return tx;
  }

  function validatePay(f: Record<string, string>): string | null {
    if (f.vnp_Version !== VNP_VERSION) return 'vnp_Version must be 2.1.0';
    if (f.vnp_Command !== 'pay') return 'vnp_Command must be pay';
    if (f.vnp_CurrCode !== 'VND') return 'vnp_CurrCode must be VND';
    if (!/^\d{1,12}$/.test(f.vnp_Amount ?? '')) return 'vnp_Amount must be 1-12 digits';
    const amount = BigInt(f.vnp_Amount);
    if (amount % 100n !== 0n) return 'vnp_Amount must be the amount x 100 (a multiple of 100)';
    if (amount <= 0n) return 'vnp_Amount must be positive';
    if (!isVnpDate(f.vnp_CreateDate)) return 'vnp_CreateDate must be yyyyMMddHHmmss';
    if (f.vnp_ExpireDate !== undefined && !isVnpDate(f.vnp_ExpireDate)) return 'vnp_ExpireDate must be yyyyMMddHHmmss';
    if (!/^[0-9A-Fa-f.:]{7,45}$/.test(f.vnp_IpAddr ?? '')) return 'vnp_IpAddr must be an IP address of 7-45 characters';
    if (f.vnp_Locale !== 'vn' && f.vnp_Locale !== 'en') return 'vnp_Locale must be vn or en';
    if (!f.vnp_OrderInfo || f.vnp_OrderInfo.length > 255) return 'vnp_OrderInfo must have 1-255 characters';
    if (/[^\x20-\x7e]/.test(f.vnp_OrderInfo)) return 'vnp_OrderInfo must be without diacritics';
    if (!/^[A-Za-z0-9]{1,100}$/.test(f.vnp_OrderType ?? '')) return 'vnp_OrderType must be 1-100 letters or digits';
    if (!/^https?:\/\/\S+$/.test(f.vnp_ReturnUrl ?? '') || f.vnp_ReturnUrl.length < 10 || f.vnp_ReturnUrl.length > 255) {
      return 'vnp_ReturnUrl must be an http(s) URL of 10-255 characters';
    }
    if (!/^[A-Za-z0-9_-]{1,100}$/.test(f.vnp_TxnRef ?? '')) return 'vnp_TxnRef must be 1-100 letters, digits, - or _';
    if (f.vnp_BankCode !== undefined && f.vnp_BankCode !== '' && !/^[A-Za-z0-9]{3,20}$/.test(f.vnp_BankCode)) return 'vnp_BankCode must be 3-20 letters or digits';
    return null;
  }

  function startPayment(req: FastifyRequest, reply: FastifyReply) {
    const query = req.query as QueryInput;
    const f = vnpFields(query);
    if (!f) return toError(reply, '03', 'repeated vnp_ parameter');
    if (!f.vnp_TmnCode || f.vnp_TmnCode !== opts.tmnCode) return toError(reply, '72');
    if (!verifySignature(query, secret)) {
      log.warn({ txnRef: f.vnp_TxnRef }, 'VNPay simulator: payment URL with a wrong signature');
      return toError(reply, '70');
    }
    const invalid = validatePay(f);
    if (invalid) {
      log.warn({ txnRef: f.vnp_TxnRef, invalid }, 'VNPay simulator: malformed payment URL');
      return toError(reply, '03', invalid);
    }
    const now = clock.now();
    const expireDate = f.vnp_ExpireDate ?? formatVnpDate(new Date(parseVnpDate(f.vnp_CreateDate).getTime() + 15 * 60_000));
    if (parseVnpDate(expireDate).getTime() <= now.getTime()) return toError(reply, '11');

    const requestHash = f.vnp_SecureHash.toLowerCase();
    const same = list.find((t) => t.txnRef === f.vnp_TxnRef && t.createDate.slice(0, 8) === f.vnp_CreateDate.slice(0, 8));
    if (same) {
      if (same.requestHash === requestHash && same.status === 'pending') return reply.redirect(stepUrl(same), 302);
      return toError(reply, '01');
    }

    const requested = f.vnp_BankCode ? f.vnp_BankCode.toUpperCase() : null;
    const bank = bankByCode(requested);
    const tx: Tx = {
      token: newId(),
      txnRef: f.vnp_TxnRef,
      tmnCode: f.vnp_TmnCode,
      amountVnd: fromVnpAmount(f.vnp_Amount),
      orderInfo: f.vnp_OrderInfo,
      orderType: f.vnp_OrderType,
      locale: f.vnp_Locale,
      returnUrl: f.vnp_ReturnUrl,
      ipAddr: f.vnp_IpAddr,
      requestedBankCode: requested,
      createDate: f.vnp_CreateDate,
      expireDate,
      status: 'pending',
      step: bank ? 'card' : requested === 'VNBANK' ? 'bank' : 'method',
      responseCode: null,
      transactionStatus: '01',
      transactionNo: '0',
      bankCode: null,
      cardType: null,
      bankTranNo: null,
      payDate: null,
      refunds: [],
      refundedVnd: 0n,
      requestHash,
      bank: bank?.code ?? null,
      card: null,
      maskedCard: '',
      cardAttempts: 0,
      otpAttempts: 0,
      result: null,
      ipnAttempts: [],
      ipnConfirmed: false,
      ipnChain: null,
      ipnAbort: null,
    };
    list.push(tx);
    byToken.set(tx.token, tx);
    log.info({ txnRef: tx.txnRef, amountVnd: tx.amountVnd.toString(), bankCode: requested }, 'VNPay simulator: payment started');
    return reply.redirect(stepUrl(tx), 302);
  }

  // ------------------------------------------------------------------------------------------
  // JSON API (querydr, refund)

  function apiAnswer(command: string, fields: Record<string, string>, responseFields: readonly string[]): Record<string, string> {
    const body: Record<string, string> = { vnp_ResponseId: newId(), vnp_Command: command, vnp_TmnCode: opts.tmnCode, ...fields };
    body.vnp_SecureHash = signFields(body, responseFields, secret);
    return body;
  }

  function apiRefusal(command: string, code: string, txnRef: unknown, table: Record<string, { en: string }>, tmnCode?: unknown): Record<string, string> {
    const fields = command === 'refund' ? REFUND_RESPONSE_FIELDS : QUERYDR_RESPONSE_FIELDS;
    // A 02 (unknown terminal) echoes the caller's TmnCode; it is still signed with our only secret.
    const echo: Record<string, string> = code === '02' && typeof tmnCode === 'string' ? { vnp_TmnCode: tmnCode } : {};
    return apiAnswer(command, { vnp_ResponseCode: code, vnp_Message: table[code]?.en ?? 'Error', vnp_TxnRef: str(txnRef), ...echo }, fields);
  }

  /**
   * Common checks of a querydr/refund body: 03 malformed, 02 terminal, 97 checksum, 94 duplicate id
   * (except for `repeatable` requests: a refund repeats its id on purpose, see `refund`).
   */
  function checkApiRequest(b: Record<string, unknown>, fields: readonly string[], optional: readonly string[], repeatable = false): string | null {
    for (const k of [...fields, 'vnp_SecureHash']) {
      if (optional.includes(k)) {
        if (b[k] !== undefined && typeof b[k] !== 'string') return '03';
      } else if (typeof b[k] !== 'string' || b[k] === '') return '03';
    }
    if (b.vnp_Version !== VNP_VERSION) return '03';
    if (!/^[A-Za-z0-9]{1,32}$/.test(str(b.vnp_RequestId))) return '03';
    if (!isVnpDate(b.vnp_TransactionDate) || !isVnpDate(b.vnp_CreateDate)) return '03';
    if (b.vnp_TmnCode !== opts.tmnCode) return '02';
    if (!verifyFields(b, fields, secret)) return '97';
    if (requestIds.has(str(b.vnp_RequestId)) && !repeatable) return '94';
    requestIds.add(str(b.vnp_RequestId));
    return null;
  }

  const findTx = (txnRef: string, transactionDate: string, transactionNo: string) => {
    const tx = list.find((t) => t.txnRef === txnRef && t.createDate === transactionDate);
    if (!tx) return undefined;
    if (transactionNo && transactionNo !== '0' && transactionNo !== tx.transactionNo) return undefined;
    return tx;
  };

  function querydr(b: Record<string, unknown>): Record<string, string> {
    const refused = checkApiRequest(b, QUERYDR_REQUEST_FIELDS, []);
    if (refused) return apiRefusal('querydr', refused, b.vnp_TxnRef, QUERYDR_RESPONSE_CODES, b.vnp_TmnCode);
    const tx = findTx(str(b.vnp_TxnRef), str(b.vnp_TransactionDate), str(b.vnp_TransactionNo));
    if (!tx) return apiRefusal('querydr', '91', b.vnp_TxnRef, QUERYDR_RESPONSE_CODES);
    if (tx.status === 'pending' && expired(tx)) finalize(tx, '11');
    return apiAnswer(
      'querydr',
      {
        vnp_ResponseCode: '00',
        vnp_Message: 'QueryDR Success',
        vnp_TxnRef: tx.txnRef,
        vnp_Amount: (tx.amountVnd * 100n).toString(),
        vnp_OrderInfo: tx.orderInfo,
        vnp_BankCode: tx.bankCode ?? '',
        vnp_PayDate: tx.payDate ?? '',
        vnp_TransactionNo: tx.transactionNo,
        // Once refunded, VNPay reports the refund: 02 full or 03 partial, status 05 (refund processed).
        vnp_TransactionType: tx.refunds.length === 0 ? '01' : tx.refundedVnd === tx.amountVnd ? '02' : '03',
        vnp_TransactionStatus: tx.refunds.length === 0 ? tx.transactionStatus : '05',
        vnp_PromotionCode: '',
        vnp_PromotionAmount: '',
      },
      QUERYDR_RESPONSE_FIELDS,
    );
  }

  const refundAnswer = (tx: Tx, r: SimRefund, orderInfo: string) =>
    apiAnswer(
      'refund',
      {
        vnp_ResponseCode: '00',
        vnp_Message: 'Refund success',
        vnp_TxnRef: tx.txnRef,
        vnp_Amount: (r.amountVnd * 100n).toString(),
        vnp_OrderInfo: orderInfo,
        vnp_BankCode: tx.bankCode ?? '',
        vnp_PayDate: r.date,
        vnp_TransactionNo: r.transactionNo,
        vnp_TransactionType: r.transactionType,
        vnp_TransactionStatus: '05',
      },
      REFUND_RESPONSE_FIELDS,
    );

  /** Idempotent on vnp_RequestId: a refund asked again with the same id answers the first outcome and refunds nothing more. */
  function refund(b: Record<string, unknown>): Record<string, string> {
    const refused = checkApiRequest(b, REFUND_REQUEST_FIELDS, ['vnp_TransactionNo'], true);
    if (refused) return apiRefusal('refund', refused, b.vnp_TxnRef, REFUND_RESPONSE_CODES, b.vnp_TmnCode);
    const type = str(b.vnp_TransactionType);
    const amountRaw = str(b.vnp_Amount);
    if ((type !== '02' && type !== '03') || !/^\d{1,12}$/.test(amountRaw) || BigInt(amountRaw) % 100n !== 0n || BigInt(amountRaw) <= 0n) {
      return apiRefusal('refund', '03', b.vnp_TxnRef, REFUND_RESPONSE_CODES);
    }
    const tx = findTx(str(b.vnp_TxnRef), str(b.vnp_TransactionDate), str(b.vnp_TransactionNo));
    if (!tx) return apiRefusal('refund', '91', b.vnp_TxnRef, REFUND_RESPONSE_CODES);
    const already = tx.refunds.find((r) => r.requestId === str(b.vnp_RequestId));
    if (already) {
      log.info({ txnRef: tx.txnRef, requestId: already.requestId }, 'VNPay simulator: refund asked again, answered as before');
      return refundAnswer(tx, already, str(b.vnp_OrderInfo));
    }
    const fault = refundFault;
    refundFault = null;
    if (fault && fault !== 'lose_answer') return apiRefusal('refund', fault.refuse, b.vnp_TxnRef, REFUND_RESPONSE_CODES);
    if (tx.status !== 'paid') return apiRefusal('refund', '95', b.vnp_TxnRef, REFUND_RESPONSE_CODES);
    const amountVnd = fromVnpAmount(amountRaw);
    const remaining = tx.amountVnd - tx.refundedVnd;
    if (type === '02' && tx.refundedVnd > 0n) return apiRefusal('refund', '04', b.vnp_TxnRef, REFUND_RESPONSE_CODES);
    if ((type === '02' && amountVnd !== tx.amountVnd) || amountVnd > remaining) return apiRefusal('refund', '93', b.vnp_TxnRef, REFUND_RESPONSE_CODES);

    const r: SimRefund = {
      requestId: str(b.vnp_RequestId),
      transactionNo: nextTransactionNo(),
      transactionType: type,
      amountVnd,
      createBy: str(b.vnp_CreateBy),
      date: formatVnpDate(clock.now()),
    };
    tx.refunds.push(r);
    tx.refundedVnd += amountVnd;
    log.info({ txnRef: tx.txnRef, amountVnd: amountVnd.toString(), type, refundedVnd: tx.refundedVnd.toString() }, 'VNPay simulator: refund accepted');
    if (fault === 'lose_answer') return LOST;
    return refundAnswer(tx, r, str(b.vnp_OrderInfo));
  }

  function dailyList(date: string, includeRefunds: boolean): DailyListRow[] {
    const rows: (DailyListRow & { sortKey: string })[] = [];
    for (const tx of list) {
      const when = tx.payDate ?? tx.createDate;
      if (dayOf(when) === date) {
        rows.push({
          txnRef: tx.txnRef,
          transactionNo: tx.transactionNo,
          amount: (tx.amountVnd * 100n).toString(),
          bankCode: tx.bankCode ?? '',
          payDate: tx.payDate ?? '',
          transactionStatus: tx.transactionStatus,
          responseCode: tx.responseCode ?? '',
          ...(includeRefunds ? { transactionType: '01' } : {}),
          sortKey: when,
        });
      }
      if (!includeRefunds) continue;
      for (const r of tx.refunds) {
        if (dayOf(r.date) !== date) continue;
        rows.push({
          txnRef: tx.txnRef,
          transactionNo: r.transactionNo,
          amount: (r.amountVnd * 100n).toString(),
          bankCode: tx.bankCode ?? '',
          payDate: r.date,
          transactionStatus: '05',
          responseCode: '00',
          transactionType: r.transactionType,
          requestId: r.requestId,
          sortKey: r.date,
        });
      }
    }
    rows.sort((a, b) => (a.sortKey === b.sortKey ? a.txnRef.localeCompare(b.txnRef) : a.sortKey < b.sortKey ? -1 : 1));
    return rows.map(({ sortKey: _sortKey, ...row }) => row);
  }

  // ------------------------------------------------------------------------------------------
  // Routes

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
        return reply.code(200).send(apiRefusal(str((req.body as Record<string, unknown> | undefined)?.vnp_Command) || 'querydr', '03', undefined, QUERYDR_RESPONSE_CODES));
      }
      return html(reply, errorPage('03', PAGE_ERRORS['03']), 400);
    });
    scope.addHook('onClose', async () => close());

    const hide = { hide: true };
    const route = (path: string) => `${base}${path}`;

    scope.get(route('/paymentv2/vpcpay.html'), { schema: hide }, async (req, reply) => startPayment(req, reply));

    scope.get(route('/paymentv2/Payment/Error.html'), { schema: hide }, async (req, reply) => {
      const q = req.query as Record<string, unknown>;
      const code = /^\d{2}$/.test(str(q.code)) ? str(q.code) : '99';
      const reason = str(q.reason).slice(0, 200);
      const message = PAGE_ERRORS[code] ?? describePaymentResponse(code);
      return html(reply, errorPage(code, reason ? `${message} (${reason})` : message), 200);
    });

    scope.get(route('/paymentv2/Transaction/PaymentMethod.html'), { schema: hide }, async (req, reply) => {
      const tx = pending((req.query as Record<string, unknown>).token, reply);
      if (!tx) return reply;
      tx.step = 'method';
      const unsupported = tx.requestedBankCode && tx.requestedBankCode !== 'VNBANK' && !bankByCode(tx.requestedBankCode);
      return html(reply, methodPage(base, orderView(tx), unsupported ? `Phương thức ${tx.requestedBankCode} không có trong môi trường mô phỏng; vui lòng chọn thẻ ATM.` : undefined));
    });

    scope.get(route('/paymentv2/Transaction/BankList.html'), { schema: hide }, async (req, reply) => {
      const q = req.query as Record<string, unknown>;
      const tx = pending(q.token, reply);
      if (!tx) return reply;
      tx.step = 'bank';
      return html(reply, bankPage(base, orderView(tx), str(q.q).slice(0, 50)));
    });

    scope.get(route('/paymentv2/Transaction/CardInfo.html'), { schema: hide }, async (req, reply) => {
      const q = req.query as Record<string, unknown>;
      const tx = pending(q.token, reply);
      if (!tx) return reply;
      const bank = bankByCode(str(q.bank) || tx.bank);
      if (!bank) return reply.redirect(`${base}/paymentv2/Transaction/BankList.html?token=${encodeURIComponent(tx.token)}`, 302);
      tx.bank = bank.code;
      tx.step = 'card';
      return html(reply, cardPage(base, orderView(tx), bank, { attemptsLeft: MAX_ATTEMPTS - tx.cardAttempts }));
    });

    scope.post(route('/paymentv2/Transaction/CardInfo.html'), { schema: hide, config: NO_CSRF }, async (req, reply) => {
      const b = (req.body ?? {}) as Record<string, unknown>;
      const tx = pending(b.token, reply);
      if (!tx) return reply;
      const bank = bankByCode(str(b.bank) || tx.bank);
      if (!bank) return reply.redirect(`${base}/paymentv2/Transaction/BankList.html?token=${encodeURIComponent(tx.token)}`, 303);
      tx.bank = bank.code;
      const input = { cardNumber: str(b.cardNumber), cardDate: str(b.cardDate), cardHolder: str(b.cardHolder) };
      const check = checkCard(bank.code, input);
      if (check.ok) {
        tx.card = check.card;
        const n = normalizeCardNumber(input.cardNumber);
        tx.maskedCard = `${n.slice(0, 6)}${'*'.repeat(Math.max(0, n.length - 10))}${n.slice(-4)}`;
        tx.otpAttempts = 0;
        tx.step = 'otp';
        return reply.redirect(stepUrl(tx), 303);
      }
      if ('finalCode' in check) {
        finalize(tx, check.finalCode);
        return reply.redirect(stepUrl(tx), 303);
      }
      if (check.countsAttempt) {
        tx.cardAttempts += 1;
        if (tx.cardAttempts >= MAX_ATTEMPTS) {
          finalize(tx, '10');
          return reply.redirect(stepUrl(tx), 303);
        }
      }
      tx.step = 'card';
      return html(reply, cardPage(base, orderView(tx), bank, { ...input, error: check.message, attemptsLeft: MAX_ATTEMPTS - tx.cardAttempts }), 200);
    });

    scope.get(route('/paymentv2/Transaction/Otp.html'), { schema: hide }, async (req, reply) => {
      const tx = pending((req.query as Record<string, unknown>).token, reply);
      if (!tx) return reply;
      const bank = bankByCode(tx.bank);
      if (!tx.card || !bank) return reply.redirect(stepUrl({ ...tx, step: tx.bank ? 'card' : 'bank' }), 302);
      tx.step = 'otp';
      return html(reply, otpPage(base, orderView(tx), bank, { maskedCard: tx.maskedCard, attemptsLeft: MAX_ATTEMPTS - tx.otpAttempts }));
    });

    scope.post(route('/paymentv2/Transaction/Otp.html'), { schema: hide, config: NO_CSRF }, async (req, reply) => {
      const b = (req.body ?? {}) as Record<string, unknown>;
      const tx = pending(b.token, reply);
      if (!tx) return reply;
      const bank = bankByCode(tx.bank);
      if (!tx.card || !bank) return reply.redirect(stepUrl({ ...tx, step: tx.bank ? 'card' : 'bank' }), 303);
      if (str(b.otp).trim() === tx.card.otp) {
        if (tx.card.behaviour === 'insufficient') {
          finalize(tx, '51');
          return reply.redirect(stepUrl(tx), 303);
        }
        finalize(tx, '00');
        return reply.redirect(returnRedirect(tx)!, 303);
      }
      tx.otpAttempts += 1;
      if (tx.otpAttempts >= MAX_ATTEMPTS) {
        finalize(tx, otpFailureCode);
        return reply.redirect(stepUrl(tx), 303);
      }
      return html(reply, otpPage(base, orderView(tx), bank, { maskedCard: tx.maskedCard, error: 'Mã OTP không chính xác.', attemptsLeft: MAX_ATTEMPTS - tx.otpAttempts }), 200);
    });

    scope.get(route('/paymentv2/Transaction/Cancel.html'), { schema: hide }, async (req, reply) => {
      const tx = pending((req.query as Record<string, unknown>).token, reply);
      if (!tx) return reply;
      finalize(tx, '24');
      return reply.redirect(returnRedirect(tx)!, 302);
    });

    scope.get(route('/paymentv2/Transaction/Result.html'), { schema: hide }, async (req, reply) => {
      const token = str((req.query as Record<string, unknown>).token);
      const tx = byToken.get(token);
      if (!tx) return toError(reply, '91');
      if (tx.status === 'pending' && expired(tx)) finalize(tx, '11');
      if (tx.status === 'pending') return reply.redirect(stepUrl(tx), 302);
      const code = tx.responseCode!;
      return html(
        reply,
        resultPage({ order: orderView(tx), code, success: code === '00', message: describePaymentResponse(code), returnUrl: returnRedirect(tx)!, redirectSeconds }),
      );
    });

    scope.post(route('/merchant_webapi/api/transaction'), { schema: hide, config: NO_CSRF }, async (req, reply) => {
      const b = req.body;
      if (!b || typeof b !== 'object' || Array.isArray(b)) return reply.send(apiRefusal('querydr', '03', undefined, QUERYDR_RESPONSE_CODES));
      // Integers may come as JSON numbers (the vnpay package sends dates and amounts that way).
      const body = Object.fromEntries(Object.entries(b).map(([k, v]) => [k, typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? String(v) : v]));
      if (body.vnp_Command === 'querydr') return reply.send(querydr(body));
      if (body.vnp_Command === 'refund') {
        const answer = refund(body);
        return answer === LOST ? reply.code(504).send({ error: 'gateway timeout (simulated: the refund was executed)' }) : reply.send(answer);
      }
      return reply.send(apiRefusal('querydr', '03', body.vnp_TxnRef, QUERYDR_RESPONSE_CODES));
    });

    scope.get(route('/transactions'), { schema: hide }, async (req, reply) => {
      const q = req.query as Record<string, unknown>;
      const date = str(q.date);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return reply.code(400).send({ error: 'date must be YYYY-MM-DD' });
      const tmn = str(q.vnp_TmnCode);
      if (tmn !== opts.tmnCode || !hashEquals(signDailyListRequest(tmn, date, secret), str(q.vnp_SecureHash))) {
        return reply.code(401).send({ error: 'invalid vnp_TmnCode or vnp_SecureHash (HMAC-SHA512 of "tmnCode|date")' });
      }
      return reply.send(dailyList(date, q.includeRefunds === 'true' || q.includeRefunds === '1'));
    });
  }

  function close(): void {
    for (const tx of list) tx.ipnAbort?.abort();
  }

  return {
    basePath: base,
    async plugin(app: AnyFastify) {
      await app.register(routes);
    },
    transactions: () => list.map(snapshot),
    transaction(txnRef) {
      const tx = latest(txnRef);
      return tx ? snapshot(tx) : undefined;
    },
    async sendIpn(txnRef) {
      const tx = latest(txnRef);
      if (!tx) throw new Error(`VNPay simulator: no transaction ${txnRef}`);
      if (!tx.result) throw new Error(`VNPay simulator: transaction ${txnRef} is still pending`);
      const a = await deliver(tx, true);
      return { rspCode: a.rspCode, ...(a.message !== undefined ? { message: a.message } : {}), ...(a.error !== undefined ? { error: a.error } : {}) };
    },
    setIpnLost(txnRef, value) {
      if (value) lost.add(txnRef);
      else lost.delete(txnRef);
    },
    simulateLostIpn(txnRef) {
      lost.add(txnRef);
    },
    async ipnSettled(txnRef) {
      const tx = latest(txnRef);
      if (tx?.ipnChain) await tx.ipnChain;
      return tx ? snapshot(tx) : undefined;
    },
    completePayment(txnRef, responseCode = '00') {
      const tx = latest(txnRef);
      if (!tx) throw new Error(`VNPay simulator: no transaction ${txnRef}`);
      if (tx.status !== 'pending') throw new Error(`VNPay simulator: transaction ${txnRef} is already finished`);
      if (!/^\d{2}$/.test(responseCode)) throw new Error(`VNPay simulator: bad response code ${responseCode}`);
      if (responseCode !== '24') tx.bank ??= 'NCB';
      finalize(tx, responseCode);
      return { returnUrl: returnRedirect(tx)! };
    },
    injectRefundFault(fault) {
      refundFault = fault;
    },
    reset() {
      close();
      refundFault = null;
      list = [];
      byToken = new Map();
      requestIds = new Set();
      lost = new Set();
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
