import type { Ctx } from '../../../platform/context.ts';
import type { Deps } from '../deps.ts';
import { exportRow } from '../domain/views.ts';
import { listTickets, type TicketFilter } from './list-tickets.ts';

/** Rows for CSV/Excel export (the same filter and visibility as the queue, up to 10,000 rows). */
export async function exportTickets(d: Deps, ctx: Ctx, f: Omit<TicketFilter, 'page' | 'pageSize'>) {
  const page = await listTickets(d, ctx, { ...f, page: 1, pageSize: 10_000 });
  return page.items.map(exportRow);
}
