import { sql } from 'drizzle-orm';
import { updateVersioned } from '../../../db/versioned.ts';
import { transition } from '../../../platform/state-machine.ts';
import { internationalMsisdn } from '../../../protocols/subscriber-ledger/protocol.ts';
import { orders } from '../db/schema.ts';
import { SYSTEM, type Deps } from '../deps.ts';
import { SMS } from '../domain/messages.ts';
import { ORDER_MACHINE } from '../domain/order-lifecycle.ts';
import { evaluateRisk, type RiskFacts } from '../domain/risk.ts';
import { orderRow, riskConfig } from '../queries.ts';
import { CLEAR_QUEUE } from './clear-order.ts';

export const CHECK_QUEUE = 'billpay.check';

/**
 * E5: the risk check of a paid order (a job queued by the payment). Suspected fraud is rejected
 * without clearing: the money goes back through VNPay and the subscriber gets the E7 SMS. Otherwise
 * the clearing (or top-up) job is queued, in the same transaction.
 */
export async function checkRisk(d: Deps, orderId: string): Promise<void> {
  const o = await orderRow(d, orderId);
  if (o.status !== 'paid') return;
  const config = await riskConfig(d);
  const since = new Date(d.clock.now().getTime() - config.windowMinutes * 60_000);
  const [counts] = await d.database.rows<{ orders: number; failed: number; numbers: number; earlier: number }>(sql`
    select (select count(*)::int from billpay.orders where msisdn = ${o.msisdn} and created_at >= ${since.toISOString()}::timestamptz) as orders,
           (select count(*)::int from billpay.orders where msisdn = ${o.msisdn} and status = 'failed' and created_at >= ${since.toISOString()}::timestamptz) as failed,
           (select count(distinct msisdn)::int from billpay.orders where ip = ${o.ip} and created_at >= ${since.toISOString()}::timestamptz) as numbers,
           (select count(*)::int from billpay.orders where msisdn = ${o.msisdn} and paid_at is not null and id <> ${o.id}) as earlier`);
  const facts: RiskFacts = {
    msisdn: o.msisdn,
    amountVnd: o.amountVnd,
    ip: o.ip,
    bankCode: o.bankCode,
    ordersInWindow: counts.orders,
    failedInWindow: counts.failed,
    numbersFromIp: counts.numbers,
    earlierPaid: counts.earlier,
  };
  const verdict = evaluateRisk(facts, config);
  await d.database.db.transaction(async (tx) => {
    const cur = await orderRow(d, orderId, tx, true);
    if (cur.status !== 'paid') return;
    const event = verdict.decision === 'reject' ? 'reject' : 'approve';
    const status = transition(ORDER_MACHINE, cur.status, event);
    await updateVersioned(tx, { table: orders, entityType: 'billpay_order', row: cur, patch: { status, riskScore: verdict.score, riskHits: verdict.hits }, now: d.clock.now() });
    await d.audit.record(tx, SYSTEM, {
      action: event === 'reject' ? 'billpay.order_rejected' : 'billpay.order_approved',
      entityType: 'billpay_order',
      entityId: cur.id,
      before: { status: cur.status },
      after: { status, score: verdict.score, hits: verdict.hits },
    });
    if (event === 'reject') {
      await d.payments.refundIn(tx, SYSTEM, cur.paymentId, cur.amountVnd, `Nghi ngờ gian lận (điểm rủi ro ${verdict.score})`);
      await d.notifications.sms(tx, { to: internationalMsisdn(cur.msisdn), text: SMS.cancelled, related: { type: 'billpay_order', id: cur.id } });
    } else {
      await d.jobs.enqueue(tx, { queue: CLEAR_QUEUE, key: `${CLEAR_QUEUE}:${cur.id}`, payload: { orderId: cur.id }, maxAttempts: 10 });
    }
  });
}
