/** Card payment of mobile bills and top-ups (SPEC E, issue #12): the public site's orders and the clearing desk. */
import type { Ctx } from '../../platform/context.ts';
import type { OrderBody, RiskRules, VatBody } from './contract.ts';
import { PURPOSE, type BillpayDeps } from './deps.ts';
import type { OrderStatus } from './domain/order-lifecycle.ts';
import { orderRow, toPublicOrder } from './queries.ts';
import { cancelOrder } from './use-cases/cancel-order.ts';
import { CHECK_QUEUE, checkRisk } from './use-cases/check-risk.ts';
import { checkSubscriber } from './use-cases/check-subscriber.ts';
import { CLEAR_QUEUE, clearOrder } from './use-cases/clear-order.ts';
import { createOrder } from './use-cases/create-order.ts';
import { listCases, listDeskOrders } from './use-cases/desk.ts';
import { closeDay, dayReportFor, EOD_QUEUE, listDayReports, scheduleEndOfDay } from './use-cases/end-of-day.ts';
import { EXPIRE_QUEUE, expireOrder } from './use-cases/expire-order.ts';
import { fraudCancel, REVERSE_QUEUE, reversePosting } from './use-cases/fraud-cancel.ts';
import { manualClear } from './use-cases/manual-clear.ts';
import { setPasswordBySms, subscriberDetails } from './use-cases/payment-password.ts';
import { paymentHooks } from './use-cases/record-payment.ts';
import { gatherVatBatches, listBatches, mailingList, requestVatBySms, requestVatByWeb, scheduleVatBatches, VAT_BATCH_QUEUE } from './use-cases/vat-invoices.ts';
import { getRiskRules, setRiskRules } from './use-cases/risk-rules.ts';

export type { BillpayDeps, SubscriberLedger } from './deps.ts';
export { LedgerAdapter, unconfiguredLedger } from './ledger/adapter.ts';
export const BILLPAY_JOBS = { check: CHECK_QUEUE, clear: CLEAR_QUEUE, expire: EXPIRE_QUEUE, reverse: REVERSE_QUEUE, endOfDay: EOD_QUEUE, vatBatch: VAT_BATCH_QUEUE } as const;

export function createBillpay(d: BillpayDeps) {
  d.payments.usePurpose(PURPOSE, paymentHooks(d));
  d.jobs.register(CHECK_QUEUE, (p: { orderId: string }) => checkRisk(d, p.orderId));
  d.jobs.register(CLEAR_QUEUE, (p: { orderId: string; by?: { userId: string; name: string } }, job) => clearOrder(d, p.orderId, job.attempt, p.by));
  d.jobs.register(EXPIRE_QUEUE, (p: { orderId: string }) => expireOrder(d, p.orderId));
  d.jobs.register(REVERSE_QUEUE, (p: { orderId: string }) => reversePosting(d, p.orderId));
  d.jobs.register(VAT_BATCH_QUEUE, async (p: { day: string }) => void (await gatherVatBatches(d, p.day)));
  d.jobs.register(EOD_QUEUE, async (p: { date: string }) => void (await closeDay(d, p.date)));
  // "MK xxxx" to the short code (9223): the password is never kept in the SMS log.
  d.notifications.registerSmsCommand('MK', ({ from, args }) => setPasswordBySms(d, from, args), undefined, { secretArgs: true });
  // E11: "HD" or "HD <transaction>" to 9223 asks for the VAT invoice.
  d.notifications.registerSmsCommand('HD', ({ from, args }) => requestVatBySms(d, from, args));
  return {
    order: (input: OrderBody, ip: string) => createOrder(d, input, ip),
    publicOrder: async (id: string) => toPublicOrder(await orderRow(d, id)),
    cancel: (id: string, msisdn: string, ip: string) => cancelOrder(d, id, msisdn, ip),
    subscriber: (msisdn: string) => checkSubscriber(d, msisdn),
    details: (msisdn: string, password: string) => subscriberDetails(d, msisdn, password),
    deskOrders: (ctx: Ctx, q: { status?: OrderStatus; msisdn?: string; page: number; pageSize: number }) => listDeskOrders(d, ctx, q),
    cases: (ctx: Ctx, q: { status?: 'open' | 'resolved' }) => listCases(d, ctx, q),
    manualClear: (ctx: Ctx, id: string, note: string) => manualClear(d, ctx, id, note),
    fraudCancel: (ctx: Ctx, id: string, reason: string) => fraudCancel(d, ctx, id, reason),
    dayReport: (ctx: Ctx, date: string) => dayReportFor(d, ctx, date),
    dayReports: () => listDayReports(d),
    closeDay: (date: string) => closeDay(d, date),
    scheduleEndOfDay: () => scheduleEndOfDay(d),
    requestVat: (id: string, body: VatBody, ip: string) => requestVatByWeb(d, id, body, ip),
    invoiceBatches: (ctx: Ctx) => listBatches(d, ctx),
    mailingList: (ctx: Ctx, batchId: string) => mailingList(d, ctx, batchId),
    scheduleVatBatches: () => scheduleVatBatches(d),
    riskRules: () => getRiskRules(d),
    setRiskRules: (ctx: Ctx, rules: RiskRules) => setRiskRules(d, ctx, rules),
  };
}

export type BillpayService = ReturnType<typeof createBillpay>;
