import { and, asc, desc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { addDays, localDateTime, toLocalDate, type LocalDate } from '../../../platform/calendar.ts';
import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { normalizeMsisdn } from '../../../protocols/subscriber-ledger/protocol.ts';
import type { VatBody } from '../contract.ts';
import { invoiceBatches, orders, vatRequests } from '../db/schema.ts';
import { SYSTEM, type Deps } from '../deps.ts';
import { SMS } from '../domain/messages.ts';
import { vatLine } from '../domain/vat.ts';
import { billpayError } from '../errors.ts';
import { centerOf, orderRow } from '../queries.ts';

export const VAT_BATCH_QUEUE = 'billpay.vat_batch';

type Buyer = Omit<VatBody, 'msisdn'>;

/** E11: the VAT invoice of a cleared transaction is asked for once (a repeat returns the first request). */
async function addRequest(d: Deps, ex: Executor, ctx: Ctx, orderId: string, msisdn: string, buyer: Buyer, channel: 'web' | 'sms') {
  const o = await orderRow(d, orderId, ex, true);
  if (o.msisdn !== msisdn) throw fail('NOT_FOUND', { order: orderId });
  if (o.status !== 'cleared') throw billpayError('ORDER_NOT_INVOICEABLE', { status: o.status });
  const now = d.clock.now();
  const row = {
    orderId: o.id,
    msisdn,
    center: o.center,
    buyerName: buyer.buyerName,
    taxCode: buyer.taxCode ?? null,
    address: buyer.address,
    email: buyer.email ?? null,
    channel,
    day: toLocalDate(now),
    batchId: null,
    createdAt: now,
  };
  const [created] = await ex.insert(vatRequests).values(row).onConflictDoNothing({ target: vatRequests.orderId }).returning();
  if (created) await d.audit.record(ex, ctx, { action: 'billpay.vat_requested', entityType: 'billpay_order', entityId: o.id, after: { channel, day: row.day } });
  const [r] = created ? [created] : await ex.select().from(vatRequests).where(eq(vatRequests.orderId, o.id));
  return { orderId: r.orderId, day: r.day, channel: r.channel, buyerName: r.buyerName, address: r.address };
}

/** By web, from the result page: the order and its number are the key. */
export function requestVatByWeb(d: Deps, orderId: string, body: VatBody, ip: string) {
  const msisdn = normalizeMsisdn(body.msisdn) ?? '';
  const { msisdn: _typed, ...buyer } = body;
  return d.database.db.transaction((tx) => addRequest(d, tx, { ...SYSTEM, ip }, orderId, msisdn, buyer, 'web'));
}

/**
 * By SMS, "HD" (the latest cleared transaction of the last 2 days) or "HD <transaction>" to 9223:
 * the invoice goes to the subscriber's name and address in HT TC QLKH.
 */
export async function requestVatBySms(d: Deps, from: string, args: string[]): Promise<string> {
  const msisdn = normalizeMsisdn(from);
  if (!msisdn || args.length > 1) return SMS.vatSyntax;
  const since = new Date(d.clock.now().getTime() - 2 * 86_400_000);
  const [o] = await d.database.db
    .select()
    .from(orders)
    .where(and(eq(orders.msisdn, msisdn), eq(orders.status, 'cleared'), args[0] ? eq(orders.id, args[0]) : gte(orders.clearedAt, since)))
    .orderBy(desc(orders.clearedAt))
    .limit(1);
  if (!o) return SMS.vatNoTransaction;
  const s = await d.ledger.subscriber(msisdn);
  if (!s) return SMS.vatNoTransaction;
  await d.database.db.transaction((tx) => addRequest(d, tx, SYSTEM, o.id, msisdn, { buyerName: s.name, address: s.address }, 'sms'));
  return SMS.vatRequested(o.id);
}

/**
 * The morning job: the previous day's requests, gathered per regional (billing) center into one
 * batch each, to print and mail to the registered addresses; each invoice is recorded with the
 * invoicing module in the same transaction. Requests that arrive late join the
 * day's batch; each request is in one batch only.
 */
export async function gatherVatBatches(d: Deps, day: LocalDate): Promise<number> {
  return d.database.db.transaction(async (tx) => {
    const open = await tx.select().from(vatRequests).where(and(eq(vatRequests.day, day), isNull(vatRequests.batchId))).for('update');
    if (open.length === 0) return 0;
    const byId = new Map((await tx.select().from(orders).where(inArray(orders.id, open.map((r) => r.orderId)))).map((o) => [o.id, o]));
    const now = d.clock.now();
    for (const center of [...new Set(open.map((r) => r.center))].sort()) {
      const mine = open.filter((r) => r.center === center);
      const total = mine.reduce((s, r) => s + byId.get(r.orderId)!.amountVnd, 0n);
      const [batch] = await d.database.rows<{ id: string }>(
        sql`insert into billpay.invoice_batches as b (id, day, center, count, total_vnd, created_at)
            values (${newId('invoiceBatch', now)}, ${day}, ${center}, ${mine.length}, ${total}, ${now.toISOString()}::timestamptz)
            on conflict (day, center) do update set count = b.count + excluded.count, total_vnd = b.total_vnd + excluded.total_vnd
            returning id`,
        tx,
      );
      await tx.update(vatRequests).set({ batchId: batch.id }).where(inArray(vatRequests.orderId, mine.map((r) => r.orderId)));
      // Each invoice through the invoicing module (idempotent by payment; pushed to the provider by its job).
      for (const r of mine) {
        const o = byId.get(r.orderId)!;
        await d.invoicing.requestInvoice(tx, SYSTEM, {
          paymentId: o.paymentId,
          paidAt: o.paidAt ?? o.createdAt,
          buyer: { name: r.buyerName, taxCode: r.taxCode, address: r.address, email: r.email, phone: r.msisdn },
          lines: [vatLine(o.kind, o.msisdn, o.amountVnd)],
        });
      }
      await d.audit.record(tx, SYSTEM, { action: 'billpay.vat_batch_gathered', entityType: 'billpay_invoice_batch', entityId: batch.id, after: { day, center, count: mine.length, totalVnd: total } });
    }
    return open.length;
  });
}

/** Yesterday's batches at 07:00, once across all processes. */
export function scheduleVatBatches(d: Deps, ex: Executor = d.database.db) {
  const today = toLocalDate(d.clock.now());
  const yesterday = addDays(today, -1);
  return d.jobs.enqueue(ex, { queue: VAT_BATCH_QUEUE, key: `${VAT_BATCH_QUEUE}:${yesterday}`, payload: { day: yesterday }, runAt: localDateTime(today, '07:00') });
}

export async function listBatches(d: Deps, ctx: Ctx) {
  const center = centerOf(d, ctx);
  const rows = await d.database.db
    .select()
    .from(invoiceBatches)
    .where(center === null ? undefined : eq(invoiceBatches.center, center))
    .orderBy(desc(invoiceBatches.day), asc(invoiceBatches.center))
    .limit(200);
  return { items: rows.map((b) => ({ ...b, totalVnd: b.totalVnd.toString(), createdAt: b.createdAt.toISOString() })) };
}

/** The mailing list of a batch (the center's own for a clearing user). */
export async function mailingList(d: Deps, ctx: Ctx, batchId: string) {
  const [batch] = await d.database.db.select().from(invoiceBatches).where(eq(invoiceBatches.id, batchId));
  const center = centerOf(d, ctx);
  if (!batch || (center !== null && batch.center !== center)) throw fail('NOT_FOUND', { batch: batchId });
  const rows = await d.database.db
    .select({ r: vatRequests, amountVnd: orders.amountVnd, paidAt: orders.paidAt })
    .from(vatRequests)
    .innerJoin(orders, eq(orders.id, vatRequests.orderId))
    .where(eq(vatRequests.batchId, batchId))
    .orderBy(asc(vatRequests.createdAt));
  return {
    batch,
    rows: rows.map(({ r, amountVnd, paidAt }, i) => ({
      STT: i + 1,
      'Mã giao dịch': r.orderId,
      'Số thuê bao': r.msisdn,
      'Người mua': r.buyerName,
      'Mã số thuế': r.taxCode ?? '',
      'Địa chỉ nhận hoá đơn': r.address,
      'E-mail': r.email ?? '',
      'Số tiền (đồng)': Number(amountVnd),
      'Ngày thanh toán': paidAt ? toLocalDate(paidAt).split('-').reverse().join('/') : '',
      'Kênh yêu cầu': r.channel === 'sms' ? 'SMS' : 'Web',
    })),
  };
}
