import type { Executor } from '../../db/client.ts';
import { updateVersioned } from '../../db/versioned.ts';
import type { Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { ticketEvents, tickets } from './db/schema.ts';
import type { Deps } from './deps.ts';
import type { TicketRow } from './queries.ts';

/** Shared writes of the support module: the versioned save and the timeline. */

/** Saves a patch if nobody changed the row since it was read (CONFLICT otherwise). */
export async function saveTicket(d: Deps, tx: Executor, row: TicketRow, patch: Partial<TicketRow>): Promise<TicketRow> {
  return updateVersioned(tx, { table: tickets, entityType: 'ticket', row, patch, now: d.clock.now() });
}

export interface TimelineEntry {
  visibility: 'internal' | 'customer';
  body?: string | null;
  data?: unknown;
}

/** Adds an event (or, with no event, a comment) to the ticket's timeline and answers it; no `ctx` is the SLA job. */
export async function appendTimeline(d: Deps, tx: Executor, ctx: Ctx | null, row: TicketRow, event: string | null, e: TimelineEntry): Promise<typeof ticketEvents.$inferSelect> {
  const now = d.clock.now();
  const values: typeof ticketEvents.$inferSelect = {
    id: newId('ticketEvent', now),
    ticketId: row.id,
    at: now,
    actorId: ctx?.actor.id ?? null,
    actorName: ctx?.actor.name ?? 'system:sla',
    actorUnitId: ctx?.actor.orgUnitId ?? null,
    kind: event ? 'event' : 'comment',
    event,
    visibility: e.visibility,
    body: e.body ?? null,
    data: e.data === undefined ? null : JSON.parse(JSON.stringify(e.data)),
  };
  await tx.insert(ticketEvents).values(values);
  return values;
}
