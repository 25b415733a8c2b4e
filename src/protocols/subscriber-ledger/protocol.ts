/**
 * The subscriber ledger of SPEC E, as QLDV and the local simulator speak it over HTTP JSON:
 * HT TC QLKH (billing & customer management: subscribers, postpaid debt, debt clearing) and
 * eVoucher (prepaid top-up). Amounts are whole đồng as decimal strings. Every posting carries the
 * caller's `ref` (the idempotency key): posting the same ref again returns the first posting.
 *
 *   GET  {qlkh}/qlkh/subscribers/{msisdn}            → 200 {code 00, subscriber} | 404 {code 04}
 *   POST {qlkh}/qlkh/payments  {ref, msisdn, amountVnd, cashierCode}   → 200 {code 00, posting} | 409 {code 05 not postpaid}
 *   GET  {qlkh}/qlkh/payments/{ref}                  → 200 {code 00, posting} | 404 {code 04}
 *   POST {qlkh}/qlkh/payments/{ref}/reverse          → 200 {code 00, posting (reversedAt set)}
 *   POST {evoucher}/evoucher/topups {ref, msisdn, amountVnd}            → 200 {code 00, posting} | 409 {code 05 not prepaid}
 *   GET  {evoucher}/evoucher/topups/{ref}            → 200 {code 00, posting} | 404 {code 04}
 *   POST {evoucher}/evoucher/topups/{ref}/reverse    → 200 {code 00, posting (reversedAt set)}
 *   Authorization: Bearer {api key}
 */
export const QLKH_PREFIX = '/qlkh';
export const EVOUCHER_PREFIX = '/evoucher';

export type SubscriberType = 'postpaid' | 'prepaid';

export interface LedgerSubscriber {
  /** 0xxxxxxxxx */
  msisdn: string;
  type: SubscriberType;
  name: string;
  address: string;
  /** Postpaid: the debt owed; prepaid: the main balance. */
  debtVnd: string;
  /** Billing center 1–6 (TT TC&TK). */
  center: number;
  /** Blocked for debt (E12): reopened by the ledger once the debt is paid. */
  status: 'active' | 'blocked_debt';
}

export interface LedgerPosting {
  ref: string;
  kind: 'clear' | 'topup';
  msisdn: string;
  amountVnd: string;
  /** Debt (clear) or balance (topup) before and after the posting. */
  beforeVnd: string;
  afterVnd: string;
  /** The subscriber was blocked for debt and is open again (E12). */
  reopened: boolean;
  postedAt: string;
  reversedAt: string | null;
}

/** 00 done; 01 invalid request; 02 unauthorized; 04 not found; 05 wrong subscriber type; 99 system error. */
export type LedgerCode = '00' | '01' | '02' | '04' | '05' | '99';

export interface LedgerAnswer {
  code: LedgerCode;
  message: string;
  subscriber?: LedgerSubscriber;
  posting?: LedgerPosting;
}

/** MobiFone's mobile prefixes (E1: only MobiFone numbers pay here). */
export const MOBIFONE_PREFIXES = ['089', '090', '093', '070', '076', '077', '078', '079'] as const;

/**
 * A number as typed (0901 234 567, +84901234567, 84901234567) in its national form 0xxxxxxxxx,
 * or null when it is not a Vietnamese mobile number.
 */
export function normalizeMsisdn(input: string): string | null {
  const digits = input.replace(/[\s.\-()]/g, '');
  const m = /^(?:\+?84|0)(\d{9})$/.exec(digits);
  return m ? `0${m[1]}` : null;
}

export const isMobifone = (msisdn: string): boolean => MOBIFONE_PREFIXES.some((p) => msisdn.startsWith(p));

/** The international form SMPP uses (84xxxxxxxxx). */
export const internationalMsisdn = (msisdn: string): string => `84${msisdn.slice(1)}`;

/**
 * The billing center of a number by its prefix (E9: "tách theo đầu số của Trung tâm"), used when
 * the ledger names none.
 */
export function centerByPrefix(msisdn: string): number {
  const table: Record<string, number> = { '090': 1, '093': 2, '089': 3, '070': 4, '079': 4, '076': 5, '077': 5, '078': 6 };
  return table[msisdn.slice(0, 3)] ?? 1;
}

const WHOLE = /^\d{1,15}$/;

/** What is wrong with a posting request (empty when valid). */
export function postingProblems(b: { ref?: unknown; msisdn?: unknown; amountVnd?: unknown }): string[] {
  const problems: string[] = [];
  if (typeof b.ref !== 'string' || !/^[\w.:-]{1,64}$/.test(b.ref)) problems.push('ref must be 1–64 letters, digits or . _ : -');
  if (typeof b.msisdn !== 'string' || normalizeMsisdn(b.msisdn) === null) problems.push('msisdn must be a mobile number');
  if (typeof b.amountVnd !== 'string' || !WHOLE.test(b.amountVnd) || BigInt(b.amountVnd) <= 0n) problems.push('amountVnd must be positive whole đồng');
  return problems;
}
