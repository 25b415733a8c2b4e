import { and, asc, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { normalizeMsisdn } from '../../../protocols/subscriber-ledger/protocol.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { RecoveryCase } from '../contract.ts';
import { orders, recoveryCases } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { recoveryClock } from '../domain/order-lifecycle.ts';
import type { OrderStatus } from '../domain/order-lifecycle.ts';
import { centerOf, toDeskOrder } from '../queries.ts';

/** The clearing desk's queue (E9): orders of the user's center only (all centers for admin and accountant). */
export async function listDeskOrders(d: Deps, ctx: Ctx, q: { status?: OrderStatus; msisdn?: string; page: number; pageSize: number }) {
  const where: SQL[] = [];
  const center = centerOf(d, ctx);
  if (center !== null) where.push(eq(orders.center, center));
  if (q.status) where.push(eq(orders.status, q.status));
  if (q.msisdn) where.push(eq(orders.msisdn, normalizeMsisdn(q.msisdn) ?? q.msisdn));
  const cond = where.length ? and(...where) : undefined;
  const db = d.database.db;
  const [items, [{ total }]] = await Promise.all([
    db.select().from(orders).where(cond).orderBy(desc(orders.createdAt), desc(orders.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ total: count() }).from(orders).where(cond),
  ]);
  return { items: items.map(toDeskOrder), total, page: q.page, pageSize: q.pageSize };
}

/** E6: the recovery cases of the user's center with the 2-day clock, the earliest due first. */
export async function listCases(d: Deps, ctx: Ctx, q: { status?: 'open' | 'resolved' }): Promise<{ items: RecoveryCase[] }> {
  const where: SQL[] = [];
  const center = centerOf(d, ctx);
  if (center !== null) where.push(eq(recoveryCases.center, center));
  if (q.status) where.push(eq(recoveryCases.status, q.status));
  const cases = await d.database.db.select().from(recoveryCases).where(where.length ? and(...where) : undefined).orderBy(asc(recoveryCases.dueAt)).limit(500);
  const byId = new Map(
    cases.length ? (await d.database.db.select().from(orders).where(inArray(orders.id, cases.map((c) => c.orderId)))).map((o) => [o.id, o]) : [],
  );
  const now = d.clock.now();
  return {
    items: cases.map((c) => {
      const o = byId.get(c.orderId)!;
      const clock = c.status === 'open' ? recoveryClock(c.dueAt, now) : recoveryClock(c.dueAt, c.resolvedAt ?? now);
      return {
        id: c.id,
        orderId: c.orderId,
        msisdn: o.msisdn,
        kind: o.kind,
        amountVnd: o.amountVnd.toString(),
        center: c.center,
        status: c.status,
        orderStatus: o.status,
        openedAt: c.openedAt.toISOString(),
        dueAt: c.dueAt.toISOString(),
        minutesLeft: clock.minutesLeft,
        overdue: clock.overdue,
        lastError: c.lastError,
        resolution: c.resolution,
        resolvedAt: c.resolvedAt?.toISOString() ?? null,
      };
    }),
  };
}
