import { updateVersioned } from '../../../db/versioned.ts';
import { fail } from '../../../platform/errors.ts';
import { canTransition, transition } from '../../../platform/state-machine.ts';
import { normalizeMsisdn } from '../../../protocols/subscriber-ledger/protocol.ts';
import { orders } from '../db/schema.ts';
import { SYSTEM, type Deps } from '../deps.ts';
import { ORDER_MACHINE } from '../domain/order-lifecycle.ts';
import { billpayError } from '../errors.ts';
import { orderRow, releasePlace, toPublicOrder } from '../queries.ts';

/**
 * The subscriber drops an order not yet paid (its place is given back). Paid orders are not the
 * customer's to cancel, and a cleared one never (E4).
 */
export async function cancelOrder(d: Deps, orderId: string, msisdnTyped: string, ip: string) {
  return d.database.db.transaction(async (tx) => {
    const o = await orderRow(d, orderId, tx, true);
    if (normalizeMsisdn(msisdnTyped) !== o.msisdn) throw fail('NOT_FOUND', { order: orderId });
    if (o.status === 'cleared') throw billpayError('ORDER_ALREADY_CLEARED');
    if (!canTransition(ORDER_MACHINE, o.status, 'cancel')) throw billpayError('ORDER_NOT_CANCELLABLE', { status: o.status });
    const status = transition(ORDER_MACHINE, o.status, 'cancel');
    const after = await updateVersioned(tx, { table: orders, entityType: 'billpay_order', row: o, patch: { status }, now: d.clock.now() });
    await releasePlace(d, tx, o);
    await d.audit.record(tx, { ...SYSTEM, ip }, { action: 'billpay.order_cancelled', entityType: 'billpay_order', entityId: o.id, before: { status: o.status }, after: { status, by: 'subscriber' } });
    return toPublicOrder(after);
  });
}
