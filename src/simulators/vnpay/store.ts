import { randomBytes, randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../../platform/log-sink.ts';
import { formatVnpDate, parseVnpDate, signedQuery } from '../../protocols/vnpay/protocol.ts';
import type { TestCard } from './cards.ts';

/** The in-memory transactions of the VNPay simulator, and how a payment ends. */

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

/** A transaction as the simulator holds it. */
export interface Tx extends Omit<SimTransaction, 'ipn' | 'returnRedirect'> {
  /** Lowercase hash of the pay request: the same URL opened again resumes the same payment. */
  requestHash: string;
  bank: string | null;
  card: TestCard | null;
  maskedCard: string;
  cardAttempts: number;
  otpAttempts: number;
  /** The signed fields of the return and the IPN; null while pending. */
  result: Record<string, string> | null;
  ipnAttempts: SimIpnAttempt[];
  ipnConfirmed: boolean;
  ipnChain: Promise<void> | null;
  ipnAbort: AbortController | null;
}

/** The resolved options every part of the simulator reads. */
export interface SimConfig {
  tmnCode: string;
  secret: string;
  /** The mount path, without a trailing slash. */
  base: string;
  clock: { now(): Date };
  log: Logger;
}

/** What the store needs of the IPN sender. */
export interface IpnPort {
  isLost(txnRef: string): boolean;
  start(tx: Tx): void;
}

export type AnyFastify = FastifyInstance<any, any, any, any, any>;

export const newId = () => randomBytes(16).toString('hex');
export const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Appends a query string to a URL, before any fragment. */
export function appendQuery(url: string, query: string): string {
  const hash = url.indexOf('#');
  const base = hash >= 0 ? url.slice(0, hash) : url;
  const frag = hash >= 0 ? url.slice(hash) : '';
  const sep = !base.includes('?') ? '?' : base.endsWith('?') || base.endsWith('&') ? '' : '&';
  return `${base}${sep}${query}${frag}`;
}

/** What every transaction starts with, however it came: no card typed, no refund, no IPN sent yet. */
export const untouched = () => ({
  refunds: [],
  refundedVnd: 0n,
  card: null,
  maskedCard: '',
  cardAttempts: 0,
  otpAttempts: 0,
  result: null,
  ipnAttempts: [],
  ipnChain: null,
  ipnAbort: null,
});

/** A payment made and confirmed, as `addPaid` records it (no page, no IPN to send). */
export function paidTx(tmnCode: string, transactionNo: string, r: { txnRef: string; amountVnd: bigint; createDate: string; payDate: string }): Tx {
  return {
    token: '',
    txnRef: r.txnRef,
    tmnCode,
    amountVnd: r.amountVnd,
    orderInfo: '',
    orderType: 'other',
    locale: 'vn',
    returnUrl: '',
    ipAddr: '127.0.0.1',
    requestedBankCode: null,
    createDate: r.createDate,
    expireDate: r.createDate,
    status: 'paid',
    step: 'done',
    responseCode: '00',
    transactionStatus: '00',
    transactionNo,
    bankCode: 'NCB',
    cardType: 'ATM',
    bankTranNo: `VNP${transactionNo}`,
    payDate: r.payDate,
    requestHash: '',
    bank: 'NCB',
    ipnConfirmed: true,
    ...untouched(),
  };
}

export type Store = ReturnType<typeof createStore>;

export function createStore(cfg: SimConfig, ipn: IpnPort) {
  const txs: Tx[] = [];
  const byToken = new Map<string, Tx>();
  /** Every vnp_RequestId seen on the merchant API (a repeat is refused with 94, except a refund's). */
  const requestIds = new Set<string>();
  let seq = 14_000_000 + randomInt(0, 900_000);

  const nextTransactionNo = () => String(++seq);
  const returnRedirect = (tx: Tx) => (tx.result ? appendQuery(tx.returnUrl, signedQuery(tx.result, cfg.secret)) : null);
  const expired = (tx: Tx) => parseVnpDate(tx.expireDate).getTime() <= cfg.clock.now().getTime();

  /** Ends a pending payment with a response code, signs its result and starts its IPN. */
  function finalize(tx: Tx, code: string): void {
    if (tx.status !== 'pending') return;
    const paid = code === '00';
    tx.status = paid ? 'paid' : 'failed';
    tx.step = 'done';
    tx.responseCode = code;
    tx.transactionStatus = paid ? '00' : '02';
    tx.transactionNo = code === '24' ? '0' : nextTransactionNo();
    tx.payDate = formatVnpDate(cfg.clock.now());
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
    cfg.log.info({ txnRef: tx.txnRef, responseCode: code, transactionNo: tx.transactionNo }, 'VNPay simulator: payment finished');
    ipn.start(tx);
  }

  const snapshot = (tx: Tx): SimTransaction => {
    const { requestHash: _h, bank: _b, card: _c, maskedCard: _m, cardAttempts: _ca, otpAttempts: _o, result: _r, ...rest } = tx;
    const { ipnAttempts, ipnConfirmed, ipnChain, ipnAbort: _a, ...own } = rest;
    return {
      ...own,
      refunds: tx.refunds.map((r) => ({ ...r })),
      ipn: { lost: ipn.isLost(tx.txnRef), confirmed: ipnConfirmed, inFlight: ipnChain !== null, attempts: ipnAttempts.map((a) => ({ ...a })) },
      returnRedirect: returnRedirect(tx),
    };
  };

  return {
    txs,
    byToken,
    requestIds,
    nextTransactionNo,
    returnRedirect,
    expired,
    finalize,
    snapshot,
    add(tx: Tx) {
      txs.push(tx);
      byToken.set(tx.token, tx);
    },
    /** The latest transaction with this reference. */
    latest(txnRef: string): Tx | undefined {
      for (let i = txs.length - 1; i >= 0; i--) if (txs[i].txnRef === txnRef) return txs[i];
      return undefined;
    },
    /** The transaction a querydr/refund names (a transaction number `0` or none matches any). */
    find(txnRef: string, transactionDate: string, transactionNo: string): Tx | undefined {
      const tx = txs.find((t) => t.txnRef === txnRef && t.createDate === transactionDate);
      if (!tx) return undefined;
      if (transactionNo && transactionNo !== '0' && transactionNo !== tx.transactionNo) return undefined;
      return tx;
    },
    /** Stops every pending IPN retry. */
    stopIpns() {
      for (const tx of txs) tx.ipnAbort?.abort();
    },
    clear() {
      txs.length = 0;
      byToken.clear();
      requestIds.clear();
    },
  };
}
