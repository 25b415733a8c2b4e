import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, driver, noDatabase, type TestSystem } from '../../../test/system.ts';

const at = (local: string) => new Date(`${local}+07:00`);

describe.skipIf(noDatabase)('support desk: tickets, routing across units, time limits (F1–F4)', () => {
  let s: TestSystem;
  const logLines: string[] = [];
  const t: Record<string, string> = {};
  const users = ['admin', 'callcenter1', 'am1', 'product.ctkv1', 'gpth1', 'customer1', 'enterprise1', 'approver.ttcntt', 'approver.ctkv1'];
  const post = (who: string, url: string, body: unknown) => s.http('POST', url, { token: t[who], body });
  const get = (who: string, url: string) => s.http('GET', url, { token: t[who] });
  const act = (who: string, id: string, body: unknown) => post(who, `/api/v1/tickets/${id}/events`, body);
  const travel = async (local: string) => {
    s.clock.set(at(local));
    for (const u of users) t[u] = await s.login(u);
  };
  const mails = async (to: string, subject: RegExp) => {
    await s.jobs.drain();
    return s.simulators.smtp!.messages.filter((m) => m.to.includes(to) && subject.test(m.subject));
  };

  beforeAll(async () => {
    s = await createTestSystem({ now: '2026-03-02T02:00:00Z', logLines }); // Mon 02/03/2026 09:00
    for (const u of users) t[u] = await s.login(u);
  });
  afterAll(() => s?.close());

  it('the first SLA check of a freshly started process does not wait on itself (PGlite is one connection)', async () => {
    const fresh = await createTestSystem();
    try {
      await expect(fresh.support.checkSla()).resolves.toBe(0);
    } finally {
      await fresh.close();
    }
  });

  it('refuses bad intake with 400 and a code, and changes nothing', async () => {
    const good = { channel: 'hotline_9090', requestType: 'question', level: 1, subject: 'Hỏi giá', description: 'Giá Meeting?' };
    for (const bad of [{ ...good, requestType: 'complaint' }, { ...good, channel: 'pigeon' }, { ...good, level: 5 }, { ...good, level: 0 }, { ...good, subject: '' }, { ...good, subject: '   ' }, { ...good, extra: 1 }]) {
      const r = await post('callcenter1', '/api/v1/tickets', bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await get('admin', '/api/v1/tickets')).body.total).toBe(0);
    expect((await post('ops1', '/api/v1/tickets', good)).status).toBe(401);
    expect((await post('admin', '/api/v1/tickets', good)).status).toBe(403);
  });

  it('level 1: the call center answers at once; the customer is satisfied and the ticket closes', async () => {
    const r = await post('callcenter1', '/api/v1/tickets', { channel: 'hotline_9090', requestType: 'question', level: 1, subject: 'Giá MobiFone Meeting', description: 'Khách hỏi giá 5 phòng họp 12 tháng', customerPhone: '0901234567' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'new', level: 1, assigneeStage: 'receiver', customer: { name: 'Lý Thị Quỳnh' } });
    expect(r.body.number).toMatch(/^YC-2026-\d{6}$/);
    expect(new Date(r.body.dueAt).toISOString()).toBe(at('2026-03-02T13:00:00').toISOString());
    expect(r.body.allowedEvents).toContain('answer_at_intake');
    const answered = await act('callcenter1', r.body.id, { event: 'answer_at_intake', answer: '5 phòng × 12 tháng: 350.000 ₫/phòng/tháng, tổng 21.000.000 ₫.' });
    expect(answered.body.status).toBe('resolved');
    const [mail] = await mails('customer1@example.vn', /đã được trả lời/);
    const token = mail.text.match(/review\/([\w-]+)/)![1];
    expect((await s.http('GET', `/api/v1/tickets/review/${token}`)).body).toMatchObject({ answer: expect.stringContaining('21.000.000') });
    expect((await s.http('POST', `/api/v1/tickets/review/${token}`, { body: { satisfied: true } })).body.status).toBe('closed');
    expect((await s.http('POST', `/api/v1/tickets/review/${token}`, { body: { satisfied: true } })).status).toBe(404);
  });

  it('level 2: goes to the CTKV product department, which answers within its 4 hours', async () => {
    const r = await post('am1', '/api/v1/tickets', { channel: 'am_kam', requestType: 'activation', level: 2, subject: 'Kích hoạt thêm 2 phòng họp', description: 'Công ty Sao Mai cần kích hoạt', customerPhone: '0243123456' });
    expect(r.body).toMatchObject({ assigneeStage: 'ctkv', assigneeUnit: { code: 'CTKV1-KDCNS-SP' }, customer: { name: 'Công ty Cổ phần Tài chính Sao Mai' } });
    expect((await get('product.ctkv1', '/api/v1/tickets?scope=mine')).body.items.map((x: { id: string }) => x.id)).toContain(r.body.id);
    expect((await act('gpth1', r.body.id, { event: 'resolve', answer: 'x' })).status).toBe(403);
    s.clock.advanceMinutes(90);
    const done = await act('product.ctkv1', r.body.id, { event: 'resolve', answer: 'Đã kích hoạt 2 phòng họp, tài khoản quản trị giữ nguyên.' });
    expect(done.body.status).toBe('resolved');
    expect(done.body.clocks.items.find((c: { stage: string }) => c.stage === 'ctkv').state).toBe('met');
    expect((await mails('enterprise1@example.vn', /kết quả xử lý/)).length).toBe(1);
  });

  it('level 4 across units: intake → CTKV forwards → TT CNTT asks the customer (clock paused) → resolves → not satisfied → reopened → resolved → satisfied', async () => {
    await travel('2026-03-03T09:00:00');
    const r = await post('callcenter1', '/api/v1/tickets', { channel: 'hotline_18001090', requestType: 'integration', level: 4, subject: 'Tích hợp eKYC với core banking lỗi', description: 'API trả lỗi 500 khi gửi ảnh CCCD', customerPhone: '0243123456' });
    const id = r.body.id;
    expect(r.body.assigneeStage).toBe('ctkv');
    expect(new Date(r.body.dueAt).toISOString()).toBe(at('2026-03-05T09:00:00').toISOString()); // 48 h
    s.clock.advanceMinutes(60);
    expect((await act('product.ctkv1', id, { event: 'resolve', answer: 'x' })).body.error.code).toBe('INVALID_TRANSITION');
    const fwd = await act('product.ctkv1', id, { event: 'forward', reason: 'Cần TT CNTT và đối tác core banking' });
    expect(fwd.body).toMatchObject({ assigneeStage: 'ttcntt', assigneeUnit: { code: 'TTCNTT-GPTH' } });
    expect((await mails('gpth1@example.vn', /được chuyển tới/)).length).toBe(1);

    s.clock.advanceMinutes(60);
    const asked = await act('gpth1', id, { event: 'request_info', question: 'Xin mã giao dịch và thời điểm lỗi' });
    expect(asked.body).toMatchObject({ status: 'waiting_customer', clocks: { paused: true } });
    const dueWhilePaused = asked.body.dueAt;
    await travel('2026-03-04T11:00:00'); // a day waiting for the customer does not count
    const replied = await post('enterprise1', `/api/v1/tickets/${id}/comments`, { body: 'Mã giao dịch TX-889, lúc 08:15', visibility: 'customer' });
    expect(replied.body.status).toBe('in_progress');
    expect(new Date(replied.body.dueAt).getTime() - new Date(dueWhilePaused).getTime()).toBe(24 * 3_600_000);

    const resolved = await act('gpth1', id, { event: 'resolve', answer: 'Đã sửa lỗi giới hạn kích thước ảnh' });
    expect(resolved.body.status).toBe('resolved');
    const reopened = await act('enterprise1', id, { event: 'review_not_satisfied', comment: 'Vẫn lỗi với ảnh PNG' });
    expect(reopened.body).toMatchObject({ status: 'reopened', assigneeStage: 'ttcntt', reopenCount: 1 });
    expect(reopened.body.previousCycles).toHaveLength(1);
    expect(reopened.body.clocks.cycle).toBe(2);
    const again = await act('gpth1', id, { event: 'resolve', answer: 'Đã hỗ trợ PNG' });
    expect(again.body.status).toBe('resolved');
    const closed = await act('enterprise1', id, { event: 'review_satisfied', comment: 'OK' });
    expect(closed.body.status).toBe('closed');
    expect(closed.body.events.some((e: { event: string }) => e.event === 'forward')).toBe(false); // internal steps stay internal
    const events = (await get('gpth1', `/api/v1/tickets/${id}`)).body.events.map((e: { event: string }) => e.event);
    expect(events).toEqual(expect.arrayContaining(['receive', 'forward', 'request_info', 'customer_replied', 'resolve', 'review_not_satisfied', 'review_satisfied']));
  });

  it('a customer files from the portal, sees only their own, and never internal notes', async () => {
    const r = await post('customer1', '/api/v1/tickets', { channel: 'web_portal', requestType: 'config_change', subject: 'Đổi email quản trị', description: 'Đổi sang quynh@example.vn' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ level: 2, assigneeStage: 'ctkv' });
    await post('product.ctkv1', `/api/v1/tickets/${r.body.id}/comments`, { body: 'Ghi chú nội bộ: kiểm tra hợp đồng', visibility: 'internal' });
    const mine = await get('customer1', `/api/v1/tickets/${r.body.id}`);
    expect(mine.body.events.some((e: { body: string }) => e.body?.includes('nội bộ'))).toBe(false);
    const list = await get('customer1', '/api/v1/tickets');
    expect(list.body.items.every((x: { customer: { name: string } }) => x.customer.name === 'Lý Thị Quỳnh')).toBe(true);
    expect((await get('enterprise1', `/api/v1/tickets/${r.body.id}`)).status).toBe(404);
  });

  it('a breach is escalated once, a warning before it; after 48 h TT CNTT is asked for progress', async () => {
    await travel('2026-03-09T09:00:00');
    const r = await post('callcenter1', '/api/v1/tickets', { channel: 'hotline_9090', requestType: 'incident', level: 3, subject: 'Meeting mất tiếng', description: 'Không nghe được âm thanh', customerPhone: '0243123456' });
    const id = r.body.id;
    const ours = new RegExp(`${r.body.number}.*`);
    await travel('2026-03-09T12:01:00'); // 3 h 01 of CTKV's 4 h: past 75 %
    await s.support.checkSla();
    expect((await mails('product.ctkv1@example.vn', ours)).filter((m) => m.subject.includes('sắp quá hạn'))).toHaveLength(1);
    await travel('2026-03-09T13:00:01'); // CTKV's 4 h are over
    if (driver === 'postgres') {
      // Two worker processes over one database race for the same breach.
      const other = await createTestSystem({ databaseUrl: s.config.database.kind === 'postgres' ? s.config.database.url : undefined, now: s.clock.now().toISOString() });
      try {
        await Promise.all([s.support.checkSla(), other.support.checkSla(), s.support.checkSla(), other.support.checkSla()]);
      } finally {
        await other.close();
      }
    } else {
      await Promise.all([s.support.checkSla(), s.support.checkSla()]);
    }
    await s.support.checkSla();
    expect((await mails('approver.ctkv1@example.vn', ours)).filter((m) => m.subject.includes('QUÁ HẠN'))).toHaveLength(1);
    const detail = await get('admin', `/api/v1/tickets/${id}`);
    expect(detail.body).toMatchObject({ breached: true });
    expect(detail.body.events.filter((e: { event: string }) => e.event === 'sla_breach')).toHaveLength(1);
    expect((await get('admin', '/api/v1/tickets?breached=true')).body.items.map((x: { id: string }) => x.id)).toContain(id);

    await act('product.ctkv1', id, { event: 'forward', reason: 'Lỗi máy chủ media' });
    await travel('2026-03-11T09:30:00'); // past the 48 h total
    await s.support.checkSla();
    const d = await get('gpth1', `/api/v1/tickets/${id}`);
    expect(d.body.progressRequired.required).toBe(true);
    expect((await mails('gpth1@example.vn', /cập nhật tiến độ/)).length).toBeGreaterThan(0);
    const upd = await act('gpth1', id, { event: 'update_progress', note: 'Đang thay máy chủ media', expectedCompletionAt: '2026-03-11T08:00:00Z' });
    expect(upd.body.progressRequired.required).toBe(false);
    expect((await mails('enterprise1@example.vn', /tiến độ/)).length).toBeGreaterThan(0);
  });

  it('SLA policies are editable (working hours mode) and the dashboard and exports reflect the desk', async () => {
    const bad = await s.http('PUT', '/api/v1/support/sla-policies/question', { token: t.admin, body: { mode: 'working', stageMin: { ctkv: 240, ttcntt: null }, totalMin: 100, warning: { percent: 75, minutesBefore: null }, progressEveryMin: null } });
    expect(bad.status).toBe(400);
    const ok = await s.http('PUT', '/api/v1/support/sla-policies/question', { token: t.admin, body: { mode: 'working', stageMin: { ctkv: 240, ttcntt: null }, totalMin: 240, warning: { percent: 75, minutesBefore: null }, progressEveryMin: null } });
    expect(ok.status).toBe(200);
    expect((await s.http('PUT', '/api/v1/support/sla-policies/question', { token: t.gpth1, body: ok.body })).status).toBe(403);
    // Friday 16:00 + 4 working hours → Monday 11:30 (lunch excluded)
    await travel('2026-03-13T16:00:00');
    const q = await post('callcenter1', '/api/v1/tickets', { channel: 'hotline_9090', requestType: 'question', level: 1, subject: 'Hỏi', description: 'Hỏi' });
    expect(new Date(q.body.dueAt).toISOString()).toBe(at('2026-03-16T10:30:00').toISOString());

    const dash = await get('admin', '/api/v1/support/dashboard?from=2026-03-01&to=2026-03-31');
    expect(dash.body.compliance.total).toBeGreaterThanOrEqual(5);
    expect(dash.body.breaches).toBeGreaterThanOrEqual(1);
    expect(dash.body.openByLevel.length).toBeGreaterThan(0);
    expect(dash.body.perDay).toHaveLength(31);
    const csv = await s.server!.inject({ method: 'GET', url: '/api/v1/tickets/export?format=csv', headers: { authorization: `Bearer ${t.admin}` } });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Số phiếu');
    const xlsx = await s.server!.inject({ method: 'GET', url: '/api/v1/tickets/export?format=xlsx', headers: { authorization: `Bearer ${t.admin}` } });
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('one ticket that cannot be checked is logged and skipped; the others are escalated, and it is retried on the next run', async () => {
    await travel('2026-03-23T09:00:00');
    const ids: string[] = [];
    for (const subject of ['Meeting treo', 'Email chậm', 'Không đăng nhập được']) {
      const r = await post('callcenter1', '/api/v1/tickets', { channel: 'hotline_9090', requestType: 'incident', level: 3, subject, description: subject, customerPhone: '0243123456' });
      ids.push(r.body.id);
    }
    const [bad, ...good] = ids;
    const [{ state }] = await s.database.rows<{ state: unknown }>(sql`select state from support.tickets where id = ${bad}`);
    await s.database.rows(sql`update support.tickets set state = '{"status": "in_progress"}' where id = ${bad}`); // lost its clocks
    await travel('2026-03-23T13:00:01'); // CTKV's 4 h are over for all three
    const before = logLines.length;
    await s.support.checkSla();
    const rows = await s.database.rows<{ id: string; breached: boolean }>(sql`select id, breached from support.tickets where id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
    const breached = Object.fromEntries(rows.map((r) => [r.id, r.breached]));
    expect(good.map((id) => breached[id])).toEqual([true, true]);
    expect(breached[bad]).toBe(false);
    const logged = logLines.slice(before).map((l) => JSON.parse(l));
    expect(logged).toContainEqual(expect.objectContaining({ ticket: bad, msg: expect.stringMatching(/SLA check of a ticket failed/) }));

    await s.database.rows(sql`update support.tickets set state = ${JSON.stringify(state)}::jsonb where id = ${bad}`);
    await s.support.checkSla();
    expect((await get('admin', `/api/v1/tickets/${bad}`)).body).toMatchObject({ breached: true });
  });
});
