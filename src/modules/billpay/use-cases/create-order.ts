import { sql } from 'drizzle-orm';
import { newId } from '../../../platform/ids.ts';
import { isMobifone, normalizeMsisdn } from '../../../protocols/subscriber-ledger/protocol.ts';
import type { OrderBody } from '../contract.ts';
import { dayUsage, orders } from '../db/schema.ts';
import { EXPIRY_GRACE_MS, PAY_MINUTES, PURPOSE, SYSTEM, type Deps } from '../deps.ts';
import { amountInRange, billPartOf, LIMITS, limitDay, refusalOf } from '../domain/limits.ts';
import { billpayError } from '../errors.ts';
import { lookupSubscriber, type OrderRow } from '../queries.ts';
import { EXPIRE_QUEUE } from './expire-order.ts';

/** vnp_BankCode per card type (E8): international cards through INTCARD, domestic ATM cards through VNBANK. */
const BANK_CODE = { international: 'INTCARD', domestic: 'VNBANK' } as const;

/**
 * A subscriber orders a bill payment or a top-up (E1, E3): the number is checked with the ledger
 * (outside any transaction), then one transaction takes the day's place (a single upsert that only
 * succeeds within the limits, so concurrent orders can never pass them), writes the order, its
 * payment and VNPay attempt, and the expiry job.
 */
export async function createOrder(d: Deps, input: OrderBody, ip: string): Promise<{ orderId: string; payUrl: string }> {
  const msisdn = normalizeMsisdn(input.msisdn);
  if (!msisdn || !isMobifone(msisdn)) throw billpayError('NOT_MOBIFONE_NUMBER', { msisdn: input.msisdn });
  const amountVnd = BigInt(input.amountVnd);
  if (!amountInRange(amountVnd)) throw billpayError('AMOUNT_OUT_OF_RANGE', { minVnd: LIMITS.minVnd.toString(), maxVnd: LIMITS.maxVnd.toString() });
  const subscriber = await lookupSubscriber(d, msisdn);
  if (!subscriber) throw billpayError('SUBSCRIBER_NOT_FOUND');
  if ((input.kind === 'bill') !== (subscriber.type === 'postpaid')) throw billpayError('WRONG_SUBSCRIBER_TYPE', { type: subscriber.type });

  const now = d.clock.now();
  const day = limitDay(now);
  const order = { kind: input.kind, amountVnd };
  return d.database.db.transaction(async (tx) => {
    const [held] = await d.database.rows<{ count: number }>(
      sql`insert into billpay.day_usage as u (msisdn, day, count, bill_vnd) values (${msisdn}, ${day}, 1, ${billPartOf(input.kind, amountVnd)})
          on conflict (msisdn, day) do update set count = u.count + 1, bill_vnd = u.bill_vnd + excluded.bill_vnd
           where u.count + 1 <= ${LIMITS.perDayCount} and u.bill_vnd + excluded.bill_vnd <= ${LIMITS.perDayBillVnd}
          returning u.count`,
      tx,
    );
    if (!held) {
      const [usage] = await tx.select().from(dayUsage).where(sql`${dayUsage.msisdn} = ${msisdn} and ${dayUsage.day} = ${day}`);
      const why = refusalOf({ count: usage?.count ?? 0, billVnd: usage?.billVnd ?? 0n }, order) ?? 'DAILY_COUNT_EXCEEDED';
      if (why === 'DAILY_AMOUNT_EXCEEDED') throw billpayError(why, { maxVnd: LIMITS.perDayBillVnd.toString(), usedVnd: (usage?.billVnd ?? 0n).toString() });
      throw billpayError('DAILY_COUNT_EXCEEDED', { max: LIMITS.perDayCount });
    }
    const id = newId('billpayOrder', now);
    const description = input.kind === 'bill' ? `Thanh toan cuoc di dong ${msisdn}` : `Nap tien thue bao ${msisdn}`;
    const payment = await d.payments.createPurposePayment(tx, { purpose: PURPOSE, ref: id, amountVnd, description, linkMinutes: PAY_MINUTES });
    const attempt = await d.payments.startAttempt(payment, ip, tx, {
      bankCode: BANK_CODE[input.cardType],
      locale: input.locale === 'en' ? 'en' : 'vn',
      returnUrl: `${d.publicBaseUrl}/billpay/return?order=${id}`,
      expireMinutes: PAY_MINUTES,
    });
    const row: OrderRow = {
      id,
      msisdn,
      kind: input.kind,
      amountVnd,
      cardType: input.cardType,
      status: 'pending',
      day,
      center: subscriber.center,
      ip,
      email: input.email ?? null,
      paymentId: payment.id,
      txnRef: attempt.txnRef,
      bankCode: null,
      expiresAt: new Date(now.getTime() + PAY_MINUTES * 60_000 + EXPIRY_GRACE_MS),
      paidAt: null,
      riskScore: null,
      riskHits: null,
      posting: null,
      clearedAt: null,
      clearedBy: null,
      clearingError: null,
      cancelReason: null,
      cancelledBy: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await tx.insert(orders).values(row);
    await d.audit.record(tx, { ...SYSTEM, ip }, { action: 'billpay.order_created', entityType: 'billpay_order', entityId: id, after: { ...row, email: row.email ? '***' : null } });
    await d.jobs.enqueue(tx, { queue: EXPIRE_QUEUE, key: `${EXPIRE_QUEUE}:${id}`, payload: { orderId: id }, runAt: row.expiresAt });
    return { orderId: id, payUrl: attempt.payUrl };
  });
}
