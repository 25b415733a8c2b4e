import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { addDays, localDateTime, toLocalDate } from '../../../platform/calendar.ts';
import { attempts, reconciliations } from '../db/schema.ts';
import { SYSTEM, type Deps } from '../deps.ts';
import { reconcileDay as compareDay, summarizeRecon, theirPayments } from '../domain/reconcile.ts';
import { enqueueInvoice } from './request-invoice.ts';
import { settleByQuery } from './settle-by-query.ts';

export const RECONCILE_QUEUE = 'payments.reconcile';

/** Compares one GMT+7 day of VNPay transactions with ours; pending ones paid at VNPay are settled by querydr. */
export async function reconcileDay(d: Deps, date: string, onProgress?: (done: number, total: number) => void) {
  const db = d.database.db;
  const now = d.clock.now();
  const running = { status: 'running' as const, startedAt: now };
  await db
    .insert(reconciliations)
    .values({ date, ...running })
    .onConflictDoUpdate({ target: reconciliations.date, set: { ...running, error: null } });
  try {
    const theirs = theirPayments(await d.vnpay.dailyTransactions(date));
    const from = localDateTime(date, '00:00');
    const to = localDateTime(addDays(date, 1), '00:00');
    const ofTheDay = and(gte(attempts.createdAt, from), lt(attempts.createdAt, to));
    const ours = await db.select().from(attempts).where(ofTheDay).orderBy(asc(attempts.createdAt));
    let items = compareDay(theirs, ours);
    // Paid at VNPay but still pending here: the IPN was lost — settle through querydr, then re-check.
    const toSettle = items.filter((i) => i.kind === 'pending_here');
    let done = 0;
    for (const i of toSettle) {
      const status = await settleByQuery(d, i.txnRef).catch(() => 'pending' as const);
      i.resolution = status === 'success' ? 'settled_by_querydr' : 'still_pending';
      onProgress?.(++done, toSettle.length);
    }
    items = items.map((i) => (i.kind === 'pending_here' && i.resolution === 'settled_by_querydr' ? { ...i, kind: 'matched' as const } : i));
    // C2 step 7: only what VNPay confirmed goes on to the e-invoice (one job per payment).
    const matched = items.filter((x) => x.kind === 'matched').map((x) => x.txnRef);
    const paid = matched.length
      ? await db.select({ paymentId: attempts.paymentId }).from(attempts).where(inArray(attempts.txnRef, matched))
      : [];
    for (const { paymentId } of paid) await enqueueInvoice(d, db, paymentId);
    const summary = summarizeRecon(items);
    const stored = JSON.parse(JSON.stringify(items, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)));
    const finished = { status: 'done' as const, summary, items: stored, finishedAt: d.clock.now() };
    await db.update(reconciliations).set(finished).where(eq(reconciliations.date, date));
    const reconciled = { action: 'payments.reconciled', entityType: 'reconciliation', entityId: date, after: summary };
    await db.transaction((tx) => d.audit.record(tx, SYSTEM, reconciled));
    return { date, summary, items };
  } catch (err) {
    const failed = { status: 'failed' as const, error: (err as Error).message, finishedAt: d.clock.now() };
    await db.update(reconciliations).set(failed).where(eq(reconciliations.date, date));
    throw err;
  }
}

/** Schedules yesterday's reconciliation for 01:00 today (idempotent per date). */
export async function scheduleDailyReconciliation(d: Deps, ex: Executor = d.database.db) {
  const today = toLocalDate(d.clock.now());
  const yesterday = addDays(today, -1);
  const runAt = localDateTime(today, '01:00');
  await d.jobs.enqueue(ex, { queue: RECONCILE_QUEUE, key: `${RECONCILE_QUEUE}:${yesterday}`, payload: { date: yesterday }, runAt });
}
