import { eq, inArray, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { WorkCalendar } from '../../platform/calendar.ts';
import type { Ctx } from '../../platform/context.ts';
import { fail } from '../../platform/errors.ts';
import { hasPermission, withinScope } from '../identity/index.ts';
import { tickets } from './db/schema.ts';
import type { Deps } from './deps.ts';
import { supportError } from './errors.ts';
import type { Channel, Level, RequestType, Stage, TicketStatus } from './contract.ts';
import { STAGE_ROLES } from './domain/ticket.ts';

/** Shared reads of the support module: tickets, who may see and act on them, SLA policies. */

export type TicketRow = typeof tickets.$inferSelect;

/** Statuses the SLA job still watches. */
export const OPEN = ['new', 'in_progress', 'waiting_customer', 'reopened', 'resolved'];
const DESK_ROLES = ['call_center', 'am', 'kam', 'product_ctkv', 'gpth', 'customer'];
/** Roles that see every ticket (the call center serves all regions; TT CNTT owns the products). */
const ALL_TICKETS = ['admin', 'call_center', 'gpth', 'approver_ttcntt'];

// ---- tickets --------------------------------------------------------------------------------------

export async function ticketRow(d: Deps, id: string, ex: Executor = d.database.db): Promise<TicketRow> {
  const [r] = await ex.select().from(tickets).where(eq(tickets.id, id));
  if (!r) throw fail('NOT_FOUND', { ticket: id });
  return r;
}

export async function lockTicket(tx: Executor, id: string): Promise<TicketRow> {
  const [r] = await tx.select().from(tickets).where(eq(tickets.id, id)).for('update');
  if (!r) throw fail('NOT_FOUND', { ticket: id });
  return r;
}

/** The ticket of an e-mailed review link, while the link is valid. */
export async function ticketByReviewToken(d: Deps, token: string): Promise<TicketRow> {
  if (!/^[\w-]{20,64}$/.test(token)) throw supportError('REVIEW_LINK_INVALID');
  const [row] = await d.database.db.select().from(tickets).where(eq(tickets.reviewToken, token));
  if (!row) throw supportError('REVIEW_LINK_INVALID');
  return row;
}

/** Working time is counted on the national calendar. */
export const calendarOf = (d: Deps): WorkCalendar => d.calendar.forUnit(null);

// ---- who sees and who acts ------------------------------------------------------------------------

/** The tickets a caller may see, as a condition (none: all). */
export function visibility(d: Deps, ctx: Ctx): SQL | undefined {
  if (ctx.actor.customerId) return eq(tickets.customerId, ctx.actor.customerId);
  if (ctx.actor.roles.some((r) => ALL_TICKETS.includes(r))) return undefined;
  const scope = d.identity.scopePathOf(ctx.actor);
  const units = scope ? d.identity.orgUnitList().filter((u) => u.path.startsWith(scope)).map((u) => u.id) : [];
  const ids = units.length ? units : ['-'];
  const mine = ctx.actor.id ? eq(tickets.receivedBy, ctx.actor.id) : undefined;
  return or(inArray(tickets.assigneeUnitId, ids), inArray(tickets.ctkvUnitId, ids), inArray(tickets.receiverUnitId, ids), mine);
}

export function canSee(d: Deps, ctx: Ctx, row: TicketRow): boolean {
  if (ctx.actor.kind === 'system') return true;
  if (ctx.actor.customerId) return row.customerId === ctx.actor.customerId;
  // Staff without ticket.read (accounting, invoices, collection) see no ticket, however wide their scope.
  if (!hasPermission(ctx.actor, 'ticket.read')) return false;
  if (ctx.actor.roles.some((r) => ALL_TICKETS.includes(r))) return true;
  if (ctx.actor.id && row.receivedBy === ctx.actor.id) return true;
  const scope = d.identity.scopePathOf(ctx.actor);
  return [row.assigneeUnitId, row.ctkvUnitId, row.receiverUnitId].some((u) => !!u && withinScope(ctx.actor, scope, d.identity.orgUnit(u)?.path ?? '~'));
}

export function assertCanSee(d: Deps, ctx: Ctx, row: TicketRow): void {
  if (!canSee(d, ctx, row)) throw fail(ctx.actor.customerId ? 'NOT_FOUND' : 'FORBIDDEN', { ticket: row.id });
}

/** The desk role the caller acts in on this ticket: the role of the stage holding it, if they have it. */
export function deskRole(d: Deps, ctx: Ctx, row: TicketRow | null): string | null {
  if (ctx.actor.customerId) return 'customer';
  const roles = ctx.actor.roles.filter((r) => DESK_ROLES.includes(r));
  if (row) {
    const holder = roles.find((r) => STAGE_ROLES[row.assigneeStage as Stage]?.includes(r));
    if (holder) {
      // A CTKV product department acts only on its own CTKV's tickets.
      const unitPath = d.identity.orgUnit(row.assigneeUnitId ?? '')?.path ?? '~';
      if (holder === 'product_ctkv' && !withinScope(ctx.actor, d.identity.scopePathOf(ctx.actor), unitPath)) return null;
      return holder;
    }
  }
  return roles.find((r) => STAGE_ROLES.receiver.includes(r)) ?? roles[0] ?? null;
}

/** The unit holding a ticket at `stage`: the receiver's, the CTKV's, or TT CNTT's GPTH. */
export function unitFor(d: Deps, stage: string, ctkvUnitId: string | null, receiverUnitId: string | null): string | null {
  if (stage === 'receiver') return receiverUnitId;
  if (stage === 'ctkv') return ctkvUnitId;
  return d.identity.orgUnitByCode('TTCNTT-GPTH')?.id ?? null;
}

export function unitRef(d: Deps, id: string | null) {
  const u = id ? d.identity.orgUnit(id) : undefined;
  return u ? { id: u.id, code: u.code, name: u.name } : null;
}

/** Queue rows with their customer's name and the holding unit. */
export async function summaries(d: Deps, rows: TicketRow[]) {
  const names = await d.customers.namesOf([...new Set(rows.map((r) => r.customerId).filter((x): x is string => !!x))]);
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    subject: r.subject,
    customer: r.customerId ? { id: r.customerId, name: names.get(r.customerId) ?? '' } : null,
    customerPhone: r.customerPhone,
    // The columns hold what the domain wrote: its types, not any string.
    channel: r.channel as Channel,
    requestType: r.requestType as RequestType,
    level: r.level as Level,
    status: r.status as TicketStatus,
    assigneeStage: r.assigneeStage as Stage,
    assigneeUnit: unitRef(d, r.assigneeUnitId),
    createdAt: r.createdAt,
    resolvedAt: r.resolvedAt,
    dueAt: r.dueAt,
    stageDueAt: r.stageDueAt,
    warned: r.warned,
    breached: r.breached,
    reopenCount: r.reopenCount,
  }));
}

