import { describe, expect, it } from 'vitest';
import { createWorkCalendar } from '../../../platform/calendar.ts';
import { DEFAULT_SLA_POLICIES } from './sla.ts';
import { ticketDeadlines } from './deadlines.ts';
import { applyEvent, receive, type Ticket } from './ticket.ts';

const cal = createWorkCalendar();
const policy = DEFAULT_SLA_POLICIES.incident; // 4 h at CTKV + 44 h at TT CNTT, warning at 75 %
const at = (local: string) => new Date(`${local}+07:00`);
const ctx = (role: string, when: string) => ({ now: at(when), role, policies: DEFAULT_SLA_POLICIES, calendar: cal });
/** An incident received on Monday 09/03/2026 09:00: level 3, held by the CTKV. */
const received: Ticket = receive({ requestType: 'incident', channel: 'hotline_product_support' }, ctx('call_center', '2026-03-09T09:00:00')).ticket;
const deadlines = (t: Ticket, when: string, progressDue = false) => ticketDeadlines(t, at(when), policy, cal, progressDue);

describe('ticket deadlines and the next SLA check', () => {
  it('an open ticket is checked again at the first warning point of a running clock', () => {
    expect(deadlines(received, '2026-03-09T09:00:00')).toEqual({
      dueAt: at('2026-03-11T09:00:00'),
      stageDueAt: at('2026-03-09T13:00:00'),
      nextCheckAt: at('2026-03-09T12:00:00'), // 75 % of the CTKV's 4 h
    });
  });

  it('past the warning point (already warned) the next check is one second after the stage is due', () => {
    expect(deadlines(received, '2026-03-09T12:30:00').nextCheckAt).toEqual(new Date(at('2026-03-09T13:00:00').getTime() + 1000));
  });

  it('a progress reminder due brings the next check to within the hour', () => {
    expect(deadlines(received, '2026-03-09T09:00:00', true).nextCheckAt).toEqual(at('2026-03-09T10:00:00'));
  });

  it('a resolved ticket is checked when it may close by itself, a closed one never', () => {
    const activation = receive({ requestType: 'activation', channel: 'am_kam' }, ctx('am', '2026-03-09T09:00:00')).ticket; // level 2, CTKV answers
    const resolved = applyEvent(activation, { event: 'resolve', answer: 'Đã khắc phục' }, ctx('product_ctkv', '2026-03-09T10:00:00')).ticket;
    expect(deadlines(resolved, '2026-03-09T10:00:00').nextCheckAt).toEqual(at('2026-03-16T10:00:00'));
    const closed = applyEvent(resolved, { event: 'review_satisfied' }, ctx('customer', '2026-03-09T11:00:00')).ticket;
    expect(deadlines(closed, '2026-03-09T11:00:00')).toEqual({ dueAt: null, stageDueAt: null, nextCheckAt: null }) // its clocks are met;
  });
});
