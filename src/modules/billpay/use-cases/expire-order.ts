import { transition } from '../../../platform/state-machine.ts';
import { updateVersioned } from '../../../db/versioned.ts';
import { orders } from '../db/schema.ts';
import { SYSTEM, type Deps } from '../deps.ts';
import { ORDER_MACHINE } from '../domain/order-lifecycle.ts';
import { orderRow, releasePlace } from '../queries.ts';

export const EXPIRE_QUEUE = 'billpay.expire';

/**
 * The expiry job, once VNPay's page has closed (plus a grace): VNPay is asked first (querydr,
 * outside any transaction), so money whose IPN was lost is taken rather than expired; an order
 * still unpaid then expires and gives its place back (E3).
 */
export async function expireOrder(d: Deps, orderId: string): Promise<void> {
  const o = await orderRow(d, orderId);
  if (o.status !== 'pending') return;
  try {
    await d.payments.settleByQuery(o.txnRef);
  } catch {
    // VNPay has no such transaction (the page was never opened) or did not answer: the page is closed either way.
  }
  await d.database.db.transaction(async (tx) => {
    const cur = await orderRow(d, orderId, tx, true);
    if (cur.status !== 'pending') return;
    const status = transition(ORDER_MACHINE, cur.status, 'expire');
    await updateVersioned(tx, { table: orders, entityType: 'billpay_order', row: cur, patch: { status }, now: d.clock.now() });
    await releasePlace(d, tx, cur);
    await d.audit.record(tx, SYSTEM, { action: 'billpay.order_expired', entityType: 'billpay_order', entityId: cur.id, before: { status: cur.status }, after: { status } });
  });
}
