import { and, eq, sql } from 'drizzle-orm';
import { insertLater } from '../../../db/batch.ts';
import type { Executor } from '../../../db/client.ts';
import { newId } from '../../../platform/ids.ts';
import { payments } from '../db/schema.ts';
import { SYSTEM, type Deps } from '../deps.ts';
import { linkExpiry } from '../domain/links.ts';
import type { PaymentRow } from '../queries.ts';

export interface PaymentPurpose {
  contractId: string;
  amendmentId?: string;
  /** A postpaid bill: the payment collects what it still owes (at most one such payment awaits money). */
  billId?: string;
  customerId: string;
  amountVnd: bigint;
  description: string;
}

/** A new VNPay payment awaiting money: what every kind of payment starts as, whoever it is for. */
function pendingPayment(
  now: Date,
  p: Pick<PaymentRow, 'contractId' | 'amendmentId' | 'billId' | 'purpose' | 'purposeRef' | 'customerId' | 'amountVnd' | 'description' | 'linkExpiresAt'>,
): PaymentRow {
  return {
    id: newId('payment', now),
    ...p,
    status: 'pending',
    method: 'vnpay',
    paidTxnRef: null,
    bankRef: null,
    note: null,
    recordedBy: null,
    paidAt: null,
    refundedVnd: 0n,
    applyError: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

/**
 * The payment of a contract (or appendix), created once: asking again returns the same one. `fresh`:
 * the contract was created in this very transaction, so it has no payment yet and none is looked for.
 */
export async function ensurePayment(d: Deps, tx: Executor, p: PaymentPurpose, opts: { fresh?: boolean } = {}): Promise<PaymentRow> {
  const now = d.clock.now();
  const sameAppendix = p.amendmentId ? eq(payments.amendmentId, p.amendmentId) : sql`${payments.amendmentId} is null`;
  const samePurpose = p.billId
    ? and(eq(payments.billId, p.billId), eq(payments.status, 'pending'))
    : and(eq(payments.contractId, p.contractId), sameAppendix, sql`${payments.billId} is null`);
  const [existing] = opts.fresh ? [] : await tx.select().from(payments).where(samePurpose);
  if (existing) return existing;
  const row = pendingPayment(now, {
    contractId: p.contractId,
    amendmentId: p.amendmentId ?? null,
    billId: p.billId ?? null,
    purpose: null,
    purposeRef: null,
    customerId: p.customerId,
    amountVnd: p.amountVnd,
    description: p.description,
    linkExpiresAt: linkExpiry(now, d.settings.linkDays),
  });
  await insertLater(tx, payments, row);
  await d.audit.record(tx, SYSTEM, { action: 'payment.created', entityType: 'payment', entityId: row.id, after: row });
  return row;
}

/** The description VNPay and the bank statement show for a contract's payment (no diacritics: VNPay strips them). */
export const contractPaymentDescription = (number: string, appendix = false): string =>
  `Thanh toan hop dong ${number}${appendix ? ' (phu luc)' : ''}`;

/** The description VNPay and the bank statement show for a bill's payment (no diacritics). */
export const billPaymentDescription = (billNumber: string): string => `Thanh toan cuoc ${billNumber}`;

/**
 * The payment of another module's purpose (`usePurpose`), created in the caller's transaction:
 * one per (purpose, ref). It has no contract and no customer in QLDV, and no QLDV e-invoice.
 */
export async function createPurposePayment(d: Deps, tx: Executor, p: { purpose: string; ref: string; amountVnd: bigint; description: string; linkMinutes: number }): Promise<PaymentRow> {
  const now = d.clock.now();
  const row = pendingPayment(now, {
    contractId: '',
    amendmentId: null,
    billId: null,
    purpose: p.purpose,
    purposeRef: p.ref,
    customerId: '',
    amountVnd: p.amountVnd,
    description: p.description,
    linkExpiresAt: new Date(now.getTime() + p.linkMinutes * 60_000),
  });
  await tx.insert(payments).values(row);
  await d.audit.record(tx, SYSTEM, { action: 'payment.created', entityType: 'payment', entityId: row.id, after: { ...row, purpose: p.purpose, purposeRef: p.ref } });
  return row;
}
