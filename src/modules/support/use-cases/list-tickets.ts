import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { hasPermission } from '../../identity/index.ts';
import { tickets } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { STAGE_ROLES } from '../domain/ticket.ts';
import { OPEN, summaries, visibility } from '../queries.ts';

export interface TicketFilter {
  scope?: 'mine' | 'all';
  status?: string;
  level?: number;
  requestType?: string;
  stage?: string;
  breached?: boolean;
  /** Open tickets past their warning point or breached (the notification feed). */
  slaAlert?: boolean;
  q?: string;
  page: number;
  pageSize: number;
}

/** The tickets the caller may see (a customer: their own); `mine`: the open ones at the caller's stages or received by them. */
export async function listTickets(d: Deps, ctx: Ctx, f: TicketFilter) {
  if (!ctx.actor.customerId && !hasPermission(ctx.actor, 'ticket.read')) throw fail('FORBIDDEN', { permission: 'ticket.read' });
  const where: SQL[] = [];
  const vis = visibility(d, ctx);
  if (vis) where.push(vis);
  if (f.scope === 'mine' && !ctx.actor.customerId) {
    const stages = Object.entries(STAGE_ROLES).filter(([, roles]) => roles.some((r) => ctx.actor.roles.includes(r))).map(([s]) => s);
    const receivedByMe = ctx.actor.id ? eq(tickets.receivedBy, ctx.actor.id) : undefined;
    where.push(or(inArray(tickets.assigneeStage, stages.length ? stages : ['-']), receivedByMe)!, inArray(tickets.status, OPEN));
  }
  if (f.status) where.push(eq(tickets.status, f.status));
  if (f.level) where.push(eq(tickets.level, f.level));
  if (f.requestType) where.push(eq(tickets.requestType, f.requestType));
  if (f.stage) where.push(eq(tickets.assigneeStage, f.stage));
  if (f.breached) where.push(eq(tickets.breached, true), inArray(tickets.status, OPEN));
  if (f.slaAlert) where.push(or(eq(tickets.warned, true), eq(tickets.breached, true))!, inArray(tickets.status, OPEN));
  if (f.q) where.push(or(ilike(tickets.number, `%${f.q}%`), ilike(tickets.subject, `%${f.q}%`), ilike(tickets.customerPhone, `%${f.q}%`))!);
  const cond = where.length ? and(...where) : undefined;
  // Staff work soonest-due first; a customer reads their requests newest first.
  const order = ctx.actor.customerId ? [desc(tickets.createdAt)] : [asc(sql`coalesce(${tickets.stageDueAt}, ${tickets.dueAt})`), desc(tickets.createdAt)];
  const db = d.database.db;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(tickets)
      .where(cond)
      .orderBy(...order)
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(tickets).where(cond),
  ]);
  return { items: await summaries(d, rows), total, page: f.page, pageSize: f.pageSize };
}
