import type { ReconKind } from '../contract.ts';

/**
 * One day of VNPay transactions against ours (D4). Each transaction reference lands in one bucket:
 * - matched: paid at VNPay and recorded paid here, same amount;
 * - pending_here: paid at VNPay, still pending here (the IPN was lost) — settle through querydr;
 * - unknown_here: paid at VNPay with a reference we never created;
 * - missing_at_vnpay: recorded paid here, absent or unpaid at VNPay;
 * - amount_mismatch: both sides know it but the amounts differ.
 * Unpaid at VNPay and not paid here (cancelled, failed, abandoned) is not a difference.
 */
export interface TheirTxn {
  txnRef: string;
  amountVnd: bigint;
  paid: boolean;
  transactionNo: string;
}

export interface OurAttempt {
  txnRef: string;
  amountVnd: bigint;
  status: 'pending' | 'success' | 'failed';
}

export interface ReconItem {
  txnRef: string;
  kind: ReconKind;
  vnpayAmountVnd: bigint | null;
  ourAmountVnd: bigint | null;
  transactionNo: string | null;
  resolution?: 'settled_by_querydr' | 'still_pending';
}

/** A row as the day's record stores it (jsonb: amounts as decimal strings). */
export type StoredReconItem = Omit<ReconItem, 'vnpayAmountVnd' | 'ourAmountVnd'> & { vnpayAmountVnd: string | null; ourAmountVnd: string | null };

export function reconcileDay(theirs: TheirTxn[], ours: OurAttempt[]): ReconItem[] {
  const mine = new Map(ours.map((o) => [o.txnRef, o]));
  const seen = new Set<string>();
  const items: ReconItem[] = [];
  for (const t of theirs) {
    seen.add(t.txnRef);
    const o = mine.get(t.txnRef);
    const base = { txnRef: t.txnRef, vnpayAmountVnd: t.amountVnd, ourAmountVnd: o?.amountVnd ?? null, transactionNo: t.transactionNo };
    if (!t.paid) {
      if (o?.status === 'success') items.push({ ...base, kind: 'missing_at_vnpay' });
      continue;
    }
    if (!o) items.push({ ...base, kind: 'unknown_here' });
    else if (o.amountVnd !== t.amountVnd) items.push({ ...base, kind: 'amount_mismatch' });
    else if (o.status === 'success') items.push({ ...base, kind: 'matched' });
    else items.push({ ...base, kind: 'pending_here' });
  }
  for (const o of ours) {
    if (seen.has(o.txnRef) || o.status !== 'success') continue;
    items.push({ txnRef: o.txnRef, kind: 'missing_at_vnpay', vnpayAmountVnd: null, ourAmountVnd: o.amountVnd, transactionNo: null });
  }
  return items;
}

/**
 * The payments of VNPay's daily list (rows without a type are payments; 02/03 are refunds), amounts
 * ×100 as VNPay writes them; paid when both the transaction status and the response code are 00.
 */
/** The fields of a daily-list row that reconciliation reads. */
export interface ListedTxn {
  txnRef: string;
  amount: string;
  transactionStatus: string;
  responseCode: string;
  transactionNo: string;
  transactionType?: string;
}

export function theirPayments(rows: ListedTxn[]): TheirTxn[] {
  return rows
    .filter((t) => !t.transactionType || t.transactionType === '01')
    .map((t) => ({
      txnRef: t.txnRef,
      amountVnd: BigInt(t.amount) / 100n,
      paid: t.transactionStatus === '00' && t.responseCode === '00',
      transactionNo: t.transactionNo,
    }));
}

/**
 * The day's counts per bucket, and the đồng matched (VNPay's amount where it has one). `unlisted`:
 * matches counted but not among `items` (the day's record lists only what needs a look, see reconcile-day.ts).
 */
export function summarizeRecon(items: ReconItem[], unlisted: { matched: number; matchedVnd: bigint } = { matched: 0, matchedVnd: 0n }) {
  const count = (k: ReconItem['kind']) => items.filter((i) => i.kind === k).length;
  const sum = (k: ReconItem['kind']) => items.filter((i) => i.kind === k).reduce((s, i) => s + (i.vnpayAmountVnd ?? i.ourAmountVnd ?? 0n), 0n);
  return {
    matched: count('matched') + unlisted.matched,
    matchedVnd: (sum('matched') + unlisted.matchedVnd).toString(),
    pendingHere: count('pending_here'),
    unknownHere: count('unknown_here'),
    missingAtVnpay: count('missing_at_vnpay'),
    amountMismatch: count('amount_mismatch'),
    total: items.length + unlisted.matched,
  };
}

/** A reconciliation line's result in the exported file, in the accountant's words (the screen says the same). */
export const RECON_KIND_TEXT: Record<ReconKind, string> = {
  matched: 'Khớp',
  pending_here: 'QLDV còn chờ',
  unknown_here: 'QLDV không có',
  missing_at_vnpay: 'VNPay không có',
  amount_mismatch: 'Lệch số tiền',
};
