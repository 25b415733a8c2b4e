import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The VNPay PAY protocol, version 2.1.0, as pure functions (`shared/reference/vnpay.md` §2–§5).
 * Money enters and leaves as bigint đồng; the ×100 of `vnp_Amount` happens only here.
 * Dates are GMT+7 wall time computed with a fixed +07:00 offset, never the machine's zone.
 */

export const VNP_VERSION = '2.1.0';

/** Input VNPay would refuse, or a callback we cannot read. */
export class VnpayProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VnpayProtocolError';
  }
}

// ---------------------------------------------------------------------------------------------
// Dates

const GMT7_MS = 7 * 60 * 60 * 1000;
const VNP_DATE_RE = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `yyyyMMddHHmmss` in GMT+7 for an instant. */
export function formatVnpDate(d: Date): string {
  const t = d.getTime();
  if (!Number.isFinite(t)) throw new VnpayProtocolError('invalid date');
  const w = new Date(t + GMT7_MS); // wall clock of Vietnam, read with the UTC getters
  return `${pad(w.getUTCFullYear(), 4)}${pad(w.getUTCMonth() + 1)}${pad(w.getUTCDate())}${pad(w.getUTCHours())}${pad(w.getUTCMinutes())}${pad(w.getUTCSeconds())}`;
}

/** The instant of a GMT+7 `yyyyMMddHHmmss`; throws on anything else (including 20260230…). */
export function parseVnpDate(s: string): Date {
  const m = typeof s === 'string' ? VNP_DATE_RE.exec(s) : null;
  if (!m) throw new VnpayProtocolError(`not a VNPay date (yyyyMMddHHmmss): ${JSON.stringify(s)}`);
  const [y, mo, d, h, mi, se] = m.slice(1).map(Number);
  const utc = Date.UTC(y, mo - 1, d, h, mi, se);
  const back = new Date(utc);
  if (
    y < 1970 ||
    back.getUTCFullYear() !== y ||
    back.getUTCMonth() !== mo - 1 ||
    back.getUTCDate() !== d ||
    back.getUTCHours() !== h ||
    back.getUTCMinutes() !== mi ||
    back.getUTCSeconds() !== se
  ) {
    throw new VnpayProtocolError(`not a valid VNPay date: ${s}`);
  }
  return new Date(utc - GMT7_MS);
}

export function isVnpDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  try {
    parseVnpDate(s);
    return true;
  } catch {
    return false;
  }
}

/** The Vietnamese business date `YYYY-MM-DD` of an instant. */
export function gmt7Date(d: Date): string {
  const s = formatVnpDate(d);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}

// ---------------------------------------------------------------------------------------------
// Text and amounts

/** What we allow in `vnp_OrderInfo`: every encoder VNPay or a merchant may use agrees on these. */
const ORDER_INFO_KEEP = /[^A-Za-z0-9 \-_.:/,#]/g;

/**
 * Vietnamese text → what `vnp_OrderInfo` accepts: no diacritics (NFD, combining marks removed,
 * đ→d, Đ→D), every other special character replaced by a space, whitespace collapsed, at most 255.
 */
export function stripDiacritics(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(ORDER_INFO_KEEP, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 255)
    .trim();
}

const MAX_VNP_AMOUNT = 999_999_999_999n; // Numeric[1,12]

/** Whether VNPay can take this amount at all (`vnp_Amount` is ×100 in at most 12 digits): check before writing an order. */
export const vnpayAcceptsAmount = (amountVnd: bigint): boolean => amountVnd > 0n && amountVnd * 100n <= MAX_VNP_AMOUNT;

/** bigint đồng → `vnp_Amount` (×100, digits only). */
export function toVnpAmount(amountVnd: bigint): string {
  if (typeof amountVnd !== 'bigint') throw new VnpayProtocolError('amount must be a bigint of đồng');
  if (amountVnd <= 0n) throw new VnpayProtocolError(`amount must be positive: ${amountVnd}`);
  const v = amountVnd * 100n;
  if (v > MAX_VNP_AMOUNT) throw new VnpayProtocolError(`amount too large for vnp_Amount: ${amountVnd}`);
  return v.toString();
}

/** `vnp_Amount` → bigint đồng; refuses anything but digits, and any value that is not a multiple of 100. */
export function fromVnpAmount(s: string): bigint {
  if (typeof s !== 'string' || !/^\d{1,15}$/.test(s)) throw new VnpayProtocolError(`not a VNPay amount: ${JSON.stringify(s)}`);
  const v = BigInt(s);
  if (v % 100n !== 0n) throw new VnpayProtocolError(`VNPay amount is not a whole number of đồng: ${s}`);
  return v / 100n;
}

/**
 * `vnp_IpAddr` needs 7 to 45 characters: unwraps IPv4-mapped IPv6 (`::ffff:1.2.3.4`) and maps
 * loopback `::1` to `127.0.0.1`. Take the first X-Forwarded-For hop before calling this.
 */
export function normalizeIpAddr(ip: string): string {
  let v = (ip ?? '').trim();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(v);
  if (mapped) v = mapped[1];
  if (v === '::1' || v === '') v = '127.0.0.1';
  if (v.length < 7 || v.length > 45 || !/^[0-9A-Fa-f.:]+$/.test(v)) throw new VnpayProtocolError(`not an IP address: ${JSON.stringify(ip)}`);
  return v;
}

// ---------------------------------------------------------------------------------------------
// Signing

const HASH_KEYS = new Set(['vnp_SecureHash', 'vnp_SecureHashType']);
const HEX_HASH_RE = /^[0-9a-fA-F]{128}$/;

const hex2 = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;

/**
 * Form encoding as WHATWG `URLSearchParams` and Java's `URLEncoder` do it: UTF-8, uppercase hex,
 * space → `+`, only `A-Za-z0-9*-._` left as they are. Throws URIError on a lone surrogate.
 */
export function formEncode(v: string): string {
  return encodeURIComponent(v).replace(/[!'()~]/g, hex2).replace(/%20/g, '+');
}

/** VNPay's official Node demo: `encodeURIComponent` with `+` for space (leaves `!'()*~`). */
const encodeNodeDemo = (v: string) => encodeURIComponent(v).replace(/%20/g, '+');
/** PHP `urlencode`: as WHATWG, but `*` escaped too. */
const encodePhp = (v: string) => formEncode(v).replace(/\*/g, '%2A');

function sortedFields(params: Record<string, string>): [string, string][] {
  return Object.keys(params)
    .filter((k) => k.startsWith('vnp_') && !HASH_KEYS.has(k) && typeof params[k] === 'string' && params[k] !== '')
    .sort()
    .map((k) => [k, params[k]]);
}

function joinFields(fields: [string, string][], encode: (v: string) => string): string {
  return fields.map(([k, v]) => `${k}=${encode(v)}`).join('&');
}

/**
 * The string VNPay signs: non-empty `vnp_*` fields except the hash fields, sorted by key,
 * `key=formEncode(value)` joined by `&`. It is also the query string we send.
 */
export function canonicalQuery(params: Record<string, string>): string {
  return joinFields(sortedFields(params), formEncode);
}

function hmacKey(secret: string): string {
  const key = (secret ?? '').replace(/^\uFEFF/, '').trim();
  if (!key) throw new VnpayProtocolError('empty VNPay hash secret');
  return key;
}

export function hmacSha512Hex(secret: string, data: string): string {
  return createHmac('sha512', hmacKey(secret)).update(data, 'utf8').digest('hex');
}

/** `vnp_SecureHash` of a payment URL, Return URL or IPN: lowercase hex HMAC-SHA512. */
export function signParams(params: Record<string, string>, secret: string): string {
  return hmacSha512Hex(secret, canonicalQuery(params));
}

/** The signed query string: canonical fields then `vnp_SecureHash` last. */
export function signedQuery(params: Record<string, string>, secret: string): string {
  const q = canonicalQuery(params);
  return `${q}&vnp_SecureHash=${hmacSha512Hex(secret, q)}`;
}

/** querydr/refund: values joined by `|` (no keys, no encoding), a missing value counting as empty. */
export function signPipe(values: readonly (string | number | null | undefined)[], secret: string): string {
  return hmacSha512Hex(secret, values.map((v) => (v === undefined || v === null ? '' : String(v))).join('|'));
}

/** Case-insensitive, constant-time comparison of two hex digests. */
export function hashEquals(expectedHex: string, givenHex: string): boolean {
  if (typeof givenHex !== 'string' || !HEX_HASH_RE.test(givenHex) || expectedHex.length !== givenHex.length) return false;
  return timingSafeEqual(Buffer.from(expectedHex.toLowerCase(), 'latin1'), Buffer.from(givenHex.toLowerCase(), 'latin1'));
}

export type QueryInput = Record<string, string | string[] | undefined>;

/** The `vnp_*` fields of a parsed query string; null when a field is repeated or not a string. */
export function vnpFields(query: QueryInput): Record<string, string> | null {
  if (!query || typeof query !== 'object') return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) {
    if (!k.startsWith('vnp_') || v === undefined) continue;
    if (typeof v !== 'string') return null;
    out[k] = v;
  }
  return out;
}

/**
 * Checks `vnp_SecureHash` of a Return URL or IPN query (already decoded, e.g. Fastify's `req.query`).
 * Only `vnp_*` fields count; the hash fields and empty values are left out. The WHATWG/Java encoding
 * is tried first; when a value holds one of `!'()*~`, the PHP and Node-demo encodings are tried too,
 * since VNPay's server-side encoder is not documented. False for anything malformed; never throws.
 */
export function verifySignature(query: QueryInput, secret: string): boolean {
  try {
    const fields = vnpFields(query);
    if (!fields) return false;
    const given = fields.vnp_SecureHash;
    if (!given || !HEX_HASH_RE.test(given)) return false;
    const sorted = sortedFields(fields);
    if (sorted.length === 0) return false;
    const encoders = sorted.some(([, v]) => /[!'()*~]/.test(v)) ? [formEncode, encodePhp, encodeNodeDemo] : [formEncode];
    let ok = false;
    for (const encode of encoders) ok = hashEquals(hmacSha512Hex(secret, joinFields(sorted, encode)), given) || ok;
    return ok;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Payment URL

export interface VnpayPayConfig {
  /** The `vpcpay.html` URL, e.g. https://sandbox.vnpayment.vn/paymentv2/vpcpay.html */
  payUrl: string;
  tmnCode: string;
  hashSecret: string;
}

export interface PaymentRequest {
  /** Unique within the GMT+7 day: one per payment attempt. */
  txnRef: string;
  amountVnd: bigint;
  /** Stripped of diacritics and special characters here. */
  orderInfo: string;
  /** Default `other`. */
  orderType?: string;
  /** The customer's IP (normalised here). */
  ipAddr: string;
  returnUrl: string;
  /** Default `vn`. */
  locale?: 'vn' | 'en';
  /** Omit to let the customer choose; `VNBANK` = domestic card; `NCB` = straight to that bank. */
  bankCode?: string;
  now: Date;
  /** Default 15. */
  expireMinutes?: number;
}

const TXN_REF_RE = /^[A-Za-z0-9_-]{1,100}$/;
const TMN_CODE_RE = /^[A-Za-z0-9]{8}$/;
const BANK_CODE_RE = /^[A-Za-z0-9]{3,20}$/;
const ORDER_TYPE_RE = /^[A-Za-z0-9]{1,100}$/;

/** The fields of a `pay` request, unsigned. */
export function paymentParams(cfg: Pick<VnpayPayConfig, 'tmnCode'>, p: PaymentRequest): Record<string, string> {
  if (!TMN_CODE_RE.test(cfg.tmnCode ?? '')) throw new VnpayProtocolError(`vnp_TmnCode must be 8 letters or digits: ${JSON.stringify(cfg.tmnCode)}`);
  if (!TXN_REF_RE.test(p.txnRef ?? '')) throw new VnpayProtocolError(`vnp_TxnRef must be 1-100 letters, digits, - or _: ${JSON.stringify(p.txnRef)}`);
  const orderInfo = stripDiacritics(p.orderInfo ?? '');
  if (!orderInfo) throw new VnpayProtocolError('vnp_OrderInfo is empty after removing diacritics and special characters');
  const orderType = p.orderType ?? 'other';
  if (!ORDER_TYPE_RE.test(orderType)) throw new VnpayProtocolError(`bad vnp_OrderType: ${JSON.stringify(orderType)}`);
  if (p.bankCode !== undefined && p.bankCode !== '' && !BANK_CODE_RE.test(p.bankCode)) throw new VnpayProtocolError(`bad vnp_BankCode: ${JSON.stringify(p.bankCode)}`);
  let returnUrl: URL;
  try {
    returnUrl = new URL(p.returnUrl);
  } catch {
    throw new VnpayProtocolError(`vnp_ReturnUrl is not a URL: ${JSON.stringify(p.returnUrl)}`);
  }
  if (!/^https?:$/.test(returnUrl.protocol) || p.returnUrl.length < 10 || p.returnUrl.length > 255) {
    throw new VnpayProtocolError('vnp_ReturnUrl must be an http(s) URL of 10 to 255 characters');
  }
  const locale = p.locale ?? 'vn';
  if (locale !== 'vn' && locale !== 'en') throw new VnpayProtocolError(`bad vnp_Locale: ${locale}`);
  const expireMinutes = p.expireMinutes ?? 15;
  if (!Number.isInteger(expireMinutes) || expireMinutes < 1) throw new VnpayProtocolError('expireMinutes must be a positive integer');

  const params: Record<string, string> = {
    vnp_Version: VNP_VERSION,
    vnp_Command: 'pay',
    vnp_TmnCode: cfg.tmnCode,
    vnp_Amount: toVnpAmount(p.amountVnd),
    vnp_CurrCode: 'VND',
    vnp_TxnRef: p.txnRef,
    vnp_OrderInfo: orderInfo,
    vnp_OrderType: orderType,
    vnp_Locale: locale,
    vnp_ReturnUrl: p.returnUrl,
    vnp_IpAddr: normalizeIpAddr(p.ipAddr),
    vnp_CreateDate: formatVnpDate(p.now),
    vnp_ExpireDate: formatVnpDate(new Date(p.now.getTime() + expireMinutes * 60_000)),
  };
  if (p.bankCode) params.vnp_BankCode = p.bankCode;
  return params;
}

/** The signed URL to redirect the customer's browser to. */
export function buildPaymentUrl(cfg: VnpayPayConfig, p: PaymentRequest): string {
  const params = paymentParams(cfg, p);
  const sep = cfg.payUrl.includes('?') ? '&' : '?';
  return `${cfg.payUrl}${sep}${signedQuery(params, cfg.hashSecret)}`;
}

// ---------------------------------------------------------------------------------------------
// Return URL / IPN

export interface VnpCallback {
  tmnCode: string;
  txnRef: string;
  amountVnd: bigint;
  /** `vnp_ResponseCode`, see PAYMENT_RESPONSE_CODES. */
  responseCode: string;
  /** `vnp_TransactionStatus`, see TRANSACTION_STATUS. */
  transactionStatus: string;
  /** VNPay's number; `0` when no transaction was created (e.g. cancel). */
  transactionNo: string;
  bankCode: string;
  bankTranNo: string | null;
  cardType: string | null;
  orderInfo: string;
  payDate: Date | null;
  /** Both codes are `00` (VNPay's C# demo rule). Code 07 (suspected) is not paid. */
  paid: boolean;
  /** Every `vnp_*` field as received, the hash included. */
  raw: Record<string, string>;
}

/**
 * Reads a Return URL or IPN query. Does NOT check the signature: call `verifySignature` first.
 * Throws VnpayProtocolError on a missing or malformed field.
 */
export function parseCallback(query: QueryInput): VnpCallback {
  const raw = vnpFields(query);
  if (!raw) throw new VnpayProtocolError('repeated or non-string vnp_ field');
  const need = (k: string, re: RegExp): string => {
    const v = raw[k];
    if (v === undefined || !re.test(v)) throw new VnpayProtocolError(`missing or malformed ${k}: ${JSON.stringify(v)}`);
    return v;
  };
  const txnRef = need('vnp_TxnRef', /^.{1,100}$/);
  const amountVnd = fromVnpAmount(need('vnp_Amount', /^\d{1,15}$/));
  const responseCode = need('vnp_ResponseCode', /^\d{2}$/);
  const transactionStatus = need('vnp_TransactionStatus', /^\d{2}$/);
  const payDateRaw = raw.vnp_PayDate;
  const payDate = payDateRaw ? parseVnpDate(payDateRaw) : null;
  return {
    tmnCode: raw.vnp_TmnCode ?? '',
    txnRef,
    amountVnd,
    responseCode,
    transactionStatus,
    transactionNo: raw.vnp_TransactionNo ?? '',
    bankCode: raw.vnp_BankCode ?? '',
    bankTranNo: raw.vnp_BankTranNo || null,
    cardType: raw.vnp_CardType || null,
    orderInfo: raw.vnp_OrderInfo ?? '',
    payDate,
    paid: responseCode === '00' && transactionStatus === '00',
    raw,
  };
}

// ---------------------------------------------------------------------------------------------
// querydr / refund pipe strings (§5)

export const QUERYDR_REQUEST_FIELDS = [
  'vnp_RequestId',
  'vnp_Version',
  'vnp_Command',
  'vnp_TmnCode',
  'vnp_TxnRef',
  'vnp_TransactionDate',
  'vnp_CreateDate',
  'vnp_IpAddr',
  'vnp_OrderInfo',
] as const;

export const QUERYDR_RESPONSE_FIELDS = [
  'vnp_ResponseId',
  'vnp_Command',
  'vnp_ResponseCode',
  'vnp_Message',
  'vnp_TmnCode',
  'vnp_TxnRef',
  'vnp_Amount',
  'vnp_BankCode',
  'vnp_PayDate',
  'vnp_TransactionNo',
  'vnp_TransactionType',
  'vnp_TransactionStatus',
  'vnp_OrderInfo',
  'vnp_PromotionCode',
  'vnp_PromotionAmount',
] as const;

export const REFUND_REQUEST_FIELDS = [
  'vnp_RequestId',
  'vnp_Version',
  'vnp_Command',
  'vnp_TmnCode',
  'vnp_TransactionType',
  'vnp_TxnRef',
  'vnp_Amount',
  'vnp_TransactionNo',
  'vnp_TransactionDate',
  'vnp_CreateBy',
  'vnp_CreateDate',
  'vnp_IpAddr',
  'vnp_OrderInfo',
] as const;

export const REFUND_RESPONSE_FIELDS = QUERYDR_RESPONSE_FIELDS.slice(0, 13) as readonly string[];

/** The pipe hash of a JSON body over the given field order. */
export function signFields(body: Record<string, unknown>, fields: readonly string[], secret: string): string {
  return signPipe(
    fields.map((f) => {
      const v = body[f];
      return typeof v === 'string' || typeof v === 'number' ? v : '';
    }),
    secret,
  );
}

/** Verifies `vnp_SecureHash` of a JSON body over the given field order; never throws. */
export function verifyFields(body: Record<string, unknown>, fields: readonly string[], secret: string): boolean {
  try {
    const given = body.vnp_SecureHash;
    if (typeof given !== 'string') return false;
    return hashEquals(signFields(body, fields, secret), given);
  } catch {
    return false;
  }
}

/**
 * The simulator's daily transaction list (`GET …/transactions`) is not a VNPay API; its request is
 * signed the same way as querydr: HMAC-SHA512 of `tmnCode|YYYY-MM-DD`.
 */
export function signDailyListRequest(tmnCode: string, date: string, secret: string): string {
  return signPipe([tmnCode, date], secret);
}

/** One row of that daily list. */
export interface DailyListRow {
  txnRef: string;
  transactionNo: string;
  /** ×100 as VNPay writes it. */
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
