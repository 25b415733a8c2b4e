import { and, eq } from 'drizzle-orm';
import { updateVersioned } from '../../../db/versioned.ts';
import { newId } from '../../../platform/ids.ts';
import { transition } from '../../../platform/state-machine.ts';
import { internationalMsisdn, type LedgerPosting } from '../../../protocols/subscriber-ledger/protocol.ts';
import { orders, recoveryCases } from '../db/schema.ts';
import { LedgerRefusal, SYSTEM, type Deps } from '../deps.ts';
import { localTime, SMS } from '../domain/messages.ts';
import { formatVnd } from '../../../platform/money.ts';
import { ORDER_MACHINE, recoveryDueAt } from '../domain/order-lifecycle.ts';
import { orderRow } from '../queries.ts';

export const CLEAR_QUEUE = 'billpay.clear';

const postingKind = (kind: 'bill' | 'topup') => (kind === 'bill' ? 'clear' : 'topup');

/**
 * Clears the debt (HT TC QLKH) or tops the number up (eVoucher) for an approved order: the job,
 * outside any transaction, with the order id as the ledger's idempotency key; a retry (or a manual
 * clearing) first looks the posting up, so an answer lost after the ledger posted is never posted
 * twice. Success: cleared, SMS to the subscriber, any recovery case closed. Failure: the order goes
 * to recovery and a case is raised to TT TC&TK with the 2-day limit (E6); the job retries.
 * `by` is the clearing user of a manual clearing.
 */
export async function clearOrder(d: Deps, orderId: string, attempt: number, by?: { userId: string; name: string }): Promise<void> {
  const o = await orderRow(d, orderId);
  if (o.status !== 'clearing' && o.status !== 'recovery') return;
  const kind = postingKind(o.kind);
  let posting: LedgerPosting | null = null;
  try {
    if (attempt > 1 || o.status === 'recovery') posting = await d.ledger.posting(kind, o.id);
    posting ??= await d.ledger.post(kind, { ref: o.id, msisdn: o.msisdn, amountVnd: o.amountVnd });
  } catch (err) {
    await raiseRecovery(d, orderId, (err as Error).message);
    // A refusal the ledger will repeat waits for a person (the case); anything else is retried with backoff.
    if (err instanceof LedgerRefusal) return;
    throw err;
  }
  await markCleared(d, orderId, posting, by);
}

async function markCleared(d: Deps, orderId: string, posting: LedgerPosting, by?: { userId: string; name: string }) {
  await d.database.db.transaction(async (tx) => {
    const o = await orderRow(d, orderId, tx, true);
    if (o.status !== 'clearing' && o.status !== 'recovery') return;
    const now = d.clock.now();
    const status = transition(ORDER_MACHINE, o.status, 'clear');
    const clearedBy = by?.userId ?? 'system';
    await updateVersioned(tx, { table: orders, entityType: 'billpay_order', row: o, patch: { status, posting, clearedAt: now, clearedBy, clearingError: null }, now });
    const resolution = by ? 'manual' : 'auto';
    await tx
      .update(recoveryCases)
      .set({ status: 'resolved', resolution, resolvedAt: now, resolvedBy: clearedBy })
      .where(and(eq(recoveryCases.orderId, o.id), eq(recoveryCases.status, 'open')));
    const ctx = by ? { ...SYSTEM, actor: { ...SYSTEM.actor, kind: 'user' as const, id: by.userId, name: by.name } } : SYSTEM;
    await d.audit.record(tx, ctx, {
      action: 'billpay.order_cleared',
      entityType: 'billpay_order',
      entityId: o.id,
      before: { status: o.status },
      after: { status, clearedBy, posting },
    });
    const related = { type: 'billpay_order', id: o.id };
    await d.notifications.sms(tx, { to: internationalMsisdn(o.msisdn), text: SMS.done(o.kind, o.msisdn, o.amountVnd, now, o.id), related });
    if (posting.reopened) await d.notifications.sms(tx, { to: internationalMsisdn(o.msisdn), text: SMS.reopened(o.msisdn), related });
    // E11: an e-mail as well, when the subscriber asked for one.
    if (o.email) {
      const data = { what: o.kind === 'bill' ? 'thanh toán cước' : 'nạp tiền', msisdn: o.msisdn, amount: formatVnd(o.amountVnd), time: localTime(now), ref: o.id };
      await d.notifications.email(tx, { to: o.email, template: 'billpay.receipt', locale: 'vi', data, related });
    }
  });
}

/** E6: the first failure moves the order to recovery and opens the case with its 2-day limit; later ones note the error. */
async function raiseRecovery(d: Deps, orderId: string, error: string) {
  await d.database.db.transaction(async (tx) => {
    const o = await orderRow(d, orderId, tx, true);
    if (o.status !== 'clearing' && o.status !== 'recovery') return;
    const now = d.clock.now();
    const lastError = error.slice(0, 500);
    if (o.status === 'clearing') {
      const status = transition(ORDER_MACHINE, o.status, 'clearing_failed');
      await updateVersioned(tx, { table: orders, entityType: 'billpay_order', row: o, patch: { status, clearingError: lastError }, now });
      const c = { id: newId('recoveryCase', now), orderId: o.id, center: o.center, status: 'open' as const, openedAt: now, dueAt: recoveryDueAt(o.paidAt ?? o.createdAt), lastError };
      await tx.insert(recoveryCases).values(c).onConflictDoNothing({ target: recoveryCases.orderId });
      await d.audit.record(tx, SYSTEM, { action: 'billpay.recovery_opened', entityType: 'billpay_order', entityId: o.id, before: { status: o.status }, after: { status, case: c } });
    } else {
      await tx.update(orders).set({ clearingError: lastError, updatedAt: now }).where(eq(orders.id, o.id));
      await tx.update(recoveryCases).set({ lastError }).where(eq(recoveryCases.orderId, o.id));
    }
  });
}
