import { eq } from 'drizzle-orm';
import { hasPermission } from '../../identity/index.ts';
import type { Ctx } from '../../../platform/context.ts';
import { readMarks } from '../db/schema.ts';
import type { FeedDeps } from '../deps.ts';
import { FEED_LIMIT, feedItems, PAYMENT_DAYS, withReadMarks, type FeedSources } from '../domain/feed.ts';
import { feedError } from '../errors.ts';

/** The caller's feed with their read marks. */
export async function showFeed(d: FeedDeps, ctx: Ctx) {
  const userId = userOf(ctx);
  const items = feedItems(await readSources(d, ctx), d.clock.now());
  const marks = await d.database.db.select({ key: readMarks.itemKey }).from(readMarks).where(eq(readMarks.userId, userId));
  return withReadMarks(items, new Set(marks.map((m) => m.key)));
}

export function userOf(ctx: Ctx): string {
  if (ctx.actor.kind !== 'user' || !ctx.actor.id) throw feedError('FEED_NOT_FOR_SYSTEM');
  return ctx.actor.id;
}

/**
 * Everything that may need the caller, each read through its module with the caller's context, so
 * each module's scope rules apply (another unit's contracts, tasks and tickets never come back).
 */
export async function readSources(d: FeedDeps, ctx: Ctx): Promise<FeedSources> {
  const [tasks, tickets, payments] = await Promise.all([tasksOf(d, ctx), ticketsOf(d, ctx), paymentsOf(d, ctx)]);
  return { tasks, tickets, payments };
}

async function tasksOf(d: FeedDeps, ctx: Ctx): Promise<FeedSources['tasks']> {
  if (ctx.actor.customerId) return [];
  // The inbox: open steps of the caller's roles on contracts they may see, soonest deadline first.
  const page = await d.contracts.listTasks(ctx, { status: 'open', page: 1, pageSize: FEED_LIMIT });
  return page.items.map((t) => ({ id: t.id, kind: t.kind, openedAt: t.openedAt, dueAt: t.dueAt, contract: t.contract }));
}

async function ticketsOf(d: FeedDeps, ctx: Ctx): Promise<FeedSources['tickets']> {
  if (ctx.actor.customerId || !hasPermission(ctx.actor, 'ticket.read')) return [];
  // Open tickets at the caller's stages (or received by them) past their warning point.
  const page = await d.support.list(ctx, { scope: 'mine', slaAlert: true, page: 1, pageSize: FEED_LIMIT });
  return page.items.map((t) => ({ id: t.id, number: t.number, subject: t.subject, warned: t.warned, breached: t.breached, dueAt: t.stageDueAt ?? t.dueAt }));
}

/** Payments of the last week on the caller's own contracts (a customer) or on what they sold or manage (a seller). */
async function paymentsOf(d: FeedDeps, ctx: Ctx): Promise<FeedSources['payments']> {
  const since = new Date(d.clock.now().getTime() - PAYMENT_DAYS * 86_400_000);
  let ids: { contractIds: string[]; customerIds: string[] };
  if (ctx.actor.customerId) ids = { contractIds: [], customerIds: [ctx.actor.customerId] };
  else if (ctx.actor.id && hasPermission(ctx.actor, 'contract.read')) {
    const [contractIds, customerIds] = await Promise.all([d.contracts.idsSoldBy(ctx.actor.id), d.customers.idsManagedBy(ctx.actor.id)]);
    ids = { contractIds, customerIds };
  } else return [];
  const received = await d.paymentsReceived({ since, ...ids, limit: FEED_LIMIT });
  // Each payment's contract is checked against the caller's scope once more (a customer moved to another unit).
  const rows = await Promise.all(received.map((p) => d.contracts.row(p.contractId).catch(() => null)));
  const visible = received.filter((_, i) => rows[i] && d.contracts.canSee(ctx, rows[i]));
  const names = await d.customers.namesOf([...new Set(visible.map((p) => p.customerId))]);
  const numbers = await d.contracts.numbersOf(visible.map((p) => p.contractId));
  return visible.map((p) => ({
    id: p.id,
    contractId: p.contractId,
    contractNumber: numbers.get(p.contractId) ?? p.contractId,
    customerName: names.get(p.customerId) ?? null,
    amountVnd: p.amountVnd,
    paidAt: p.paidAt,
  }));
}
