import type { Executor } from '../../db/client.ts';
import type { Deps } from './deps.ts';
import { STAGE_LABELS, type Stage } from './domain/levels.ts';
import { EVENT_TEXT } from './domain/notices.ts';
import { STAGE_ROLES } from './domain/ticket.ts';
import type { TicketRow } from './queries.ts';

/** The e-mails about a ticket, queued in the caller's transaction. */

/** E-mails the ticket's customer, if they have an address (queued in the caller's transaction). */
export async function tellCustomer(
  d: Deps,
  tx: Executor,
  row: TicketRow,
  event: string,
  detail: string,
  link?: { url: string; text: string },
  /** The ticket's customer when the caller has it already (intake): no second read. */
  known?: { email: string | null } | null,
) {
  const customer = known !== undefined ? known : row.customerId ? await d.customers.row(row.customerId, tx).catch(() => null) : null;
  if (!customer?.email) return;
  const { url, text } = link ?? { url: `${d.publicBaseUrl}/my-requests`, text: 'Xem yêu cầu' };
  await d.notifications.email(tx, {
    to: customer.email,
    template: 'ticket.customer_update',
    locale: 'vi',
    data: { number: row.number, subject: row.subject, event: EVENT_TEXT[event] ?? event, detail, link: url, linkText: text },
    related: { type: 'ticket', id: row.id },
  });
}

/** E-mails the people of the unit holding the ticket (or the given roles, for escalations). */
export async function tellUnit(d: Deps, tx: Executor, row: TicketRow, event: string, detail = '', roles?: string[]) {
  const stageRoles = roles ?? [...STAGE_ROLES[row.assigneeStage as Stage]].filter((r) => r !== 'am' && r !== 'kam');
  const emails = new Set<string>();
  for (const role of stageRoles) {
    const underUnit = role === 'product_ctkv' || role === 'approver_ctkv' ? row.ctkvUnitId : null;
    for (const e of await d.identity.emailsOfRole(role, underUnit, tx)) emails.add(e);
  }
  const stage = STAGE_LABELS[row.assigneeStage as Stage]?.vi ?? row.assigneeStage;
  for (const to of emails) {
    await d.notifications.email(tx, {
      to,
      template: 'ticket.staff_update',
      locale: 'vi',
      data: { number: row.number, subject: row.subject, level: row.level, stage, event, detail, link: `${d.publicBaseUrl}/tickets/${row.id}` },
      related: { type: 'ticket', id: row.id },
    });
  }
}
