import { z } from 'zod';
import { bilingual, id, instantOut, localDate, pageQuery, paged, vndOut, vndString } from '../../shared/fields.ts';

/** Bill payment and top-up by card (SPEC E, issue #12): the public site and the clearing desk. */

export const ORDER_KINDS = ['bill', 'topup'] as const;
export const CARD_TYPES = ['international', 'domestic'] as const;
export const ORDER_STATUSES = ['pending', 'failed', 'expired', 'cancelled', 'paid', 'rejected', 'clearing', 'recovery', 'cleared', 'fraud_cancelled'] as const;

/** A number as the subscriber types it (0901 234 567, +84…); checked by the module (E1). */
const msisdnIn = z.string().trim().min(9, bilingual('a phone number', 'số điện thoại')).max(20);

export const orderBody = z
  .object({
    msisdn: msisdnIn,
    kind: z.enum(ORDER_KINDS),
    amountVnd: vndString,
    cardType: z.enum(CARD_TYPES),
    /** Where the confirmation also goes, when asked (E11). */
    email: z.email().max(200).optional(),
    locale: z.enum(['vi', 'en']).optional(),
  })
  .strict();
export const orderCreated = z.object({ orderId: z.string(), payUrl: z.string() });

export const orderParams = z.object({ id }).strict();
export const msisdnParams = z.object({ msisdn: msisdnIn }).strict();
export const cancelBody = z.object({ msisdn: msisdnIn }).strict();

/** What the site shows of an order (its return page): no personal data. */
export const publicOrder = z.object({
  orderId: z.string(),
  msisdn: z.string(),
  kind: z.enum(ORDER_KINDS),
  amountVnd: vndOut,
  status: z.enum(ORDER_STATUSES),
  createdAt: instantOut,
  clearedAt: instantOut.nullable(),
});

/** E2: without the password, only whether the number can pay here and how. */
export const subscriberCheck = z.object({
  msisdn: z.string(),
  mobifone: z.boolean(),
  canPay: z.boolean(),
  type: z.enum(['postpaid', 'prepaid']).nullable(),
  /** Only postpaid numbers have a payment password and details (E2). */
  hasPassword: z.boolean(),
});

export const detailsBody = z.object({ password: z.string().min(1).max(64) }).strict();
export const subscriberDetails = z.object({ msisdn: z.string(), name: z.string(), address: z.string(), debtVnd: vndOut });

/** Simulator only: add or replace a subscriber of the ledger simulator. */
export const simulatedSubscriber = z
  .object({
    msisdn: msisdnIn,
    type: z.enum(['postpaid', 'prepaid']),
    name: z.string().trim().min(1).max(200),
    address: z.string().trim().min(1).max(500),
    debtVnd: vndString,
    center: z.number().int().min(1).max(6).optional(),
    blocked: z.boolean().optional(),
  })
  .strict();
export const simulatedSubscriberOut = z.object({ msisdn: z.string(), type: z.enum(['postpaid', 'prepaid']), center: z.number().int(), debtVnd: z.string() });

/** The clearing desk (E6, E7, E9). */
export const deskOrderQuery = z
  .object({
    status: z.enum(ORDER_STATUSES).optional(),
    msisdn: z.string().trim().max(20).optional(),
    ...pageQuery,
  })
  .strict();

export const deskOrder = z.object({
  id: z.string(),
  msisdn: z.string(),
  kind: z.enum(ORDER_KINDS),
  amountVnd: vndOut,
  cardType: z.enum(CARD_TYPES),
  status: z.enum(ORDER_STATUSES),
  center: z.number().int(),
  txnRef: z.string(),
  bankCode: z.string().nullable(),
  paymentId: z.string(),
  riskScore: z.number().int().nullable(),
  riskHits: z.array(z.object({ rule: z.string(), score: z.number(), detail: z.string() })).nullable(),
  debtAfterVnd: z.string().nullable(),
  clearedBy: z.string().nullable(),
  clearingError: z.string().nullable(),
  cancelReason: z.string().nullable(),
  createdAt: instantOut,
  paidAt: instantOut.nullable(),
  clearedAt: instantOut.nullable(),
});
export const deskOrderPage = paged(deskOrder);

export const recoveryCase = z.object({
  id: z.string(),
  orderId: z.string(),
  msisdn: z.string(),
  kind: z.enum(ORDER_KINDS),
  amountVnd: vndOut,
  center: z.number().int(),
  status: z.enum(['open', 'resolved']),
  orderStatus: z.enum(ORDER_STATUSES),
  openedAt: instantOut,
  dueAt: instantOut,
  /** The 2-day clock (E6): negative when overdue. */
  minutesLeft: z.number().int(),
  overdue: z.boolean(),
  lastError: z.string().nullable(),
  resolution: z.enum(['auto', 'manual', 'cancelled']).nullable(),
  resolvedAt: instantOut.nullable(),
});
export const caseQuery = z.object({ status: z.enum(['open', 'resolved']).optional() }).strict();
export const caseList = z.object({ items: z.array(recoveryCase) });

export const clearBody = z.object({ note: z.string().trim().min(3).max(500) }).strict();
export const fraudCancelBody = z.object({ reason: z.string().trim().min(3).max(500) }).strict();
export const accepted = z.object({ orderId: z.string(), status: z.enum(ORDER_STATUSES) });

/** The risk rules (E5), editable. */
export const riskRules = z
  .object({
    threshold: z.number().int().min(1).max(1000),
    windowMinutes: z.number().int().min(1).max(1440),
    velocity: z.object({ maxOrders: z.number().int().min(1).max(100), score: z.number().int().min(0).max(1000) }).strict(),
    failures: z.object({ maxFailed: z.number().int().min(1).max(100), score: z.number().int().min(0).max(1000) }).strict(),
    sharedDevice: z.object({ maxNumbers: z.number().int().min(1).max(100), score: z.number().int().min(0).max(1000) }).strict(),
    largeFirstPayment: z.object({ minVnd: vndString, score: z.number().int().min(0).max(1000) }).strict(),
    blacklist: z
      .object({
        msisdns: z.array(z.string().regex(/^0\d{9}$/)).max(10_000),
        ips: z.array(z.string().min(2).max(64)).max(10_000),
        bankCodes: z.array(z.string().regex(/^[A-Z0-9]{2,20}$/)).max(1000),
        score: z.number().int().min(0).max(1000),
      })
      .strict(),
  })
  .strict();

/** E10: the end-of-day reports of a Vietnam day. */
export const dayParams = z.object({ date: localDate }).strict();
export const exportQuery = z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx') }).strict();
export const dayReport = z.object({
  date: z.string(),
  /** The center the report is limited to (a clearing user's), null for all. */
  center: z.number().int().nullable(),
  collection: z.array(z.object({ cashierCode: z.string(), count: z.number().int(), amountVnd: vndOut })),
  clearing: z.array(z.object({ center: z.number().int(), kind: z.enum(ORDER_KINDS), count: z.number().int(), amountVnd: vndOut })),
  totals: z.object({ collectedVnd: vndOut, refundedVnd: vndOut, clearedVnd: vndOut }),
  balanced: z.boolean(),
  differences: z.array(
    z.object({
      orderId: z.string(),
      msisdn: z.string(),
      center: z.number().int(),
      status: z.enum(ORDER_STATUSES),
      collectedVnd: vndOut,
      dueVnd: vndOut,
      clearedVnd: vndOut,
      reason: z.enum(['not_cleared', 'cleared_after_refund', 'amount_differs']),
    }),
  ),
});
export const dayReportList = z.object({
  items: z.array(z.object({ date: z.string(), balanced: z.boolean(), differences: z.number().int(), createdAt: instantOut })),
});

/** E11: a VAT invoice asked for a cleared transaction (the order's number is the key, as for cancelling). */
export const vatBody = z
  .object({
    msisdn: msisdnIn,
    buyerName: z.string().trim().min(2).max(200),
    taxCode: z.string().trim().regex(/^\d{10}(-\d{3})?$/, bilingual('a tax code of 10 or 10-3 digits', 'mã số thuế 10 hoặc 10-3 chữ số')).optional(),
    address: z.string().trim().min(5).max(500),
    email: z.email().max(200).optional(),
  })
  .strict();
export const vatRequest = z.object({ orderId: z.string(), day: z.string(), channel: z.enum(['web', 'sms']), buyerName: z.string(), address: z.string() });
export const batchList = z.object({
  items: z.array(z.object({ id: z.string(), day: z.string(), center: z.number().int(), count: z.number().int(), totalVnd: vndOut, createdAt: instantOut })),
});
export const batchParams = z.object({ id }).strict();

export type OrderBody = z.infer<typeof orderBody>;
export type VatBody = z.infer<typeof vatBody>;
export type InvoiceBatches = z.infer<typeof batchList>;
export type DayReport = z.infer<typeof dayReport>;
export type PublicOrder = z.infer<typeof publicOrder>;
export type SubscriberCheck = z.infer<typeof subscriberCheck>;
export type SubscriberDetails = z.infer<typeof subscriberDetails>;
export type DeskOrder = z.infer<typeof deskOrder>;
export type RecoveryCase = z.infer<typeof recoveryCase>;
export type RiskRules = z.infer<typeof riskRules>;
