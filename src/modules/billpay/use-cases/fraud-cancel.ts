import { and, eq } from 'drizzle-orm';
import { updateVersioned } from '../../../db/versioned.ts';
import type { Ctx } from '../../../platform/context.ts';
import { canTransition, transition } from '../../../platform/state-machine.ts';
import { internationalMsisdn } from '../../../protocols/subscriber-ledger/protocol.ts';
import { orders, recoveryCases } from '../db/schema.ts';
import { SYSTEM, type Deps } from '../deps.ts';
import { SMS } from '../domain/messages.ts';
import { formatVnd } from '../../../platform/money.ts';
import { ORDER_MACHINE } from '../domain/order-lifecycle.ts';
import { billpayError } from '../errors.ts';
import { assertCenter, orderRow } from '../queries.ts';

export const REVERSE_QUEUE = 'billpay.reverse';

/**
 * E7: MobiFone and the issuing bank found an approved transaction fraudulent: authorised staff
 * cancel it. In one transaction: the order is cancelled, the full refund is reserved through the
 * payments module (sent to VNPay by its job), the subscriber gets the E7 SMS, an open recovery case
 * is closed, and a posting already made is reversed by a job.
 */
export async function fraudCancel(d: Deps, ctx: Ctx, orderId: string, reason: string) {
  return d.database.db.transaction(async (tx) => {
    const o = await orderRow(d, orderId, tx, true);
    assertCenter(d, ctx, o);
    if (!canTransition(ORDER_MACHINE, o.status, 'fraud_cancel')) throw billpayError('ORDER_NOT_CANCELLABLE', { status: o.status });
    const now = d.clock.now();
    const status = transition(ORDER_MACHINE, o.status, 'fraud_cancel');
    await updateVersioned(tx, { table: orders, entityType: 'billpay_order', row: o, patch: { status, cancelReason: reason, cancelledBy: ctx.actor.id }, now });
    await d.payments.refundIn(tx, ctx, o.paymentId, o.amountVnd, `Huỷ giao dịch gian lận: ${reason}`);
    await d.notifications.sms(tx, { to: internationalMsisdn(o.msisdn), text: SMS.cancelled, related: { type: 'billpay_order', id: o.id } });
    // The card holder is reached at the e-mail given with the order (VNPay does not tell us the holder's phone).
    if (o.email) {
      const data = { amount: formatVnd(o.amountVnd), msisdn: o.msisdn, ref: o.id };
      await d.notifications.email(tx, { to: o.email, template: 'billpay.cancelled', locale: 'vi', data, related: { type: 'billpay_order', id: o.id } });
    }
    await tx
      .update(recoveryCases)
      .set({ status: 'resolved', resolution: 'cancelled', resolvedAt: now, resolvedBy: ctx.actor.id })
      .where(and(eq(recoveryCases.orderId, o.id), eq(recoveryCases.status, 'open')));
    // A posting may exist even in recovery (its answer was lost): the job looks it up and reverses it if so.
    if (o.status === 'cleared' || o.status === 'recovery' || o.status === 'clearing') {
      await d.jobs.enqueue(tx, { queue: REVERSE_QUEUE, key: `${REVERSE_QUEUE}:${o.id}`, payload: { orderId: o.id } });
    }
    await d.audit.record(tx, ctx, { action: 'billpay.order_fraud_cancelled', entityType: 'billpay_order', entityId: o.id, before: { status: o.status }, after: { status, reason } });
    return { orderId: o.id, status };
  });
}

/** The reversal job: takes back a posting of a cancelled order (idempotent at the ledger). */
export async function reversePosting(d: Deps, orderId: string): Promise<void> {
  const o = await orderRow(d, orderId);
  if (o.status !== 'fraud_cancelled') return;
  const reversed = await d.ledger.reverse(o.kind === 'bill' ? 'clear' : 'topup', o.id);
  if (!reversed) return; // nothing was posted
  await d.database.db.transaction(async (tx) => {
    await tx.update(orders).set({ posting: reversed, updatedAt: d.clock.now() }).where(eq(orders.id, o.id));
    await d.audit.record(tx, SYSTEM, {
      action: 'billpay.posting_reversed',
      entityType: 'billpay_order',
      entityId: o.id,
      after: { reversedAt: reversed.reversedAt },
    });
  });
}
