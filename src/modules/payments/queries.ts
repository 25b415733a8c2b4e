import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { fail } from '../../platform/errors.ts';
import { paymentError } from './errors.ts';
import { attempts, payments, refunds } from './db/schema.ts';
import type { Deps } from './deps.ts';
import { linkExpiry, paymentLinkUrl, verifyPaymentLink } from './domain/links.ts';

export type PaymentRow = typeof payments.$inferSelect;
export type AttemptRow = typeof attempts.$inferSelect;
export type RefundRow = typeof refunds.$inferSelect;

export async function paymentById(d: Deps, id: string, ex: Executor = d.database.db): Promise<PaymentRow> {
  const [p] = await ex.select().from(payments).where(eq(payments.id, id));
  if (!p) throw fail('NOT_FOUND', { payment: id });
  return p;
}

/** The payment an e-mailed link names, while the link is genuine and unexpired. */
export async function paymentByToken(d: Deps, token: string): Promise<PaymentRow> {
  const check = verifyPaymentLink(d.settings.linkSecret, token, d.clock.now());
  if (!check.ok) throw check.reason === 'expired' ? paymentError('PAYMENT_LINK_EXPIRED') : fail('NOT_FOUND', { reason: check.reason });
  return paymentById(d, check.paymentId);
}

/** The link page of a payment, valid for the configured days unless an expiry is given. */
export function paymentLink(d: Deps, paymentId: string, expiresAt?: Date): string {
  const s = d.settings;
  return paymentLinkUrl(s.publicBaseUrl, s.linkSecret, paymentId, expiresAt ?? linkExpiry(d.clock.now(), s.linkDays));
}

/** Contract numbers and customer names for rows that name them (for lists and exports). */
export async function namesOf(d: Deps, rows: { contractId: string; customerId: string }[]) {
  const [contracts, customers] = await Promise.all([
    d.contracts.numbersOf([...new Set(rows.map((r) => r.contractId))]),
    d.customers.namesOf([...new Set(rows.map((r) => r.customerId))]),
  ]);
  return { contracts, customers };
}

/** The payments of a postpaid bill: its link payment (pending while money is owed) and any part paid by transfer. */
export const paymentsOfBill = (d: Deps, billId: string, ex: Executor = d.database.db): Promise<PaymentRow[]> =>
  ex.select().from(payments).where(eq(payments.billId, billId)).orderBy(asc(payments.createdAt), asc(payments.id));
