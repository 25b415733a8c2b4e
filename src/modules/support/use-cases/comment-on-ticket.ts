import type { Ctx } from '../../../platform/context.ts';
import type { Deps } from '../deps.ts';
import { assertCanSee, lockTicket } from '../queries.ts';
import { tellCustomer } from '../notify.ts';
import { appendTimeline } from '../persist.ts';
import { applyEventLocked } from './apply-ticket-event.ts';
import { getTicket } from './get-ticket.ts';

/** A comment on the timeline: internal, or to the customer (e-mailed); a customer's always reaches the desk. */
export async function commentOnTicket(d: Deps, ctx: Ctx, id: string, body: string, visibility: 'internal' | 'customer') {
  await d.database.db.transaction(async (tx) => {
    const row = await lockTicket(tx, id);
    assertCanSee(d, ctx, row);
    const isCustomer = !!ctx.actor.customerId;
    if (isCustomer && row.status === 'waiting_customer') {
      // A customer answering the desk's question resumes the clocks (F4 pause ends).
      return applyEventLocked(d, tx, ctx, row, 'customer', { event: 'customer_replied', message: body });
    }
    const shown = isCustomer ? 'customer' : visibility;
    await appendTimeline(d, tx, ctx, row, null, { visibility: shown, body });
    await d.audit.record(tx, ctx, { action: 'ticket.commented', entityType: 'ticket', entityId: id, after: { visibility: shown } });
    if (!isCustomer && visibility === 'customer') await tellCustomer(d, tx, row, 'update_progress', body);
  });
  return getTicket(d, ctx, id);
}
