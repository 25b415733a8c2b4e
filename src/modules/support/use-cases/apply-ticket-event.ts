import { randomBytes } from 'node:crypto';
import type { Executor } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { ticketCycles } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { ticketDeadlines } from '../domain/deadlines.ts';
import { STAGE_LABELS, type Stage } from '../domain/levels.ts';
import { commandText, formatDateTime, visibleToCustomer } from '../domain/notices.ts';
import { ticketFromJson, ticketToJson } from '../domain/serialize.ts';
import { policyFor } from '../domain/sla.ts';
import { applyEvent, type TicketCommand } from '../domain/ticket.ts';
import { assertCanSee, calendarOf, deskRole, lockTicket, unitFor, type TicketRow } from '../queries.ts';
import { tellCustomer, tellUnit } from '../notify.ts';
import { appendTimeline, saveTicket } from '../persist.ts';
import { getTicket } from './get-ticket.ts';

/** The flow (F3 steps 1.3–3.1 and the review): answer, forward, reclassify, progress, ask, reply, resolve, review. */
export async function applyTicketEvent(d: Deps, ctx: Ctx, id: string, cmd: TicketCommand) {
  await d.database.db.transaction(async (tx) => {
    const row = await lockTicket(tx, id);
    assertCanSee(d, ctx, row);
    const role = deskRole(d, ctx, row);
    if (!role) throw fail('FORBIDDEN', { ticket: id }, { vi: 'phiếu không ở bộ phận của bạn', en: 'the ticket is not with your unit' });
    await applyEventLocked(d, tx, ctx, row, role, cmd);
  });
  return getTicket(d, ctx, id);
}

/** One event on a ticket the caller has locked: state, deadlines, timeline, audit and e-mails in its transaction. */
export async function applyEventLocked(d: Deps, tx: Executor, ctx: Ctx, row: TicketRow, role: string, cmd: TicketCommand): Promise<void> {
  const now = d.clock.now();
  const policies = await d.policies.get(tx);
  const { ticket, previousCycle } = applyEvent(ticketFromJson(row.state), cmd, { now, role, policies, calendar: calendarOf(d) });
  if (previousCycle) {
    await tx.insert(ticketCycles).values({ ticketId: row.id, cycle: previousCycle.cycle, clocks: JSON.parse(JSON.stringify(previousCycle)), closedAt: now });
  }
  const answered = cmd.event === 'resolve' || cmd.event === 'answer_at_intake';
  const saved = await saveTicket(d, tx, row, {
    status: ticket.status,
    level: ticket.level,
    requestType: ticket.requestType,
    assigneeStage: ticket.assigneeStage,
    assigneeUnitId: unitFor(d, ticket.assigneeStage, row.ctkvUnitId, row.receiverUnitId),
    state: ticketToJson(ticket),
    ...ticketDeadlines(ticket, now, policyFor(policies, ticket.requestType), calendarOf(d)),
    reopenCount: ticket.reopenCount,
    resolvedAt: ticket.resolvedAt,
    ...(answered ? { answer: cmd.answer, reviewToken: randomBytes(24).toString('base64url') } : {}),
    ...(ticket.status === 'closed' ? { closedAt: now, reviewToken: null } : {}),
    ...(previousCycle ? { warned: false, breached: false, closedAt: null } : {}),
  });
  const text = commandText(cmd);
  await appendTimeline(d, tx, ctx, saved, cmd.event, { visibility: visibleToCustomer(cmd.event) ? 'customer' : 'internal', body: text, data: cmd });
  await d.audit.record(tx, ctx, {
    action: `ticket.${cmd.event}`,
    entityType: 'ticket',
    entityId: row.id,
    before: { status: row.status, stage: row.assigneeStage, level: row.level },
    after: { status: saved.status, stage: saved.assigneeStage, level: saved.level, ...cmd },
  });
  await notify(d, tx, row, saved, cmd, text ?? '');
}

/** Who hears of an event: the customer of answers and questions, the next unit of a hand-over. */
async function notify(d: Deps, tx: Executor, before: TicketRow, saved: TicketRow, cmd: TicketCommand, text: string) {
  const base = d.publicBaseUrl;
  if (cmd.event === 'resolve' || cmd.event === 'answer_at_intake') {
    await tellCustomer(d, tx, saved, cmd.event, text, { url: `${base}/review/${saved.reviewToken}`, text: 'Đánh giá kết quả xử lý' });
  }
  if (cmd.event === 'request_info') await tellCustomer(d, tx, saved, 'request_info', text, { url: `${base}/my-requests`, text: 'Trả lời' });
  if (cmd.event === 'update_progress' && cmd.expectedCompletionAt) {
    await tellCustomer(d, tx, saved, 'update_progress', `${text}\nDự kiến hoàn thành: ${formatDateTime(cmd.expectedCompletionAt)}`);
  }
  if (cmd.event === 'forward' || (cmd.event === 'reclassify' && saved.assigneeStage !== before.assigneeStage)) {
    await tellUnit(d, tx, saved, `được chuyển tới ${STAGE_LABELS[saved.assigneeStage as Stage].vi}`, text);
  }
  if (cmd.event === 'review_not_satisfied') {
    await tellCustomer(d, tx, saved, 'reopened', '');
    await tellUnit(d, tx, saved, 'khách hàng chưa hài lòng, mở lại', text);
  }
}
