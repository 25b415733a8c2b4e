import type { Executor } from '../../../db/client.ts';
import { updateVersioned } from '../../../db/versioned.ts';
import { transition } from '../../../platform/state-machine.ts';
import type { PurposePort } from '../../payments/index.ts';
import { orders } from '../db/schema.ts';
import { SYSTEM, type Deps } from '../deps.ts';
import { holdsPlace, ORDER_MACHINE } from '../domain/order-lifecycle.ts';
import { orderRow, releasePlace, retakePlace } from '../queries.ts';
import { CHECK_QUEUE } from './check-risk.ts';

/**
 * What billpay hears from payments, inside the IPN's (or querydr's) transaction: money arrived
 * (the order is paid and its risk check queued, within the 10 minutes of E5), or an attempt failed
 * (the order fails and gives its place back).
 */
export function paymentHooks(d: Deps): PurposePort {
  return {
    async paidIn(tx: Executor, _ctx, orderId, p) {
      const o = await orderRow(d, orderId, tx, true);
      const late = !holdsPlace(o.status);
      if (o.status !== 'pending' && !late) return; // a second success: payments records it for a refund
      const status = transition(ORDER_MACHINE, o.status, late ? 'late_pay' : 'pay');
      if (late) await retakePlace(d, tx, o);
      await updateVersioned(tx, { table: orders, entityType: 'billpay_order', row: o, patch: { status, paidAt: p.paidAt, bankCode: p.bankCode || null }, now: d.clock.now() });
      await d.audit.record(tx, SYSTEM, {
        action: 'billpay.order_paid',
        entityType: 'billpay_order',
        entityId: o.id,
        before: { status: o.status },
        after: { status, txnRef: p.txnRef, bankCode: p.bankCode, late },
      });
      await d.jobs.enqueue(tx, { queue: CHECK_QUEUE, key: `${CHECK_QUEUE}:${o.id}`, payload: { orderId: o.id } });
    },
    async failedIn(tx: Executor, _ctx, orderId, p) {
      const o = await orderRow(d, orderId, tx, true);
      if (o.status !== 'pending') return;
      const status = transition(ORDER_MACHINE, o.status, 'fail');
      await updateVersioned(tx, { table: orders, entityType: 'billpay_order', row: o, patch: { status }, now: d.clock.now() });
      await releasePlace(d, tx, o);
      await d.audit.record(tx, SYSTEM, { action: 'billpay.order_failed', entityType: 'billpay_order', entityId: o.id, before: { status: o.status }, after: { status, responseCode: p.responseCode } });
    },
  };
}
