import type { Ctx } from '../../../platform/context.ts';
import type { TicketStatus } from '../contract.ts';
import type { Deps } from '../deps.ts';
import { lockTicket, ticketByReviewToken, ticketRow } from '../queries.ts';
import { applyEventLocked } from './apply-ticket-event.ts';

/** The customer reviews the answer from the e-mailed link: satisfied closes the ticket, not satisfied reopens it. */
export async function reviewAnswer(d: Deps, token: string, satisfied: boolean, comment?: string) {
  const row = await ticketByReviewToken(d, token);
  const ctx: Ctx = {
    actor: { kind: 'user', id: null, name: `customer:${row.number}`, roles: ['customer'], orgUnitId: null, orgUnitPath: null, customerId: row.customerId },
    locale: 'vi',
  };
  await d.database.db.transaction(async (tx) => {
    const locked = await lockTicket(tx, row.id);
    await applyEventLocked(d, tx, ctx, locked, 'customer', satisfied ? { event: 'review_satisfied', comment } : { event: 'review_not_satisfied', comment });
  });
  const after = await ticketRow(d, row.id);
  return { status: after.status as TicketStatus };
}
