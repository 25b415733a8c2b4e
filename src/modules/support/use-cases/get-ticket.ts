import { asc, eq } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { listFiles } from '../../../platform/files.ts';
import { ticketCycles, ticketEvents } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import type { ClockSet } from '../domain/clocks.ts';
import { ticketFromJson } from '../domain/serialize.ts';
import { policyFor } from '../domain/sla.ts';
import { allowedEvents, progressRequired } from '../domain/ticket.ts';
import { clockView } from '../domain/views.ts';
import { assertCanSee, calendarOf, deskRole, summaries, ticketRow, unitRef, type TicketRow } from '../queries.ts';

/** A ticket with its clocks, the events the caller may send, its timeline (a customer: their part) and attachments. */
export async function getTicket(d: Deps, ctx: Ctx, id: string) {
  const row = await ticketRow(d, id);
  assertCanSee(d, ctx, row);
  const db = d.database.db;
  const [events, cycles, attachments] = await Promise.all([
    db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, id)).orderBy(asc(ticketEvents.at), asc(ticketEvents.id)),
    db.select().from(ticketCycles).where(eq(ticketCycles.ticketId, id)).orderBy(asc(ticketCycles.cycle)),
    listFiles(db, 'ticket', id),
  ]);
  return ticketDetail(d, ctx, row, { events, cycles, attachments });
}

export interface TicketParts {
  events: (typeof ticketEvents.$inferSelect)[];
  cycles: (typeof ticketCycles.$inferSelect)[];
  attachments: Awaited<ReturnType<typeof listFiles>>;
}

/** The detail of a ticket whose timeline, closed cycles and attachments are in hand (intake knows a new ticket's: no re-read). */
export async function ticketDetail(d: Deps, ctx: Ctx, row: TicketRow, { events, cycles, attachments }: TicketParts) {
  const [summary] = await summaries(d, [row]);
  const t = ticketFromJson(row.state);
  const now = d.clock.now();
  const cal = calendarOf(d);
  const role = deskRole(d, ctx, row);
  const policy = policyFor(await d.policies.get(), t.requestType);
  const names = await d.identity.namesOf(events.map((e) => e.actorId));
  const contractNumber = row.contractId ? ((await d.contractOwner(row.contractId))?.number ?? null) : null;
  return {
    ...summary,
    description: row.description,
    contract: row.contractId ? { id: row.contractId, number: contractNumber } : null,
    clocks: clockView(t.clocks, now, cal),
    previousCycles: cycles.map((c) => clockView(c.clocks as ClockSet, now, cal)),
    allowedEvents: role ? allowedEvents(t, role) : [],
    progressRequired: progressRequired(t, now, policy, cal),
    progress: t.progress,
    resolvedAt: row.resolvedAt,
    closedAt: row.closedAt,
    answer: row.answer,
    events: events
      .filter((e) => !ctx.actor.customerId || e.visibility === 'customer')
      .map((e) => ({
        id: e.id,
        at: e.at,
        actorName: (e.actorId && names.get(e.actorId)) || e.actorName,
        actorUnit: unitRef(d, e.actorUnitId),
        kind: e.kind,
        event: e.event,
        visibility: e.visibility,
        body: e.body,
        data: e.data as Record<string, unknown> | null,
      })),
    attachments,
  };
}
