import type { Ticket } from './ticket.ts';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** The domain ticket as stored in a jsonb column (instants become ISO strings). */
export function ticketToJson(t: Ticket): unknown {
  return JSON.parse(JSON.stringify(t));
}

/** And back: every ISO instant string becomes a Date again (the ticket holds no other such strings). */
export function ticketFromJson(json: unknown): Ticket {
  return JSON.parse(JSON.stringify(json), (_k, v) => (typeof v === 'string' && ISO_INSTANT.test(v) ? new Date(v) : v)) as Ticket;
}
