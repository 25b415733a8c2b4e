import { eq, sql } from 'drizzle-orm';
import { bulkInsert } from '../../../db/bulk.ts';
import { advisoryXactLock, type Executor } from '../../../db/client.ts';
import { addDays, localDateTime } from '../../../platform/calendar.ts';
import type { Ctx } from '../../../platform/context.ts';
import { nextDocumentNumbers } from '../../../platform/counters.ts';
import { newId } from '../../../platform/ids.ts';
import { priceModelFromJson, type PriceModel } from '../../catalog/index.ts';
import { periodDates, periodEnd, periodOf, previousPeriod } from '../../usage/index.ts';
import { runs } from '../db/schema.ts';
import { SYSTEM, today, type Deps } from '../deps.ts';
import { rateMonth } from '../domain/rating.ts';
import { billingError } from '../errors.ts';
import type { BillRow, RunRow } from '../queries.ts';
import { ratingInput } from './contract-usage.ts';
import { BILL_MAIL_QUEUE } from './notify-bills.ts';

export const BILL_RUN_QUEUE = 'billing.run';
/** Contracts per transaction: big enough for few statements, short enough (under a second) not to hold locks long. */
const CHUNK = 5_000;
const DUE_DAYS = 15;

type BillableContract = Awaited<ReturnType<Deps['contracts']['postpaidRunningBetween']>>[number];

/** Starts a run of `period` (recorded with its size, so progress can be shown); refused while the month is not over. */
export async function createRun(d: Deps, ctx: Ctx, period: string): Promise<RunRow> {
  if (d.clock.now() < periodEnd(period)) throw billingError('PERIOD_NOT_CLOSED', { period });
  const { first, last } = periodDates(period);
  const row: RunRow = {
    id: newId('billRun', d.clock.now()),
    period,
    status: 'running',
    contractsTotal: await d.contracts.countPostpaidRunningBetween(first, last),
    contractsDone: 0,
    billsCreated: 0,
    startedBy: ctx.actor.name,
    startedAt: d.clock.now(),
    finishedAt: null,
    error: null,
  };
  await d.database.db.transaction(async (tx) => {
    await tx.insert(runs).values(row);
    await d.audit.record(tx, ctx, { action: 'bill_run.started', entityType: 'bill_run', entityId: row.id, after: { period, contracts: row.contractsTotal } });
  });
  return row;
}

/**
 * Bills every postpaid contract that ran in the period, CHUNK contracts per short transaction. A
 * contract already billed for the period is skipped (one bill per contract and month), so a rerun,
 * or a run resumed after a crash, changes nothing that was done. Two chunks are in flight at a time:
 * while PostgreSQL writes one chunk's bills, the next one is read and rated.
 */
export async function executeRun(d: Deps, runId: string, onProgress?: (done: number, total: number) => void): Promise<RunRow> {
  const [run] = await d.database.db.select().from(runs).where(eq(runs.id, runId));
  const { first, last } = periodDates(run.period);
  const billAndCount = async (chunk: BillableContract[]) => {
    const created = await d.database.db.transaction((tx) => billChunk(d, tx, run, chunk));
    const [progress] = await d.database.db
      .update(runs)
      .set({ contractsDone: sql`${runs.contractsDone} + ${chunk.length}`, billsCreated: sql`${runs.billsCreated} + ${created}` })
      .where(eq(runs.id, run.id))
      .returning();
    onProgress?.(progress.contractsDone, Math.max(progress.contractsTotal, progress.contractsDone));
  };
  let previous: Promise<void> = Promise.resolve();
  try {
    for (let afterId = ''; ; ) {
      const chunk = await d.contracts.postpaidRunningBetween(first, last, afterId, CHUNK);
      if (chunk.length === 0) break;
      afterId = chunk[chunk.length - 1].id;
      const current = billAndCount(chunk);
      current.catch(() => undefined); // observed below or in the next round: never an unhandled rejection
      try {
        await previous;
      } catch (err) {
        await current.catch(() => undefined); // no chunk is left running when the run is marked failed
        throw err;
      }
      previous = current;
    }
    await previous;
    const [done] = await d.database.db.update(runs).set({ status: 'done', finishedAt: d.clock.now() }).where(eq(runs.id, run.id)).returning();
    return done;
  } catch (err) {
    await previous.catch(() => undefined);
    const failed = { status: 'failed' as const, finishedAt: d.clock.now(), error: String((err as Error).message ?? err).slice(0, 1000) };
    await d.database.db.update(runs).set(failed).where(eq(runs.id, run.id));
    throw err;
  }
}

/** The contracts of the chunk without a bill of the period yet. */
async function unbilled(d: Deps, tx: Executor, period: string, chunk: BillableContract[]): Promise<BillableContract[]> {
  const billed = await d.database.rows<{ contract_id: string }>(
    sql`select contract_id from billing.bills where contract_id = any(${sql.param(chunk.map((c) => c.id))}::text[]) and period = ${period}`,
    tx,
  );
  const done = new Set(billed.map((b) => b.contract_id));
  return done.size === 0 ? chunk : chunk.filter((c) => !done.has(c.id));
}

/** One chunk: close the month's usage, rate, issue the bills, queue their e-mails (which open their payment links). */
async function billChunk(d: Deps, tx: Executor, run: RunRow, chunk: BillableContract[]): Promise<number> {
  const todo = await unbilled(d, tx, run.period, chunk);
  if (todo.length === 0) return 0;
  await d.usage.closePeriod(tx, todo.map((c) => c.id), run.period);
  const usage = await d.usage.quantitiesOf(todo.map((c) => c.id), run.period, tx);
  const month = periodDates(run.period);
  // Thousands of contracts share a handful of price models and products: read each once per chunk.
  const models = new Map<string, PriceModel>();
  const productCodes = new Map<string, string>();
  for (const c of todo) if (!productCodes.has(c.productId)) productCodes.set(c.productId, (await d.catalog.product(c.productId, tx)).code);
  const rating = todo.flatMap((c) => {
    const json = JSON.stringify(c.priceModel);
    if (!models.has(json)) models.set(json, priceModelFromJson(c.priceModel));
    const { contract, usage: used } = ratingInput(c, productCodes.get(c.productId) as string, usage.get(c.id) ?? new Map(), models.get(json));
    const bill = rateMonth(contract, month, used);
    return bill ? [{ c, bill }] : [];
  });
  // Numbering and writing take turns (the document counter allows no less), and so do concurrent
  // runs of the same period: after the lock, the check above is repeated, so it is exact.
  await advisoryXactLock(tx, `billing.run:${run.period}`);
  const stillTodo = new Set((await unbilled(d, tx, run.period, rating.map((r) => r.c))).map((c) => c.id));
  const rated = rating.filter((r) => stillTodo.has(r.c.id));
  if (rated.length === 0) return 0;
  const now = d.clock.now();
  const issueDate = today(d);
  const dueDate = addDays(issueDate, d.dueDays ?? DUE_DAYS);
  const numbers = await nextDocumentNumbers(tx, 'HDC', Number(issueDate.slice(0, 4)), rated.length, 7);
  const rows: BillRow[] = rated.map(({ c, bill }, i) => ({
    id: newId('bill', now),
    contractId: c.id,
    customerId: c.customerId,
    period: run.period,
    // Drafted and issued in the same transaction; a bill of nothing is settled at once.
    status: bill.totalVnd === 0n ? 'paid' : 'issued',
    number: numbers[i],
    issueDate,
    dueDate,
    subtotalVnd: bill.subtotalVnd,
    vatVnd: bill.vatVnd,
    totalVnd: bill.totalVnd,
    paidVnd: 0n,
    paidAt: bill.totalVnd === 0n ? now : null,
    notifiedAt: null,
    paymentId: null,
    runId: run.id,
    createdAt: now,
    updatedAt: now,
    version: 1,
  }));
  const payable = rows.filter((b) => b.totalVnd > 0n);
  const col = <K extends keyof BillRow>(k: K) => rows.map((b) => b[k]);
  await bulkInsert(tx, 'billing.bills', {
    id: ['text', col('id')],
    contract_id: ['text', col('contractId')],
    customer_id: ['text', col('customerId')],
    period: ['text', col('period')],
    status: ['text', col('status')],
    number: ['text', col('number')],
    issue_date: ['date', col('issueDate')],
    due_date: ['date', col('dueDate')],
    subtotal_vnd: ['bigint', col('subtotalVnd')],
    vat_vnd: ['bigint', col('vatVnd')],
    total_vnd: ['bigint', col('totalVnd')],
    paid_vnd: ['bigint', col('paidVnd')],
    paid_at: ['timestamptz', col('paidAt')],
    run_id: ['text', col('runId')],
    created_at: ['timestamptz', col('createdAt')],
    updated_at: ['timestamptz', col('updatedAt')],
  });
  const lines = rated.flatMap(({ bill }, i) => bill.lines.map((l, position) => ({ billId: rows[i].id, position, ...l })));
  const line = <K extends keyof (typeof lines)[number]>(k: K) => lines.map((l) => l[k]);
  await bulkInsert(tx, 'billing.bill_lines', {
    bill_id: ['text', line('billId')],
    position: ['int', line('position')],
    kind: ['text', line('kind')],
    description: ['text', line('description')],
    metric: ['text', line('metric')],
    quantity: ['int', line('quantity')],
    unit: ['text', line('unit')],
    unit_price_vnd: ['bigint', line('unitPriceVnd')],
    amount_vnd: ['bigint', line('amountVnd')],
    vat_rate: ['text', line('vatRate')],
    vat_vnd: ['bigint', line('vatVnd')],
  });
  await d.audit.record(tx, SYSTEM, {
    action: 'bill.issued',
    entityType: 'bill_run',
    entityId: run.id,
    after: {
      period: run.period,
      startedBy: run.startedBy,
      bills: rows.map((b) => ({ id: b.id, number: b.number, contractId: b.contractId, totalVnd: b.totalVnd })),
    },
  });
  if (payable.length > 0) {
    await d.jobs.enqueue(tx, { queue: BILL_MAIL_QUEUE, key: `${BILL_MAIL_QUEUE}:${payable[0].id}`, payload: { billIds: payable.map((b) => b.id) } });
  }
  return rows.length;
}

/** The job: a run started through the API (`runId`), or the month's scheduled run (`period`). */
export async function runBillsJob(d: Deps, p: { runId?: string; period?: string }): Promise<void> {
  const runId = p.runId ?? (await createRun(d, SYSTEM, p.period as string)).id;
  await executeRun(d, runId);
}

/**
 * The monthly run (C3): at 01:00 on the 1st, last month is billed. Called every minute by the
 * composition root's timer; the dated key makes it one job per month across all processes.
 */
export async function scheduleMonthlyRun(d: Deps, ex: Executor = d.database.db): Promise<void> {
  const thisMonth = periodOf(d.clock.now());
  const period = previousPeriod(thisMonth);
  const runAt = localDateTime(`${thisMonth}-01`, '01:00');
  await d.jobs.enqueue(ex, { queue: BILL_RUN_QUEUE, key: `${BILL_RUN_QUEUE}:monthly:${period}`, payload: { period }, runAt, maxAttempts: 3 });
}

/** The accountant's run: recorded now (its progress visible at once), carried out by the job. */
export async function startRun(d: Deps, ctx: Ctx, period: string): Promise<RunRow> {
  const run = await createRun(d, ctx, period);
  await d.jobs.enqueue(d.database.db, { queue: BILL_RUN_QUEUE, key: `${BILL_RUN_QUEUE}:${run.id}`, payload: { runId: run.id }, maxAttempts: 3 });
  return run;
}
