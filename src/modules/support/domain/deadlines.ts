import type { WorkCalendar } from '../../../platform/calendar.ts';
import { addClockMinutes, consumed, dueAt } from './clocks.ts';
import { warningPoint, type SlaPolicy } from './sla.ts';
import { DEFAULT_AUTO_CLOSE_DAYS, type Ticket } from './ticket.ts';

/** The deadlines a ticket row keeps for queues, and when the SLA job should look at it again. */
export interface TicketDeadlines {
  /** When the total clock runs out. */
  dueAt: Date | null;
  /** When the clock of the stage holding the ticket runs out. */
  stageDueAt: Date | null;
  /** Null when nothing is left to check (closed, or no clock running). */
  nextCheckAt: Date | null;
}

const HOUR_MS = 60 * 60_000;

/**
 * The next check is the earliest of: a running clock reaching its warning point (unless warned), a
 * clock passing its due time (unless breached, one second after), an hourly progress reminder while
 * progress is due or TT CNTT holds a ticket past its total time, and for a resolved ticket its auto-close.
 */
export function ticketDeadlines(t: Ticket, now: Date, policy: SlaPolicy, cal: WorkCalendar, progressDue = false): TicketDeadlines {
  const mode = t.clocks.mode;
  const total = t.clocks.clocks.find((c) => c.stage === 'total');
  const stage = t.clocks.clocks.find((c) => c.stage === t.assigneeStage);
  const totalDue = total ? dueAt(total, now, mode, cal) : null;
  const stageDue = stage ? dueAt(stage, now, mode, cal) : null;
  if (t.status === 'closed') return { dueAt: totalDue, stageDueAt: stageDue, nextCheckAt: null };
  if (t.status === 'resolved') {
    return { dueAt: totalDue, stageDueAt: stageDue, nextCheckAt: new Date((t.resolvedAt ?? now).getTime() + DEFAULT_AUTO_CLOSE_DAYS * 86_400_000) };
  }
  const points: Date[] = [];
  for (const c of t.clocks.clocks) {
    if (c.state !== 'running' || c.targetMin === null) continue;
    const used = consumed(c, now, mode, cal);
    const warnAt = warningPoint(c.targetMin, policy.warning);
    if (warnAt !== null && !c.notified?.warning && used < warnAt) points.push(addClockMinutes(mode, now, warnAt - used, cal));
    const due = dueAt(c, now, mode, cal);
    if (due && !c.notified?.breach) points.push(new Date(due.getTime() + 1000));
  }
  if (progressDue || (t.assigneeStage === 'ttcntt' && total?.notified?.breach)) points.push(new Date(now.getTime() + HOUR_MS));
  const next = points.length ? new Date(Math.max(now.getTime(), Math.min(...points.map((p) => p.getTime())))) : null;
  return { dueAt: totalDue, stageDueAt: stageDue, nextCheckAt: next };
}
