import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA_POLICIES } from './sla.ts';
import { applyEvent, receive } from './ticket.ts';
import { ticketFromJson, ticketToJson } from './serialize.ts';

describe('ticket serialisation', () => {
  it('survives a jsonb round trip with its instants as Dates', () => {
    const now = new Date('2026-03-02T09:00:00+07:00');
    const ctx = { now, role: 'product_ctkv', policies: DEFAULT_SLA_POLICIES };
    const { ticket } = receive({ requestType: 'incident', channel: 'hotline_9090', level: 3 }, { ...ctx, role: 'call_center' });
    const paused = applyEvent(ticket, { event: 'request_info', question: 'Mã lỗi?' }, ctx).ticket;
    const back = ticketFromJson(JSON.parse(JSON.stringify(ticketToJson(paused))));
    expect(back).toEqual(paused);
    expect(back.clocks.pausedSince).toBeInstanceOf(Date);
  });
});
