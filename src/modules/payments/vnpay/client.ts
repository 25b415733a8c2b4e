import { randomBytes } from 'node:crypto';
import { describeQueryDrResponse, describeRefundResponse } from '../../../protocols/vnpay/codes.ts';
import {
  QUERYDR_REQUEST_FIELDS,
  QUERYDR_RESPONSE_FIELDS,
  REFUND_REQUEST_FIELDS,
  REFUND_RESPONSE_FIELDS,
  VNP_VERSION,
  VnpayProtocolError,
  formatVnpDate,
  fromVnpAmount,
  normalizeIpAddr,
  parseVnpDate,
  signDailyListRequest,
  signFields,
  stripDiacritics,
  toVnpAmount,
  verifyFields,
  type DailyListRow,
} from '../../../protocols/vnpay/protocol.ts';
import { DAILY_LIST_HEADER, isDailyListHeader, parseDailyList } from '../../../protocols/vnpay/daily-list.ts';

/** The slice of a pino-style logger the client uses. */
export interface VnpayLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

const silent: VnpayLogger = { info() {}, warn() {}, error() {} };

export interface VnpayClientOptions {
  /** `…/merchant_webapi/api/transaction` (sandbox, production or the simulator). */
  apiUrl: string;
  tmnCode: string;
  hashSecret: string;
  /** Default 15 000. */
  timeoutMs?: number;
  /** Simulator only: `…/sim/vnpay/transactions` (real VNPay has no such API). */
  dailyListUrl?: string;
  logger?: VnpayLogger;
  /** Injectable for tests; defaults to global fetch. */
  fetch?: typeof fetch;
  /** Default: 32 random hex characters. */
  requestId?: () => string;
}

/** The day's list file as downloaded: its bytes in the chunks they came in (header line first). */
export interface DailyListFile {
  chunks: Uint8Array[];
  bytes: number;
}

/** A transport failure, an HTTP error, or an answer that is not a signed VNPay answer. */
export class VnpayApiError extends Error {
  constructor(
    message: string,
    readonly details: { status?: number; responseCode?: string; body?: unknown } = {},
  ) {
    super(message);
    this.name = 'VnpayApiError';
  }
}

export interface QueryDrInput {
  txnRef: string;
  /** The original pay request's `vnp_CreateDate` instant. */
  transactionDate: Date;
  orderInfo: string;
  /** Our server's IP. */
  ipAddr: string;
  now: Date;
  /** VNPay's transaction number, when known. */
  transactionNo?: string;
}

export interface RefundInput {
  txnRef: string;
  amountVnd: bigint;
  /** 02 full, 03 partial. */
  transactionType: '02' | '03';
  transactionDate: Date;
  /** Sent as `0` when unknown, as VNPay's demo does. */
  transactionNo?: string;
  /** The user who started the refund. */
  createBy: string;
  orderInfo: string;
  ipAddr: string;
  now: Date;
  /** The refund's own vnp_RequestId, the same on every try (default: a new one). */
  requestId?: string;
}

interface CommonResult {
  requestId: string;
  responseId: string;
  /** The request's own outcome: 00 = the query/refund was processed. */
  responseCode: string;
  /** VNPay's text, or ours when VNPay sent none. */
  message: string;
  ok: boolean;
  tmnCode: string;
  txnRef: string;
  /** Null when VNPay sent no amount (e.g. 91 not found). */
  amountVnd: bigint | null;
  orderInfo: string;
  bankCode: string;
  payDate: Date | null;
  transactionNo: string;
  /** 01 payment, 02 full refund, 03 partial refund. */
  transactionType: string;
  /** For querydr: the payment's outcome (00 paid). */
  transactionStatus: string;
  /** The JSON answer as received. */
  raw: Record<string, unknown>;
}

export type QueryDrResult = CommonResult & { promotionCode: string; promotionAmountVnd: bigint | null };
export type RefundResult = CommonResult;

/** An error's message with its cause's (fetch says only "fetch failed"; the cause says why). */
const describeError = (e: Error): string => {
  const cause = (e as { cause?: unknown }).cause;
  return cause instanceof Error && cause.message ? `${e.message} (${cause.message})` : e.message;
};

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** VNPay's JSON API (querydr, refund) over fetch, with signed requests and verified answers. */
export class VnpayClient {
  private readonly log: VnpayLogger;
  private readonly timeoutMs: number;
  private readonly doFetch: typeof fetch;
  private readonly newRequestId: () => string;

  constructor(private readonly opts: VnpayClientOptions) {
    if (!/^[A-Za-z0-9]{8}$/.test(opts.tmnCode)) throw new VnpayProtocolError('tmnCode must be 8 letters or digits');
    if (!opts.hashSecret?.trim()) throw new VnpayProtocolError('hashSecret is empty');
    this.log = opts.logger ?? silent;
    this.timeoutMs = opts.timeoutMs ?? 15_000;
    this.doFetch = opts.fetch ?? fetch;
    this.newRequestId = opts.requestId ?? (() => randomBytes(16).toString('hex'));
  }

  /** What VNPay knows of a payment. `responseCode` 00 means answered; the outcome is `transactionStatus`. */
  async querydr(input: QueryDrInput): Promise<QueryDrResult> {
    const requestId = this.requestId();
    const body: Record<string, string> = {
      vnp_RequestId: requestId,
      vnp_Version: VNP_VERSION,
      vnp_Command: 'querydr',
      vnp_TmnCode: this.opts.tmnCode,
      vnp_TxnRef: input.txnRef,
      vnp_OrderInfo: this.orderInfo(input.orderInfo),
      vnp_TransactionDate: formatVnpDate(input.transactionDate),
      vnp_CreateDate: formatVnpDate(input.now),
      vnp_IpAddr: normalizeIpAddr(input.ipAddr),
    };
    if (input.transactionNo) body.vnp_TransactionNo = input.transactionNo;
    body.vnp_SecureHash = signFields(body, QUERYDR_REQUEST_FIELDS, this.opts.hashSecret);

    const res = await this.post(body, QUERYDR_RESPONSE_FIELDS, 'querydr');
    const common = this.common(requestId, res, describeQueryDrResponse);
    return {
      ...common,
      promotionCode: str(res.vnp_PromotionCode),
      promotionAmountVnd: this.amount(res.vnp_PromotionAmount, true),
    };
  }

  /** Asks VNPay to refund all (02) or part (03) of a paid transaction. */
  async refund(input: RefundInput): Promise<RefundResult> {
    if (input.transactionType !== '02' && input.transactionType !== '03') throw new VnpayProtocolError('transactionType must be 02 or 03');
    if (!input.createBy?.trim()) throw new VnpayProtocolError('createBy is required');
    const requestId = this.requestId(input.requestId);
    const body: Record<string, string> = {
      vnp_RequestId: requestId,
      vnp_Version: VNP_VERSION,
      vnp_Command: 'refund',
      vnp_TmnCode: this.opts.tmnCode,
      vnp_TransactionType: input.transactionType,
      vnp_TxnRef: input.txnRef,
      vnp_Amount: toVnpAmount(input.amountVnd),
      vnp_TransactionNo: input.transactionNo || '0',
      vnp_TransactionDate: formatVnpDate(input.transactionDate),
      vnp_CreateBy: input.createBy.trim(),
      vnp_CreateDate: formatVnpDate(input.now),
      vnp_IpAddr: normalizeIpAddr(input.ipAddr),
      vnp_OrderInfo: this.orderInfo(input.orderInfo),
    };
    body.vnp_SecureHash = signFields(body, REFUND_REQUEST_FIELDS, this.opts.hashSecret);

    const res = await this.post(body, REFUND_RESPONSE_FIELDS, 'refund');
    return this.common(requestId, res, describeRefundResponse);
  }

  /** Whether the day's transaction list (the simulator's, with refunds by request id) can be asked. */
  get hasDailyList(): boolean {
    return !!this.opts.dailyListUrl;
  }

  /**
   * Simulator only: the day's transactions (GMT+7 date `YYYY-MM-DD`) as rows, for the few callers that
   * want objects (a refund's lookup). Pass `includeRefunds` to get refund rows too (with `transactionType` 02/03).
   */
  async dailyTransactions(date: string, opts: { includeRefunds?: boolean } = {}): Promise<DailyListRow[]> {
    const file = await this.dailyListFile(date, opts);
    try {
      return parseDailyList(Buffer.concat(file.chunks).toString('utf8'));
    } catch (err) {
      throw new VnpayApiError(`VNPay daily list: ${(err as Error).message}`);
    }
  }

  /**
   * Simulator only: the day's list file as received (CSV, protocols/vnpay/daily-list.ts), its header
   * checked, for reconciliation to load into the database as it is. A day of a million transactions
   * is about 55 MB; it gets two minutes, not the API's timeout.
   */
  async dailyListFile(date: string, opts: { includeRefunds?: boolean } = {}): Promise<DailyListFile> {
    if (!this.opts.dailyListUrl) throw new VnpayApiError('dailyListUrl is not configured (the daily list exists only on the simulator)');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new VnpayProtocolError(`date must be YYYY-MM-DD: ${date}`);
    const url = new URL(this.opts.dailyListUrl);
    url.searchParams.set('date', date);
    url.searchParams.set('vnp_TmnCode', this.opts.tmnCode);
    url.searchParams.set('vnp_SecureHash', signDailyListRequest(this.opts.tmnCode, date, this.opts.hashSecret));
    if (opts.includeRefunds) url.searchParams.set('includeRefunds', 'true');
    const timeoutMs = Math.max(this.timeoutMs, 120_000);
    const signal = AbortSignal.timeout(timeoutMs);
    const chunks: Uint8Array[] = [];
    let bytes = 0;
    let status: number | undefined;
    try {
      // A GET may be sent again: once, when the connection failed before any answer (a kept-alive
      // socket the server had just closed is the usual cause).
      const response = await this.doFetch(url, { method: 'GET', headers: { accept: 'text/csv' }, signal }).catch((err: Error) => {
        if (signal.aborted) throw err;
        this.log.warn({ what: 'daily list', err: describeError(err) }, 'VNPay request failed, sent again');
        return this.doFetch(url, { method: 'GET', headers: { accept: 'text/csv' }, signal });
      });
      status = response.status;
      if (!response.ok) throw new VnpayApiError(`VNPay daily list: HTTP ${response.status}`, { status, body: (await response.text()).slice(0, 500) });
      const reader = response.body?.getReader();
      for (let r = await reader?.read(); r && !r.done; r = await reader!.read()) {
        chunks.push(r.value);
        bytes += r.value.byteLength;
      }
    } catch (err) {
      if (err instanceof VnpayApiError) throw err;
      const e = err as Error;
      const timedOut = e.name === 'TimeoutError' || e.name === 'AbortError';
      this.log.warn({ what: 'daily list', err: describeError(e) }, 'VNPay request failed');
      throw new VnpayApiError(timedOut ? `VNPay daily list: no answer within ${timeoutMs} ms` : `VNPay daily list: ${describeError(e)}`, { status });
    }
    const head = Buffer.concat(chunks, Math.min(bytes, 1024)).toString('utf8');
    const firstLine = head.split('\n', 1)[0];
    if (!isDailyListHeader(firstLine)) {
      throw new VnpayApiError(`VNPay daily list: not a daily list file (the first line must be "${DAILY_LIST_HEADER}")`, { status, body: head.slice(0, 200) });
    }
    return { chunks, bytes };
  }

  private requestId(given?: string): string {
    const id = given ?? this.newRequestId();
    if (!/^[A-Za-z0-9]{1,32}$/.test(id)) throw new VnpayProtocolError(`vnp_RequestId must be 1-32 letters or digits: ${id}`);
    return id;
  }

  private orderInfo(s: string): string {
    const v = stripDiacritics(s);
    if (!v) throw new VnpayProtocolError('orderInfo is empty after removing diacritics and special characters');
    return v;
  }

  private amount(v: unknown, allowEmpty = false): bigint | null {
    const s = str(v);
    if (s === '') return null;
    try {
      return fromVnpAmount(s);
    } catch (err) {
      if (allowEmpty) return null;
      throw new VnpayApiError(`VNPay answered a malformed vnp_Amount: ${(err as Error).message}`, { body: v });
    }
  }

  private common(requestId: string, res: Record<string, unknown>, describe: (code: string) => string): CommonResult {
    const responseCode = str(res.vnp_ResponseCode);
    const payDate = str(res.vnp_PayDate);
    let parsedPayDate: Date | null = null;
    if (payDate) {
      try {
        parsedPayDate = parseVnpDate(payDate);
      } catch {
        throw new VnpayApiError(`VNPay answered a malformed vnp_PayDate: ${payDate}`, { body: res });
      }
    }
    return {
      requestId,
      responseId: str(res.vnp_ResponseId),
      responseCode,
      message: str(res.vnp_Message) || describe(responseCode),
      ok: responseCode === '00',
      tmnCode: str(res.vnp_TmnCode),
      txnRef: str(res.vnp_TxnRef),
      amountVnd: this.amount(res.vnp_Amount),
      orderInfo: str(res.vnp_OrderInfo),
      bankCode: str(res.vnp_BankCode),
      payDate: parsedPayDate,
      transactionNo: str(res.vnp_TransactionNo),
      transactionType: str(res.vnp_TransactionType),
      transactionStatus: str(res.vnp_TransactionStatus),
      raw: res,
    };
  }

  private async post(body: Record<string, string>, responseFields: readonly string[], command: string): Promise<Record<string, unknown>> {
    const started = Date.now();
    const res = await this.fetchJson(
      this.opts.apiUrl,
      { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) },
      command,
    );
    if (!res || typeof res !== 'object' || Array.isArray(res)) throw new VnpayApiError(`VNPay ${command}: the answer is not a JSON object`, { body: res });
    const answer = res as Record<string, unknown>;
    const responseCode = str(answer.vnp_ResponseCode);
    if (typeof answer.vnp_SecureHash !== 'string' || answer.vnp_SecureHash === '') {
      this.log.warn({ command, txnRef: body.vnp_TxnRef, responseCode }, 'VNPay answer without signature refused');
      throw new VnpayApiError(`VNPay ${command}: unsigned answer refused (vnp_ResponseCode=${responseCode || 'none'})`, { responseCode, body: answer });
    }
    if (!verifyFields(answer, responseFields, this.opts.hashSecret)) {
      this.log.warn({ command, txnRef: body.vnp_TxnRef, responseCode }, 'VNPay answer with a wrong signature refused');
      throw new VnpayApiError(`VNPay ${command}: wrong signature on the answer (vnp_ResponseCode=${responseCode || 'none'})`, { responseCode, body: answer });
    }
    const tmn = str(answer.vnp_TmnCode);
    if (tmn !== this.opts.tmnCode) throw new VnpayApiError(`VNPay ${command}: answer for another terminal (${tmn})`, { responseCode, body: answer });
    const ref = str(answer.vnp_TxnRef);
    if (ref && ref !== body.vnp_TxnRef) throw new VnpayApiError(`VNPay ${command}: answer for another transaction (${ref})`, { responseCode, body: answer });
    this.log.info({ command, txnRef: body.vnp_TxnRef, requestId: body.vnp_RequestId, responseCode, ms: Date.now() - started }, `VNPay ${command} answered`);
    return answer;
  }

  private async fetchJson(url: string, init: RequestInit, what: string, timeoutMs = this.timeoutMs): Promise<unknown> {
    let response: Response;
    try {
      response = await this.doFetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      const e = err as Error;
      const timedOut = e.name === 'TimeoutError' || e.name === 'AbortError';
      this.log.warn({ what, err: e.message }, 'VNPay request failed');
      throw new VnpayApiError(timedOut ? `VNPay ${what}: no answer within ${timeoutMs} ms` : `VNPay ${what}: ${e.message}`);
    }
    const text = await response.text();
    if (!response.ok) throw new VnpayApiError(`VNPay ${what}: HTTP ${response.status}`, { status: response.status, body: text.slice(0, 500) });
    try {
      return JSON.parse(text);
    } catch {
      throw new VnpayApiError(`VNPay ${what}: the answer is not JSON`, { status: response.status, body: text.slice(0, 500) });
    }
  }
}
