import { eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { addDays, localDateTime, toLocalDate } from '../../../platform/calendar.ts';
import { newId } from '../../../platform/ids.ts';
import { attempts, reconciliations } from '../db/schema.ts';
import { SYSTEM, type Deps } from '../deps.ts';
import { summarizeRecon, type ReconItem } from '../domain/reconcile.ts';
import { DAILY_LIST_COLUMNS, type DailyListColumn } from '../../../protocols/vnpay/daily-list.ts';
import { VnpayApiError, type DailyListFile } from '../vnpay/client.ts';
import type { ReconKind } from '../contract.ts';
import { enqueueInvoice, INVOICE_BATCH_QUEUE, INVOICE_BATCH_SIZE } from './request-invoice.ts';
import { settleByQuery } from './settle-by-query.ts';

export const RECONCILE_QUEUE = 'payments.reconcile';

/**
 * Compares one GMT+7 day of VNPay transactions with ours; pending ones paid at VNPay are settled by
 * querydr. The comparison runs in the database, set-based (a day may hold a million transactions):
 * VNPay's list file is downloaded, then loaded as it came (COPY), the differences come back, and every
 * match's e-invoice is scheduled by one statement (a job per thousand payments). The day's record lists what needs a look (differences and payments
 * settled through querydr); plain matches are counted in its summary.
 */
export async function reconcileDay(d: Deps, date: string, onProgress?: (done: number, total: number) => void) {
  const db = d.database.db;
  const now = d.clock.now();
  const running = { status: 'running' as const, startedAt: now };
  await db
    .insert(reconciliations)
    .values({ date, ...running })
    .onConflictDoUpdate({ target: reconciliations.date, set: { ...running, error: null } });
  try {
    const list = await d.vnpay.dailyListFile(date);
    const { differences, matched } = await compareWithOurs(d, date, list);
    let items = differences;
    // Paid at VNPay but still pending here: the IPN was lost — settle through querydr, then re-check.
    const toSettle = items.filter((i) => i.kind === 'pending_here');
    let done = 0;
    for (const i of toSettle) {
      const status = await settleByQuery(d, i.txnRef).catch(() => 'pending' as const);
      i.resolution = status === 'success' ? 'settled_by_querydr' : 'still_pending';
      onProgress?.(++done, toSettle.length);
    }
    items = items.map((i) => (i.kind === 'pending_here' && i.resolution === 'settled_by_querydr' ? { ...i, kind: 'matched' as const } : i));
    // C2 step 7: only what VNPay confirmed goes on to the e-invoice (one job per payment); the plain
    // matches were scheduled with the comparison, the ones settled just now follow.
    const settled = items.filter((x) => x.kind === 'matched').map((x) => x.txnRef);
    const paid = settled.length ? await db.select({ paymentId: attempts.paymentId }).from(attempts).where(inArray(attempts.txnRef, settled)) : [];
    for (const { paymentId } of paid) await enqueueInvoice(d, db, paymentId);
    const summary = summarizeRecon(items, matched);
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

interface ComparedRow {
  kind: ReconKind;
  txn_ref: string;
  vnpay_amount_vnd: string | null;
  our_amount_vnd: string | null;
  transaction_no: string | null;
}

/** The list file's fields (protocols/vnpay/daily-list.ts) as the columns of the table it is loaded into. */
const LIST_COLUMNS: Record<DailyListColumn, string> = {
  txnRef: 'txn_ref',
  transactionNo: 'transaction_no',
  amount: 'amount',
  bankCode: 'bank_code',
  payDate: 'pay_date',
  transactionStatus: 'transaction_status',
  responseCode: 'response_code',
  transactionType: 'transaction_type',
  requestId: 'request_id',
};
const LIST_TABLE = { table: 'recon_list', columns: DAILY_LIST_COLUMNS.map((c) => LIST_COLUMNS[c]) };

/**
 * `domain/reconcile.ts` `reconcileDay` in SQL (its tests state the rules): VNPay's list against our
 * attempts created that day, in one pass. The list file goes into a temporary table as it came
 * (COPY; `ord` keeps its order), `theirPayments`' rules pick its payments, one full join sorts every
 * reference into its bucket. Answers the differences (VNPay's order, then ours by creation) and what
 * matched, whose e-invoice jobs it schedules in the same transaction. The file was downloaded before:
 * no network I/O inside the transaction.
 */
async function compareWithOurs(d: Deps, date: string, list: DailyListFile) {
  const from = localDateTime(date, '00:00').toISOString();
  const to = localDateTime(addDays(date, 1), '00:00').toISOString();
  return d.database.db.transaction(async (tx) => {
    // A million-row hash join in memory rather than in 16 batches on disk (the default is 4 MB; PGlite too).
    await tx.execute(sql`set local work_mem = '128MB'`);
    await tx.execute(sql`
      create temp table recon_list (txn_ref text not null, transaction_no text, amount bigint not null check (amount >= 0), bank_code text, pay_date text,
                                    transaction_status text, response_code text, transaction_type text, request_id text,
                                    ord bigint generated always as identity) on commit drop`);
    await d.database.copyCsv(tx, LIST_TABLE, list.chunks).catch((err: Error & { where?: string }) => {
      throw new VnpayApiError(`VNPay daily list: ${err.message}${err.where ? ` (${err.where})` : ''}`);
    });
    await tx.execute(sql`
      create temp table recon_day (txn_ref text, vnpay_amount_vnd bigint, our_amount_vnd bigint, transaction_no text, payment_id text,
                                   ord bigint, created_at timestamptz, kind text) on commit drop`);
    await tx.execute(sql`
      insert into recon_day
      select coalesce(t.txn_ref, o.txn_ref) as txn_ref, t.amount_vnd as vnpay_amount_vnd, o.amount_vnd as our_amount_vnd,
             t.transaction_no, o.payment_id, t.ord, o.created_at,
             case when t.txn_ref is null or not t.paid then case when o.status = 'success' then 'missing_at_vnpay' end
                  when o.txn_ref is null then 'unknown_here'
                  when o.amount_vnd <> t.amount_vnd then 'amount_mismatch'
                  when o.status = 'success' then 'matched'
                  else 'pending_here' end as kind
        from (select txn_ref, amount / 100 as amount_vnd, coalesce(transaction_status = '00' and response_code = '00', false) as paid,
                     coalesce(transaction_no, '') as transaction_no, ord
                from recon_list where coalesce(transaction_type, '') in ('', '01')) t
        full join (select txn_ref, amount_vnd, status, payment_id, created_at from payments.attempts
                    where created_at >= ${from}::timestamptz and created_at < ${to}::timestamptz) o on o.txn_ref = t.txn_ref`);
    const differences = await d.database.rows<ComparedRow>(
      sql`select kind, txn_ref, vnpay_amount_vnd::text, our_amount_vnd::text, transaction_no from recon_day
           where kind is not null and kind <> 'matched' order by ord nulls last, created_at`,
      tx,
    );
    const [m] = await d.database.rows<{ n: number; vnd: string }>(
      sql`select count(*)::int as n, coalesce(sum(vnpay_amount_vnd), 0)::text as vnd from recon_day where kind = 'matched'`,
      tx,
    );
    // The matches' e-invoices: a job per thousand payments, each of which gives every payment its own
    // invoice job (enqueueInvoices) — the day's million job rows are written by the workers afterwards,
    // not in this transaction. The run's id in the keys: a rerun schedules again (invoice keys dedupe).
    const run = newId('job', d.clock.now());
    await d.jobs.enqueueQuery(
      tx,
      INVOICE_BATCH_QUEUE,
      sql`select ${`${INVOICE_BATCH_QUEUE}:${date}:${run}:`}::text || chunk as key, jsonb_build_object('paymentIds', jsonb_agg(payment_id)) as payload
            from (select payment_id, (row_number() over () - 1) / ${INVOICE_BATCH_SIZE} as chunk from recon_day where kind = 'matched') m
           group by chunk`,
    );
    return {
      differences: differences.map(
        (r): ReconItem => ({
          txnRef: r.txn_ref,
          kind: r.kind,
          vnpayAmountVnd: r.vnpay_amount_vnd === null ? null : BigInt(r.vnpay_amount_vnd),
          ourAmountVnd: r.our_amount_vnd === null ? null : BigInt(r.our_amount_vnd),
          transactionNo: r.transaction_no,
        }),
      ),
      matched: { matched: m.n, matchedVnd: BigInt(m.vnd) },
    };
  });
}

/** Schedules yesterday's reconciliation for 01:00 today (idempotent per date). */
export async function scheduleDailyReconciliation(d: Deps, ex: Executor = d.database.db) {
  const today = toLocalDate(d.clock.now());
  const yesterday = addDays(today, -1);
  const runAt = localDateTime(today, '01:00');
  await d.jobs.enqueue(ex, { queue: RECONCILE_QUEUE, key: `${RECONCILE_QUEUE}:${yesterday}`, payload: { date: yesterday }, runAt });
}
