import { and, eq } from 'drizzle-orm';
import { updateVersioned } from '../../../db/versioned.ts';
import { toLocalDate } from '../../../platform/calendar.ts';
import { canTransition, transition } from '../../../platform/state-machine.ts';
import { attempts, payments, refunds } from '../db/schema.ts';
import { SYSTEM, type Deps } from '../deps.ts';
import { REFUND_MACHINE, refundOpen } from '../domain/payment-lifecycle.ts';
import { afterRefund, refundAnswer, refundLookup } from '../domain/refunds.ts';
import type { AttemptRow, RefundRow } from '../queries.ts';

export const REFUND_QUEUE = 'payments.refund';

interface RefundOutcome {
  status: 'done' | 'failed';
  responseCode: string;
  message: string;
  transactionNo: string | null;
}

/**
 * The refund job. A row still `pending` was never sent: mark it `sending`, then ask VNPay. A row
 * already `sending` may have reached VNPay (timeout, lost answer): look it up first, and only send
 * (with the same vnp_RequestId) what VNPay does not have. An uncertain outcome throws: the job retries.
 */
export async function sendRefund(d: Deps, refundId: string): Promise<void> {
  const [r] = await d.database.db.select().from(refunds).where(eq(refunds.id, refundId));
  if (!r || !refundOpen(r.status)) return;
  const [a] = await d.database.db.select().from(attempts).where(eq(attempts.txnRef, r.txnRef));
  if (r.status === 'sending') {
    const seen = await lookupRefund(d, r, a);
    if (seen.verdict === 'done') {
      const message = 'VNPay đã hoàn tiền (tra cứu lại)';
      return applyRefund(d, r.id, { status: 'done', responseCode: '00', message, transactionNo: seen.transactionNo });
    }
    if (seen.verdict === 'unknown') {
      throw new Error(`refund ${r.id}: VNPay's answer was lost and the refund cannot be looked up yet; retrying`);
    }
  } else {
    const sending = transition(REFUND_MACHINE, r.status, 'send');
    const marked = await d.database.db
      .update(refunds)
      .set({ status: sending, updatedAt: d.clock.now() })
      .where(and(eq(refunds.id, r.id), eq(refunds.status, r.status)))
      .returning({ id: refunds.id });
    if (marked.length === 0) return; // another worker took it
  }
  const answer = await d.vnpay.refund({
    txnRef: a.txnRef,
    amountVnd: r.amountVnd,
    transactionType: r.transactionType,
    transactionDate: a.createdAt,
    transactionNo: a.transactionNo ?? undefined,
    createBy: r.createdBy ?? 'qldv',
    orderInfo: `Hoan tien ${a.txnRef}`,
    ipAddr: d.settings.serverIp,
    now: d.clock.now(),
    requestId: r.requestId,
  });
  const verdict = refundAnswer(answer.responseCode);
  const { responseCode, message } = answer;
  if (verdict === 'unknown') throw new Error(`refund ${r.id}: VNPay answered ${responseCode} (${message}); looking it up again later`);
  const status = verdict === 'done' ? 'done' : 'failed';
  await applyRefund(d, r.id, { status, responseCode, message, transactionNo: answer.transactionNo || null });
}

/** What VNPay knows of a refund that may have been sent: querydr of the payment, then (simulator) the day's refunds by request id. */
async function lookupRefund(d: Deps, r: RefundRow, a: AttemptRow) {
  const now = d.clock.now();
  const orderInfo = `Tra cuu hoan tien ${a.txnRef}`;
  const q = await d.vnpay.querydr({ txnRef: a.txnRef, transactionDate: a.createdAt, orderInfo, ipAddr: d.settings.serverIp, now });
  let listed: { requestIds: string[]; transactionNo: Map<string, string> } | null = null;
  if (q.ok && d.vnpay.hasDailyList) {
    const days = [...new Set([toLocalDate(r.createdAt), toLocalDate(now)])];
    const lists = await Promise.all(days.map((day) => d.vnpay.dailyTransactions(day, { includeRefunds: true })));
    const rows = lists.flat().filter((t) => t.txnRef === a.txnRef && t.requestId);
    listed = { requestIds: rows.map((t) => t.requestId!), transactionNo: new Map(rows.map((t) => [t.requestId!, t.transactionNo])) };
  }
  const verdict = refundLookup({ answered: q.ok, transactionType: q.transactionType }, listed, r.requestId);
  return { verdict, transactionNo: listed?.transactionNo.get(r.requestId) ?? null };
}

/**
 * Applies the outcome of a refund being sent, once: done → the payment's refunded amount (row count
 * checked); failed → the amount is released.
 */
async function applyRefund(d: Deps, refundId: string, outcome: RefundOutcome) {
  await d.database.db.transaction(async (tx) => {
    const [{ paymentId }] = await tx.select({ paymentId: refunds.paymentId }).from(refunds).where(eq(refunds.id, refundId));
    const [p] = await tx.select().from(payments).where(eq(payments.id, paymentId)).for('update');
    const [r] = await tx.select().from(refunds).where(eq(refunds.id, refundId)).for('update');
    if (!canTransition(REFUND_MACHINE, r.status, outcome.status === 'done' ? 'succeed' : 'refuse')) return; // applied already
    const now = d.clock.now();
    await tx.update(refunds).set({ ...outcome, updatedAt: now }).where(eq(refunds.id, r.id));
    if (outcome.status === 'done') await updateVersioned(tx, { table: payments, entityType: 'payment', row: p, patch: afterRefund(p, r.amountVnd), now });
    await d.audit.record(tx, SYSTEM, {
      action: outcome.status === 'done' ? 'payment.refunded' : 'payment.refund_failed',
      entityType: 'payment',
      entityId: p.id,
      before: { status: p.status, refundedVnd: p.refundedVnd, refund: { id: r.id, status: r.status } },
      after: { refund: { id: r.id, amountVnd: r.amountVnd, ...outcome } },
    });
  });
}
