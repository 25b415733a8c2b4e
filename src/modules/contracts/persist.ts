import { and, eq, inArray } from 'drizzle-orm';
import { insertLater, updateLater } from '../../db/batch.ts';
import type { Executor } from '../../db/client.ts';
import { changedFields, saveVersioned } from '../../db/versioned.ts';
import type { Ctx } from '../../platform/context.ts';
import { nextDocumentNumber } from '../../platform/counters.ts';
import { localDateTime } from '../../platform/calendar.ts';
import { newId } from '../../platform/ids.ts';
import { withinLimit } from '../../platform/money.ts';
import { priceModelToJson, type PricedPlan, type Quote } from '../catalog/index.ts';
import { contracts, tasks } from './db/schema.ts';
import { today, type Deps } from './deps.ts';
import type { TaskKind } from './contract.ts';
import { assertCanSee, lockContract, type ContractRow } from './queries.ts';
import { getContract } from './use-cases/get-contract.ts';

/** What the price list or the quote fixed: the unit price, the period and the amounts. */
export type Pricing = Pick<Quote, 'unitPriceVnd' | 'subtotalVnd' | 'vatRate' | 'vatVnd' | 'totalVnd' | 'periodMonths'>;

/** What a use case decides about a new contract; the price, the number and the empty history follow. */
export type NewContract = Pick<
  ContractRow,
  'customerId' | 'channel' | 'billing' | 'sellingUnitId' | 'managingUnitId' | 'salesUserId' | 'quantity' | 'status' | 'signedDate'
> &
  Partial<Pick<ContractRow, 'kind' | 'parentId' | 'onpremQuoteId' | 'startDate' | 'needsCtkvApproval' | 'note' | 'number'>>;

/** The next contract number, HD-2026-000042, drawn in the caller's transaction or on its own (see orderSelfService). */
export const nextContractNumber = (d: Deps, ex: Executor) => nextDocumentNumber(ex, 'HD', Number(today(d).slice(0, 4)));

/** Inserts a contract priced from `priced` and `pricing`, with its document number (unless drawn already) and its audit entry. */
export async function insertContract(
  d: Deps,
  tx: Executor,
  ctx: Ctx,
  data: NewContract,
  priced: PricedPlan,
  pricing: Pricing,
): Promise<ContractRow> {
  withinLimit(pricing.totalVnd, 'totalVnd');
  const now = d.clock.now();
  const row: ContractRow = {
    kind: 'new',
    parentId: null,
    onpremQuoteId: null,
    startDate: null,
    needsCtkvApproval: 0,
    note: null,
    ...data,
    id: newId('contract', now),
    number: data.number ?? (await nextContractNumber(d, tx)),
    productId: priced.product.id,
    planId: priced.plan.id,
    priceVersionId: priced.version?.id ?? null,
    priceModel: priceModelToJson(priced.model),
    periodMonths: pricing.periodMonths,
    unitPriceVnd: pricing.unitPriceVnd,
    subtotalVnd: pricing.subtotalVnd,
    vatRate: pricing.vatRate,
    vatVnd: pricing.vatVnd,
    totalVnd: pricing.totalVnd,
    endDate: null,
    remindedFor: null,
    ctkvApprovedBy: null,
    ctkvApprovedAt: null,
    ttcnttApprovedBy: null,
    ttcnttApprovedAt: null,
    paidAt: null,
    paymentRef: null,
    activatedAt: null,
    accountRef: null,
    accessUrl: null,
    rejectionReason: null,
    terminatedAt: null,
    terminationDate: null,
    terminationReason: null,
    settlement: null,
    createdBy: ctx.actor.id,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  await insertLater(tx, contracts, row); // in a batching transaction (a self-service order) with its audit entry and payment
  await d.audit.record(tx, ctx, { action: 'contract.created', entityType: 'contract', entityId: row.id, after: row });
  return row;
}

/** Writes a change with optimistic versioning and its audit entry (before/after of what changed). */
export async function saveContract(
  d: Deps,
  tx: Executor,
  ctx: Ctx,
  c: ContractRow,
  patch: Partial<ContractRow>,
  action: string,
): Promise<ContractRow> {
  const after = await saveVersioned(tx, d.audit, ctx, { table: contracts, entityType: 'contract', row: c, patch, now: d.clock.now(), action });
  const { id: contractId, productId, customerId, status, quantity } = after;
  for (const listener of d.ports.serviceListeners) await listener(tx, { action, contractId, productId, customerId, status, quantity });
  return after;
}

/** One step of a use case: its patch and its audit action. */
export interface ContractStep {
  patch: Partial<ContractRow>;
  action: string;
}

/**
 * Consecutive steps saved with ONE update (an IPN pays and activates a self-service contract): each
 * step keeps its own audit entry (its fields before and after) and its listeners' call, and the
 * version moves once per step, exactly as if they were saved one after the other. Returns the row
 * after each step. The contract must be locked (lockContract) and is not read again in the
 * transaction: the update joins the batch's one statement when a batch is open (an IPN's round trip).
 */
export async function saveContractSteps(d: Deps, tx: Executor, ctx: Ctx, c: ContractRow, steps: ContractStep[]): Promise<ContractRow[]> {
  const now = d.clock.now();
  const patch = Object.assign({}, ...steps.map((s) => s.patch)) as Partial<ContractRow>;
  const set = { ...patch, updatedAt: now, version: c.version + steps.length };
  await updateLater(tx, contracts, set, { id: c.id, version: c.version });
  const rows: ContractRow[] = [];
  let before = c;
  steps.forEach((step, i) => {
    const row = { ...before, ...step.patch, updatedAt: now, version: c.version + i + 1 } as ContractRow;
    rows.push(row);
    before = row;
  });
  before = c;
  for (const [i, step] of steps.entries()) {
    const changed = changedFields(before, rows[i], Object.keys(step.patch) as (keyof ContractRow)[]);
    await d.audit.record(tx, ctx, { action: step.action, entityType: 'contract', entityId: c.id, before: changed.before, after: changed.after });
    const { id: contractId, productId, customerId, status, quantity } = rows[i];
    for (const listener of d.ports.serviceListeners) await listener(tx, { action: step.action, contractId, productId, customerId, status, quantity });
    before = rows[i];
  }
  return rows;
}

type Step = (tx: Executor, c: ContractRow) => Promise<void>;

/** One use case on one contract: lock, check access, compute the patch, save, then side effects; returns the detail. */
export async function changeContract(
  d: Deps,
  ctx: Ctx,
  id: string,
  action: string,
  compute: (tx: Executor, c: ContractRow) => Promise<Partial<ContractRow>>,
  after?: Step,
) {
  await d.database.db.transaction(async (tx) => {
    const c = await lockContract(tx, id);
    assertCanSee(d, ctx, c);
    const saved = await saveContract(d, tx, ctx, c, await compute(tx, c), action);
    await after?.(tx, saved);
  });
  return getContract(d, ctx, id);
}

// ---- tasks (C4, C8) ----------------------------------------------------------------------------------

/** Opens a step; due 1 working day from now on the acting unit's calendar (C8) unless `dueAt` says otherwise. */
export async function openTask(
  d: Deps,
  tx: Executor,
  c: ContractRow,
  kind: TaskKind,
  unitId: string | null,
  opts: { dueAt?: Date; amendmentId?: string } = {},
) {
  const now = d.clock.now();
  const dueAt = opts.dueAt ?? d.calendar.forUnit(unitId ?? c.sellingUnitId).addWorkingDays(now, 1);
  const amendmentId = opts.amendmentId ?? null;
  const id = newId('task', now);
  await insertLater(tx, tasks, { id, contractId: c.id, amendmentId, kind, unitId, status: 'open', openedAt: now, dueAt });
}

export async function closeTasks(d: Deps, tx: Executor, ctx: Ctx, contractId: string, kinds: TaskKind[]) {
  await tx
    .update(tasks)
    .set({ status: 'done', doneAt: d.clock.now(), doneBy: ctx.actor.id ?? ctx.actor.name })
    .where(and(eq(tasks.contractId, contractId), inArray(tasks.kind, kinds), eq(tasks.status, 'open')));
}

export async function cancelTasks(d: Deps, tx: Executor, contractId: string) {
  await tx
    .update(tasks)
    .set({ status: 'cancelled', doneAt: d.clock.now() })
    .where(and(eq(tasks.contractId, contractId), eq(tasks.status, 'open')));
}

/** The end of the last working window of `date` (17:30 by default). */
export function endOfWorkingDay(d: Deps, unitId: string | null, date: string): Date {
  const windows = d.calendar.hoursOf(unitId ?? undefined).windows;
  return localDateTime(date, windows[windows.length - 1].end);
}
