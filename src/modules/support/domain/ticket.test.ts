import { describe, expect, it } from 'vitest';
import { clockOf, dueAt, evaluate } from './clocks.ts';
import { DEFAULT_SLA_POLICIES, type SlaPolicyTable } from './sla.ts';
import {
  allowedEvents,
  applyEvent,
  autoCloseDue,
  progressRequired,
  receive,
  type ReceiveInput,
  type Ticket,
  type TicketCommand,
} from './ticket.ts';

const at = (iso: string) => new Date(iso);
const policies = DEFAULT_SLA_POLICIES;

const ctx = (role: string, when: string, extra: { policies?: SlaPolicyTable; autoCloseAfterDays?: number } = {}) => ({
  now: at(when),
  role,
  policies,
  ...extra,
});
const open = (input: ReceiveInput, role: string, when: string) => receive(input, ctx(role, when)).ticket;
const act = (t: Ticket, cmd: TicketCommand, role: string, when: string, extra = {}) => applyEvent(t, cmd, ctx(role, when, extra)).ticket;
const code = (code: string) => expect.objectContaining({ code });

describe('level 1: answered at intake', () => {
  it('a question on 9090 is answered by the call center and closed by the customer', () => {
    const t = open({ requestType: 'question', channel: 'hotline_9090' }, 'call_center', '2026-03-10T09:00:00+07:00');
    expect(t).toMatchObject({ status: 'new', level: 1, assigneeStage: 'receiver', reopenCount: 0 });
    expect(allowedEvents(t, 'call_center')).toEqual(['answer_at_intake', 'reclassify', 'update_progress', 'request_info']);
    expect(allowedEvents(t, 'product_ctkv')).toEqual([]);

    const { ticket: answered, entry } = applyEvent(t, { event: 'answer_at_intake', answer: 'Cước gói Basic là 500.000đ/tháng' }, ctx('call_center', '2026-03-10T09:05:00+07:00'));
    expect(answered).toMatchObject({ status: 'resolved', resolvedStage: 'receiver', resolvedAt: at('2026-03-10T09:05:00+07:00') });
    expect(clockOf(answered.clocks, 'total')).toMatchObject({ state: 'met', consumedMin: 5 });
    expect(clockOf(answered.clocks, 'receiver')).toMatchObject({ state: 'met', consumedMin: 5, targetMin: 240 });
    expect(entry).toMatchObject({ event: 'answer_at_intake', role: 'call_center', from: { status: 'new', stage: 'receiver' }, to: { status: 'resolved' } });

    expect(allowedEvents(answered, 'customer')).toEqual(['review_satisfied', 'review_not_satisfied']);
    const closed = act(answered, { event: 'review_satisfied' }, 'customer', '2026-03-10T10:00:00+07:00');
    expect(closed.status).toBe('closed');
    expect(allowedEvents(closed, 'customer')).toEqual([]);
  });

  it('only a level-1 ticket at the receiver can be answered at intake', () => {
    const t = open({ requestType: 'activation', channel: 'am_kam' }, 'am', '2026-03-10T09:00:00+07:00');
    expect(t).toMatchObject({ status: 'new', level: 2, assigneeStage: 'ctkv' }); // handed to CTKV on receipt
    expect(() => act(t, { event: 'answer_at_intake', answer: 'x' }, 'am', '2026-03-10T09:05:00+07:00')).toThrow(code('INVALID_TRANSITION'));
  });
});

describe('levels 3–4: CTKV then TT CNTT (4 h + 44 h = 48 h)', () => {
  const received = open({ requestType: 'incident', channel: 'hotline_product_support' }, 'call_center', '2026-03-09T09:00:00+07:00');
  const forwarded = act(received, { event: 'forward', reason: 'Lỗi hệ thống, cần TT CNTT' }, 'product_ctkv', '2026-03-09T12:00:00+07:00');

  it('each unit sees only its own buttons', () => {
    expect(received).toMatchObject({ status: 'new', level: 3, assigneeStage: 'ctkv' });
    expect(allowedEvents(received, 'call_center')).toEqual(['update_progress']);
    expect(allowedEvents(received, 'product_ctkv')).toEqual(['forward', 'reclassify', 'update_progress', 'request_info']); // no resolve: level 3 is TT CNTT's
    expect(allowedEvents(received, 'gpth')).toEqual([]);
    expect(allowedEvents(received, 'admin')).toEqual([]);
    expect(() => act(received, { event: 'forward', reason: 'x' }, 'call_center', '2026-03-09T10:00:00+07:00')).toThrow(code('FORBIDDEN'));
    expect(() => act(received, { event: 'resolve', answer: 'x' }, 'product_ctkv', '2026-03-09T10:00:00+07:00')).toThrow(code('INVALID_TRANSITION'));
  });

  it('forward needs a reason, stops CTKV (met at 3 h) and starts TT CNTT', () => {
    expect(() => act(received, { event: 'forward', reason: '  ' }, 'product_ctkv', '2026-03-09T12:00:00+07:00')).toThrow(code('VALIDATION_FAILED'));
    expect(forwarded).toMatchObject({ status: 'in_progress', assigneeStage: 'ttcntt' });
    expect(clockOf(forwarded.clocks, 'ctkv')).toMatchObject({ state: 'met', consumedMin: 180 });
    expect(dueAt(clockOf(forwarded.clocks, 'ttcntt')!, at('2026-03-09T12:00:00+07:00'), 'elapsed')).toEqual(at('2026-03-11T08:00:00+07:00'));
    expect(allowedEvents(forwarded, 'gpth')).toEqual(['reclassify', 'update_progress', 'request_info', 'resolve']);
    const breaches = evaluate(forwarded.clocks, at('2026-03-11T08:01:00+07:00'), policies.incident).breaches;
    expect(breaches.map((b) => b.stage)).toEqual(['ttcntt']);
  });

  it('past 48 h TT CNTT must post progress with an expected completion time', () => {
    const p = policies.incident;
    expect(progressRequired(forwarded, at('2026-03-11T08:59:00+07:00'), p)).toEqual({ required: false });
    expect(progressRequired(forwarded, at('2026-03-11T09:01:00+07:00'), p)).toEqual({ required: true, reason: 'overdue', since: at('2026-03-11T09:00:00+07:00') });

    expect(() => act(forwarded, { event: 'update_progress', note: 'Đang xử lý' }, 'gpth', '2026-03-11T09:30:00+07:00')).toThrow(code('VALIDATION_FAILED'));
    expect(() =>
      act(forwarded, { event: 'update_progress', note: 'Đang xử lý', expectedCompletionAt: at('2026-03-11T09:00:00+07:00') }, 'gpth', '2026-03-11T09:30:00+07:00'),
    ).toThrow(code('VALIDATION_FAILED'));
    const promised = act(forwarded, { event: 'update_progress', note: 'Chờ đối tác vá lỗi', expectedCompletionAt: at('2026-03-11T17:00:00+07:00') }, 'gpth', '2026-03-11T09:30:00+07:00');
    expect(promised.progress).toEqual({ at: at('2026-03-11T09:30:00+07:00'), expectedCompletionAt: at('2026-03-11T17:00:00+07:00') });
    expect(progressRequired(promised, at('2026-03-11T16:59:00+07:00'), p)).toEqual({ required: false });
    expect(progressRequired(promised, at('2026-03-11T17:00:00+07:00'), p)).toMatchObject({ required: true, reason: 'promise_passed' });

    // A policy may ask for a fresh update every 4 h; a plain note is fine while none is due.
    const every4h = { ...p, progressEveryMin: 240 };
    expect(progressRequired(promised, at('2026-03-11T13:29:00+07:00'), every4h)).toEqual({ required: false });
    expect(progressRequired(promised, at('2026-03-11T13:30:00+07:00'), every4h)).toMatchObject({ required: true, reason: 'stale' });
    expect(act(promised, { event: 'update_progress', note: 'Đã liên hệ đối tác' }, 'gpth', '2026-03-11T10:00:00+07:00').progress).toEqual(promised.progress);

    const resolved = act(promised, { event: 'resolve', answer: 'Đã khắc phục' }, 'gpth', '2026-03-11T16:00:00+07:00');
    expect(resolved).toMatchObject({ status: 'resolved', resolvedStage: 'ttcntt' });
    expect(clockOf(resolved.clocks, 'total')).toMatchObject({ state: 'breached', breachedAt: at('2026-03-11T09:00:00+07:00') });
    expect(progressRequired(resolved, at('2026-03-12T09:00:00+07:00'), p)).toEqual({ required: false });
  });
});

describe('waiting for the customer', () => {
  it('request_info pauses the clocks overnight, customer_replied resumes them', () => {
    const t = open({ requestType: 'activation', channel: 'web_portal' }, 'customer', '2026-03-10T16:00:00+07:00');
    const waiting = act(t, { event: 'request_info', question: 'Xin mã số thuế của doanh nghiệp' }, 'product_ctkv', '2026-03-10T17:00:00+07:00');
    expect(waiting.status).toBe('waiting_customer');
    expect(allowedEvents(waiting, 'product_ctkv')).toEqual(['customer_replied', 'update_progress']);
    expect(allowedEvents(waiting, 'customer')).toEqual(['customer_replied']);
    expect(() => act(waiting, { event: 'resolve', answer: 'x' }, 'product_ctkv', '2026-03-10T18:00:00+07:00')).toThrow(code('INVALID_TRANSITION'));

    const back = act(waiting, { event: 'customer_replied', message: '0101234567' }, 'customer', '2026-03-11T08:30:00+07:00');
    expect(back).toMatchObject({ status: 'in_progress', assigneeStage: 'ctkv' });
    expect(dueAt(clockOf(back.clocks, 'ctkv')!, at('2026-03-11T08:30:00+07:00'), 'elapsed')).toEqual(at('2026-03-11T11:30:00+07:00'));
  });
});

describe('reclassification', () => {
  it('needs a reason and a change', () => {
    const t = open({ requestType: 'question', channel: 'email' }, 'call_center', '2026-03-10T09:00:00+07:00');
    expect(() => act(t, { event: 'reclassify', level: 2, reason: '' }, 'call_center', '2026-03-10T09:10:00+07:00')).toThrow(code('VALIDATION_FAILED'));
    expect(() => act(t, { event: 'reclassify', level: 1, reason: 'x' }, 'call_center', '2026-03-10T09:10:00+07:00')).toThrow(code('VALIDATION_FAILED'));
  });

  it('a level-1 question the receiver cannot answer goes to CTKV', () => {
    const t = open({ requestType: 'question', channel: 'hotline_18001090' }, 'call_center', '2026-03-10T09:00:00+07:00');
    const up = act(t, { event: 'reclassify', level: 2, reason: 'Cần tra cứu cước chi tiết' }, 'call_center', '2026-03-10T09:10:00+07:00');
    expect(up).toMatchObject({ status: 'in_progress', level: 2, assigneeStage: 'ctkv', requestType: 'question' });
    expect(clockOf(up.clocks, 'receiver')).toMatchObject({ state: 'met', consumedMin: 10 });
    expect(clockOf(up.clocks, 'ctkv')).toMatchObject({ state: 'running', targetMin: 240 });
  });

  it('TT CNTT sends a level-2 ticket back to CTKV, whose clock continues', () => {
    const t = open({ requestType: 'integration', channel: 'ctkv_khdn' }, 'kam', '2026-03-10T09:00:00+07:00');
    const fwd = act(t, { event: 'forward', reason: 'Tích hợp API' }, 'product_ctkv', '2026-03-10T10:00:00+07:00');
    const down = act(fwd, { event: 'reclassify', level: 2, reason: 'Chỉ cần cấu hình lại tài khoản' }, 'gpth', '2026-03-10T11:00:00+07:00');
    expect(down).toMatchObject({ level: 2, assigneeStage: 'ctkv' });
    expect(clockOf(down.clocks, 'ttcntt')).toMatchObject({ state: 'met', consumedMin: 60 });
    expect(clockOf(down.clocks, 'ctkv')).toMatchObject({ state: 'running', consumedMin: 60 });
    expect(allowedEvents(down, 'product_ctkv')).toContain('resolve');
  });

  it('a new request type brings its own budgets', () => {
    const t = open({ requestType: 'question', channel: 'hotline_9090' }, 'call_center', '2026-03-10T09:00:00+07:00');
    const incident = act(t, { event: 'reclassify', level: 3, requestType: 'incident', reason: 'Dịch vụ gián đoạn' }, 'call_center', '2026-03-10T14:00:00+07:00');
    expect(incident).toMatchObject({ level: 3, requestType: 'incident', assigneeStage: 'ctkv' });
    const total = clockOf(incident.clocks, 'total')!;
    expect(total).toMatchObject({ targetMin: 2880, consumedMin: 300 });
    expect(dueAt(total, at('2026-03-10T14:00:00+07:00'), 'elapsed')).toEqual(at('2026-03-12T09:00:00+07:00'));
  });
});

describe('review and reopen', () => {
  const t = open({ requestType: 'config_change', channel: 'my_mobifone' }, 'customer', '2026-03-10T09:00:00+07:00');
  const resolved = act(t, { event: 'resolve', answer: 'Đã đổi cấu hình' }, 'product_ctkv', '2026-03-10T11:00:00+07:00');

  it('not satisfied reopens at the unit that answered, with a new cycle; the old one comes back for reports', () => {
    const r = applyEvent(resolved, { event: 'review_not_satisfied', comment: 'Vẫn lỗi' }, ctx('customer', '2026-03-11T09:00:00+07:00'));
    expect(r.ticket).toMatchObject({ status: 'reopened', assigneeStage: 'ctkv', reopenCount: 1, resolvedAt: null, resolvedStage: null });
    expect(r.previousCycle).toBe(resolved.clocks);
    expect(r.previousCycle!.cycle).toBe(1);
    expect(clockOf(r.previousCycle!, 'ctkv')).toMatchObject({ state: 'met', consumedMin: 120 });
    expect(r.ticket.clocks.cycle).toBe(2);
    expect(clockOf(r.ticket.clocks, 'ctkv')).toMatchObject({ state: 'running', consumedMin: 0, startedAt: at('2026-03-11T09:00:00+07:00') });

    const again = act(r.ticket, { event: 'resolve', answer: 'Đã đổi lại' }, 'product_ctkv', '2026-03-11T10:00:00+07:00');
    expect(again.status).toBe('resolved');
    expect(act(again, { event: 'review_satisfied' }, 'call_center', '2026-03-11T11:00:00+07:00').status).toBe('closed');
  });

  it('auto-closes after the review period, by the system only', () => {
    expect(allowedEvents(resolved, 'system')).toEqual(['auto_close']);
    expect(autoCloseDue(resolved, at('2026-03-17T10:59:00+07:00'))).toBe(false);
    expect(autoCloseDue(resolved, at('2026-03-17T11:00:00+07:00'))).toBe(true);
    expect(() => act(resolved, { event: 'auto_close' }, 'system', '2026-03-16T11:00:00+07:00')).toThrow(code('INVALID_TRANSITION'));
    expect(act(resolved, { event: 'auto_close' }, 'system', '2026-03-17T11:00:00+07:00').status).toBe('closed');
    expect(act(resolved, { event: 'auto_close' }, 'system', '2026-03-13T11:00:00+07:00', { autoCloseAfterDays: 3 }).status).toBe('closed');
    expect(() => act(resolved, { event: 'auto_close' }, 'customer', '2026-03-17T11:00:00+07:00')).toThrow(code('FORBIDDEN'));
  });
});

describe('intake rules', () => {
  it('only receivers, customers and the system open tickets; customers only on their own channels and without a level', () => {
    expect(() => open({ requestType: 'question', channel: 'email' }, 'gpth', '2026-03-10T09:00:00+07:00')).toThrow(code('FORBIDDEN'));
    expect(() => open({ requestType: 'question', channel: 'hotline_9090' }, 'customer', '2026-03-10T09:00:00+07:00')).toThrow(code('VALIDATION_FAILED'));
    expect(() => open({ requestType: 'question', channel: 'email', level: 2 }, 'customer', '2026-03-10T09:00:00+07:00')).toThrow(code('VALIDATION_FAILED'));
    expect(() => open({ requestType: 'bogus' as never, channel: 'email' }, 'system', '2026-03-10T09:00:00+07:00')).toThrow(code('VALIDATION_FAILED'));
  });

  it('staff may classify on intake: a level-4 incident starts at CTKV like level 3', () => {
    const t = open({ requestType: 'incident', channel: 'letter', level: 4 }, 'am', '2026-03-10T09:00:00+07:00');
    expect(t).toMatchObject({ level: 4, assigneeStage: 'ctkv' });
    expect(t.clocks.clocks.map((c) => [c.stage, c.state])).toEqual([
      ['total', 'running'],
      ['ctkv', 'running'],
      ['ttcntt', 'pending'],
    ]);
  });
});
