import { and, asc, eq, inArray, isNotNull, lte } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { systemCtx } from '../../../platform/context.ts';
import { redactError } from '../../../platform/log.ts';
import { tickets } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { evaluate, markNotified, type Evaluation } from '../domain/clocks.ts';
import { ticketDeadlines } from '../domain/deadlines.ts';
import { breachManagers, clockLabel, formatDateTime } from '../domain/notices.ts';
import { ticketFromJson, ticketToJson } from '../domain/serialize.ts';
import { policyFor, type SlaPolicyTable } from '../domain/sla.ts';
import { autoCloseDue, DEFAULT_AUTO_CLOSE_DAYS, progressRequired } from '../domain/ticket.ts';
import { calendarOf, OPEN, type TicketRow } from '../queries.ts';
import { tellUnit } from '../notify.ts';
import { appendTimeline, saveTicket } from '../persist.ts';
import { applyEventLocked } from './apply-ticket-event.ts';

/** The minute job (F4): warnings, breaches, progress after 48 h, auto-close. */
export const SLA_CHECK_QUEUE = 'support.sla_check';

/** Who acts when the SLA job escalates or closes a ticket. */
const SLA_CTX = systemCtx('system:sla');

/** Open tickets whose next SLA check time has come. */
const dueForCheck = (now: Date) => and(inArray(tickets.status, OPEN), isNotNull(tickets.nextCheckAt), lte(tickets.nextCheckAt, now));

/**
 * Looks at every ticket whose next check time has come, each in a transaction of its own: a ticket
 * that cannot be checked is logged and left for the next run while the others go on. Each is locked
 * and skipped if another worker holds it or has just checked it, and its notifications are queued in
 * the same transaction that marks them sent: two workers never escalate the same breach twice.
 */
export async function checkSla(d: Deps, limit = 200): Promise<number> {
  const now = d.clock.now();
  const policies = await d.policies.get();
  const db = d.database.db;
  const due = await db.select({ id: tickets.id }).from(tickets).where(dueForCheck(now)).orderBy(asc(tickets.nextCheckAt)).limit(limit);
  let handled = 0;
  for (const { id } of due) {
    try {
      if (await db.transaction((tx) => checkTicket(d, tx, id, now, policies))) handled++;
    } catch (err) {
      d.log?.error({ err: redactError(err), ticket: id }, 'SLA check of a ticket failed; retried on the next run');
    }
  }
  return handled;
}

/** One ticket's SLA check; false when another worker holds it or has checked it meanwhile. */
async function checkTicket(d: Deps, tx: Executor, id: string, now: Date, policies: SlaPolicyTable): Promise<boolean> {
  const [row] = await tx.select().from(tickets).where(and(eq(tickets.id, id), dueForCheck(now))).for('update', { skipLocked: true });
  if (!row) return false;
  let t = ticketFromJson(row.state);
  if (autoCloseDue(t, now, DEFAULT_AUTO_CLOSE_DAYS)) {
    await applyEventLocked(d, tx, SLA_CTX, row, 'system', { event: 'auto_close' });
    return true;
  }
  const cal = calendarOf(d);
  const policy = policyFor(policies, t.requestType);
  const found = evaluate(t.clocks, now, policy, cal);
  if (found.warnings.length || found.breaches.length) {
    await escalate(d, tx, row, found);
    t = { ...t, clocks: markNotified(t.clocks, found, now) };
  }
  const progress = progressRequired(t, now, policy, cal);
  const remindedAt = (row.state as { progressReminderFor?: string }).progressReminderFor;
  const sinceKey = progress.required ? progress.since.toISOString() : undefined;
  if (progress.required && remindedAt !== sinceKey) {
    await tellUnit(d, tx, row, 'quá 48 giờ: TT CNTT cần cập nhật tiến độ và thời gian dự kiến hoàn thành', '', ['gpth', 'product_ctkv']);
    await appendTimeline(d, tx, SLA_CTX, row, 'progress_required', { visibility: 'internal', body: `Cần cập nhật tiến độ (${progress.reason})` });
  }
  await saveTicket(d, tx, row, {
    state: { ...(ticketToJson(t) as object), ...(sinceKey ? { progressReminderFor: sinceKey } : {}) },
    ...ticketDeadlines(t, now, policy, cal, progress.required),
    warned: row.warned || found.warnings.length > 0,
    breached: row.breached || found.breaches.length > 0,
  });
  return true;
}

/** Warning → the unit holding the ticket; breach → also the next level's manager (F4 escalation). */
async function escalate(d: Deps, tx: Executor, row: TicketRow, found: Evaluation) {
  for (const w of found.warnings) {
    await tellUnit(d, tx, row, `sắp quá hạn (${clockLabel(w.stage)}: hạn ${formatDateTime(w.dueAt)})`);
    await appendTimeline(d, tx, null, row, 'sla_warning', { visibility: 'internal', body: `Cảnh báo sắp quá hạn: ${clockLabel(w.stage)}`, data: w });
  }
  for (const b of found.breaches) {
    const managers = breachManagers(b.stage);
    await tellUnit(d, tx, row, `QUÁ HẠN (${clockLabel(b.stage)}), chuyển cấp quản lý`, `Hạn: ${formatDateTime(b.dueAt)}`, managers);
    const body = `Quá hạn: ${clockLabel(b.stage)} — đã báo ${managers.join(', ')}`;
    await appendTimeline(d, tx, null, row, 'sla_breach', { visibility: 'internal', body, data: b });
    await d.audit.record(tx, SLA_CTX, { action: 'ticket.sla_breached', entityType: 'ticket', entityId: row.id, after: b });
  }
}
