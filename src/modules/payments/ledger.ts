import { and, asc, desc, eq, gte, inArray, isNull, lt, or } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { payments, refunds } from './db/schema.ts';

/** A payment whose money arrived (VNPay or a recorded bank transfer). */
export interface CollectedPayment {
  id: string;
  contractId: string;
  amendmentId: string | null;
  /** The postpaid bill the payment collects, if any. */
  billId: string | null;
  amountVnd: bigint;
  method: 'vnpay' | 'bank_transfer';
  paidAt: Date;
}

/** A refund VNPay confirmed, with the refunds of the same payment confirmed before it. */
export interface DoneRefund {
  id: string;
  payment: CollectedPayment;
  amountVnd: bigint;
  doneAt: Date;
  refundedBeforeVnd: bigint;
}

const PAID = ['paid', 'partially_refunded', 'refunded'] as const;

/**
 * The money actually collected in [from, to): payments paid and refunds done in that window (what
 * commissions and the revenue feed are computed on). A refund's time is when it became done.
 * Payments of other modules' purposes (subscribers' bills and top-ups) are not IT-service revenue.
 */
export async function collectionLedger(database: Database, from: Date, to: Date): Promise<{ payments: CollectedPayment[]; refunds: DoneRefund[] }> {
  const db = database.db;
  const paidRows = await db
    .select()
    .from(payments)
    .where(and(inArray(payments.status, [...PAID]), isNull(payments.purpose), gte(payments.paidAt, from), lt(payments.paidAt, to)))
    .orderBy(asc(payments.paidAt), asc(payments.id));
  const refundRows = await db
    .select()
    .from(refunds)
    .where(and(eq(refunds.status, 'done'), gte(refunds.updatedAt, from), lt(refunds.updatedAt, to)));
  const paymentIds = [...new Set(refundRows.map((r) => r.paymentId))];
  const refunded = paymentIds.length ? await db.select().from(payments).where(and(inArray(payments.id, paymentIds), isNull(payments.purpose))) : [];
  const siblings = paymentIds.length ? await db.select().from(refunds).where(and(eq(refunds.status, 'done'), inArray(refunds.paymentId, paymentIds))) : [];
  const byId = new Map(refunded.map((p) => [p.id, toCollected(p)]));
  const order = (
    a: { updatedAt: Date; id: string },
    b: { updatedAt: Date; id: string },
  ) => a.updatedAt.getTime() - b.updatedAt.getTime() || a.id.localeCompare(b.id);
  return {
    payments: paidRows.map(toCollected),
    refunds: refundRows.filter((r) => byId.has(r.paymentId)).sort(order).map((r) => ({
      id: r.id,
      payment: byId.get(r.paymentId)!,
      amountVnd: r.amountVnd,
      doneAt: r.updatedAt,
      refundedBeforeVnd: siblings.filter((s) => s.paymentId === r.paymentId && order(s, r) < 0).reduce((sum, s) => sum + s.amountVnd, 0n),
    })),
  };
}

function toCollected(p: typeof payments.$inferSelect): CollectedPayment {
  return {
    id: p.id,
    contractId: p.contractId,
    amendmentId: p.amendmentId,
    billId: p.billId,
    amountVnd: p.amountVnd,
    method: p.method,
    paidAt: p.paidAt ?? p.updatedAt,
  };
}

/** A payment received on some of the given contracts or customers since a moment (the notification feed). */
export interface ReceivedPayment extends CollectedPayment {
  customerId: string;
}

/**
 * The IT-service payments received since `since` on the given contracts or customers, newest first,
 * at most `limit` (the notification feed's "payments received"). Nothing when both lists are empty.
 */
export async function paymentsReceived(
  database: Database,
  q: { since: Date; contractIds: string[]; customerIds: string[]; limit: number },
): Promise<ReceivedPayment[]> {
  const of = [
    q.contractIds.length ? inArray(payments.contractId, q.contractIds) : undefined,
    q.customerIds.length ? inArray(payments.customerId, q.customerIds) : undefined,
  ].filter((c) => c !== undefined);
  if (of.length === 0) return [];
  const rows = await database.db
    .select()
    .from(payments)
    .where(and(inArray(payments.status, [...PAID]), isNull(payments.purpose), gte(payments.paidAt, q.since), or(...of)))
    .orderBy(desc(payments.paidAt), desc(payments.id))
    .limit(q.limit);
  return rows.map((p) => ({ ...toCollected(p), customerId: p.customerId }));
}
