import type { OrderKind } from './limits.ts';
import type { OrderStatus } from './order-lifecycle.ts';

/**
 * E10, end of day: the collection report per bank cashier code (what the card banks collected) and the
 * debt-clearing report (what was posted to HT TC QLKH / eVoucher), and whether the two balance. An
 * order refunded (rejected by the risk check or cancelled as fraud) must end with nothing cleared;
 * any other paid order must be cleared for its amount. Each order that does not is a difference.
 */
export interface DayOrder {
  id: string;
  msisdn: string;
  kind: OrderKind;
  amountVnd: bigint;
  center: number;
  /** The bank's cashier code: VNPay's bank code of the payment. */
  cashierCode: string;
  status: OrderStatus;
  /** What stands posted in the ledger for it (0 when none, or reversed). */
  clearedVnd: bigint;
}

export interface Difference {
  orderId: string;
  msisdn: string;
  center: number;
  status: OrderStatus;
  collectedVnd: bigint;
  dueVnd: bigint;
  clearedVnd: bigint;
  reason: 'not_cleared' | 'cleared_after_refund' | 'amount_differs';
}

export interface EndOfDay {
  collection: { cashierCode: string; count: number; amountVnd: bigint }[];
  clearing: { center: number; kind: OrderKind; count: number; amountVnd: bigint }[];
  totals: { collectedVnd: bigint; refundedVnd: bigint; clearedVnd: bigint };
  balanced: boolean;
  differences: Difference[];
}

const REFUNDED: readonly OrderStatus[] = ['rejected', 'fraud_cancelled'];

export function endOfDay(orders: DayOrder[]): EndOfDay {
  const byCashier = new Map<string, { cashierCode: string; count: number; amountVnd: bigint }>();
  const byCenter = new Map<string, { center: number; kind: OrderKind; count: number; amountVnd: bigint }>();
  const totals = { collectedVnd: 0n, refundedVnd: 0n, clearedVnd: 0n };
  const differences: Difference[] = [];
  for (const o of orders) {
    const c = byCashier.get(o.cashierCode) ?? { cashierCode: o.cashierCode, count: 0, amountVnd: 0n };
    c.count += 1;
    c.amountVnd += o.amountVnd;
    byCashier.set(o.cashierCode, c);
    totals.collectedVnd += o.amountVnd;
    const refunded = REFUNDED.includes(o.status);
    if (refunded) totals.refundedVnd += o.amountVnd;
    if (o.clearedVnd > 0n) {
      const key = `${o.center}:${o.kind}`;
      const k = byCenter.get(key) ?? { center: o.center, kind: o.kind, count: 0, amountVnd: 0n };
      k.count += 1;
      k.amountVnd += o.clearedVnd;
      byCenter.set(key, k);
      totals.clearedVnd += o.clearedVnd;
    }
    const due = refunded ? 0n : o.amountVnd;
    if (o.clearedVnd !== due) {
      const reason = refunded ? 'cleared_after_refund' : o.clearedVnd === 0n ? 'not_cleared' : 'amount_differs';
      differences.push({ orderId: o.id, msisdn: o.msisdn, center: o.center, status: o.status, collectedVnd: o.amountVnd, dueVnd: due, clearedVnd: o.clearedVnd, reason });
    }
  }
  return {
    collection: [...byCashier.values()].sort((a, b) => a.cashierCode.localeCompare(b.cashierCode)),
    clearing: [...byCenter.values()].sort((a, b) => a.center - b.center || a.kind.localeCompare(b.kind)),
    totals,
    balanced: differences.length === 0,
    differences,
  };
}
