import type { TicketStatus } from '../contract.ts';
import type { Deps } from '../deps.ts';
import { ticketByReviewToken } from '../queries.ts';

/** The review link of the answer e-mail: no sign-in, the token is the key, valid until the ticket closes. */
export async function readReview(d: Deps, token: string) {
  const row = await ticketByReviewToken(d, token);
  return { number: row.number, subject: row.subject, answer: row.answer, status: row.status as TicketStatus };
}
