import type { Executor } from '../../../db/client.ts';
import { newId } from '../../../platform/ids.ts';
import { accruals } from '../db/schema.ts';
import { SYSTEM, type CommissionsDeps } from '../deps.ts';
import { commissionOn, refundReversal } from '../domain/commission.ts';
import { periodOf } from '../../usage/index.ts';
import { netOf, periodRange, sellerOf, type Seller } from '../queries.ts';
import type { CollectedPayment } from '../../payments/index.ts';

export const SYNC_QUEUE = 'commissions.sync';

/** A line as computed from the ledger; the seller's fields and the id are added when it is written. */
type NewAccrual = Omit<
  typeof accruals.$inferInsert,
  'id' | 'createdAt' | 'contractNumber' | 'beneficiaryUserId' | 'beneficiaryUsername' | 'beneficiaryKind' | 'rateBp'
>;

/**
 * Accrues the commissions of a month from the payments ledger: one line per collected payment, one
 * reversal per done refund. Keyed by the payment or refund id, so running it again (or in two
 * processes at once) adds nothing twice. Returns how many lines were added.
 */
export async function syncAccruals(d: CommissionsDeps, period: string): Promise<number> {
  const { from, to } = periodRange(period);
  const ledger = await d.ledger(from, to);
  const sellers = new Map<string, Promise<Seller | null>>();
  const seller = (contractId: string) => {
    if (!sellers.has(contractId)) sellers.set(contractId, sellerOf(d, contractId));
    return sellers.get(contractId)!;
  };
  let added = 0;
  for (const p of ledger.payments) {
    const s = await seller(p.contractId);
    if (s) added += await accruePayment(d, d.database.db, s, p);
  }
  for (const r of ledger.refunds) {
    const p = r.payment;
    const s = await seller(p.contractId);
    if (!s) continue;
    const before = await netOf(d, p, p.amountVnd - r.refundedBeforeVnd);
    const after = await netOf(d, p, p.amountVnd - r.refundedBeforeVnd - r.amountVnd);
    const line = {
      sourceType: 'refund',
      sourceId: r.id,
      paymentId: p.id,
      period: periodOf(r.doneAt),
      contractId: p.contractId,
      collectedVnd: -r.amountVnd,
    } as const;
    added += await insertAccrual(d, d.database.db, s, { ...line, netVnd: after - before, amountVnd: refundReversal(before, after, s.rateBp) });
  }
  return added;
}

/** The line of one collected payment (nothing if it has one already). */
export async function accruePayment(d: CommissionsDeps, ex: Executor, s: Seller, p: CollectedPayment, ctx = SYSTEM): Promise<number> {
  const netVnd = await netOf(d, p, p.amountVnd, ex);
  const line = {
    sourceType: 'payment',
    sourceId: p.id,
    paymentId: p.id,
    period: periodOf(p.paidAt),
    contractId: p.contractId,
    collectedVnd: p.amountVnd,
    netVnd,
  } as const;
  return insertAccrual(d, ex, s, { ...line, amountVnd: commissionOn(netVnd, s.rateBp) }, ctx);
}

/** Adds one line unless its source already has one; audited when added. */
export async function insertAccrual(d: CommissionsDeps, ex: Executor, s: Seller, line: NewAccrual, ctx = SYSTEM): Promise<number> {
  const now = d.clock.now();
  const row = {
    ...line,
    id: newId('commissionAccrual', now),
    contractNumber: s.contractNumber,
    beneficiaryUserId: s.userId,
    beneficiaryUsername: s.username,
    beneficiaryKind: s.kind,
    rateBp: s.rateBp,
    createdAt: now,
  };
  return ex.transaction(async (tx) => {
    const inserted = await tx.insert(accruals).values(row).onConflictDoNothing(
      { target: [accruals.sourceType, accruals.sourceId] }
    ).returning({ id: accruals.id });
    if (!inserted.length) return 0;
    await d.audit.record(tx, ctx, { action: `commission.accrued_${line.sourceType}`, entityType: 'commission_accrual', entityId: row.id, after: row });
    return 1;
  });
}
