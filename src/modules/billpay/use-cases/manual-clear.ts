import type { Ctx } from '../../../platform/context.ts';
import { type Deps } from '../deps.ts';
import { billpayError } from '../errors.ts';
import { assertCenter, orderRow } from '../queries.ts';
import { CLEAR_QUEUE } from './clear-order.ts';

/**
 * E6/E9: a clearing user of the number's center clears an order whose money was confirmed but whose
 * automatic clearing failed. The posting itself still goes through the clearing job (never inside
 * a transaction; the ledger lookup first, so nothing is posted twice); the request is audited here.
 */
export async function manualClear(d: Deps, ctx: Ctx, orderId: string, note: string): Promise<{ orderId: string; status: 'recovery' | 'clearing' }> {
  return d.database.db.transaction(async (tx) => {
    const o = await orderRow(d, orderId, tx, true);
    assertCenter(d, ctx, o);
    if (o.status !== 'recovery' && o.status !== 'clearing') {
      if (o.status === 'cleared') throw billpayError('ORDER_ALREADY_CLEARED');
      throw billpayError('ORDER_NOT_CLEARABLE', { status: o.status });
    }
    const now = d.clock.now();
    await d.audit.record(tx, ctx, { action: 'billpay.manual_clear_requested', entityType: 'billpay_order', entityId: o.id, after: { status: o.status, note } });
    await d.jobs.enqueue(tx, {
      queue: CLEAR_QUEUE,
      key: `${CLEAR_QUEUE}:${o.id}:manual:${now.getTime()}`,
      payload: { orderId: o.id, by: { userId: ctx.actor.id ?? 'unknown', name: ctx.actor.name } },
      maxAttempts: 3,
    });
    return { orderId: o.id, status: o.status };
  });
}
