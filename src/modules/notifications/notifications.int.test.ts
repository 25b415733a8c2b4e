import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestSystem, noDatabase, type TestSystem } from '../../../test/system.ts';

describe.skipIf(noDatabase)('notifications: outbox → SMTP sink and SMSC simulator', () => {
  let s: TestSystem;
  beforeAll(async () => {
    s = await createTestSystem();
    await vi.waitFor(() => expect(s.simulators.smsc!.sessions()).toBe(1), { timeout: 10_000 });
  });
  afterAll(() => s?.close());

  it('an e-mail queued in a rolled-back transaction is never sent', async () => {
    await expect(
      s.database.db.transaction(async (tx) => {
        await s.notifications.email(tx, { to: 'rollback@example.vn', template: 'account.welcome', locale: 'vi', data: { fullName: 'X', username: 'x', loginUrl: 'http://x' } });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    await s.jobs.drain();
    const list = await s.notifications.list({ channel: 'email', page: 1, pageSize: 50 });
    expect(list.items.some((m) => m.to === 'rollback@example.vn')).toBe(false);
    expect(s.simulators.smtp!.messages.some((m) => m.to.includes('rollback@example.vn'))).toBe(false);
  });

  it('a templated Vietnamese e-mail is delivered through SMTP once, and marked sent', async () => {
    const id = await s.notifications.email(s.database.db, {
      to: 'khach@example.vn',
      template: 'account.welcome',
      locale: 'vi',
      data: { fullName: 'Nguyễn Thị Hoa <b>', username: 'hoa', loginUrl: 'http://localhost:3000/login' },
    });
    expect((await s.notifications.get(id)).status).toBe('queued');
    await s.jobs.drain();
    const mail = await s.simulators.smtp!.waitFor((m) => m.to.includes('khach@example.vn'));
    expect(mail.subject).toBe('Chào mừng Nguyễn Thị Hoa <b> đến với QLDV MobiFone');
    expect(mail.text).toContain('Tài khoản hoa');
    expect(mail.html).toContain('Nguyễn Thị Hoa &lt;b&gt;');
    const stored = await s.notifications.get(id);
    expect(stored.status).toBe('sent');
    expect(stored.attempts).toBe(1);
    await s.jobs.drain(); // a second run must not send again
    expect(s.simulators.smtp!.messages.filter((m) => m.to.includes('khach@example.vn'))).toHaveLength(1);
  });

  it('SMTP down: the message stays queued with the error and is retried later', async () => {
    const sink = s.simulators.smtp!;
    const port = sink.port;
    await sink.close();
    const id = await s.notifications.email(s.database.db, { to: 'retry@example.vn', template: 'account.welcome', locale: 'en', data: { fullName: 'Retry', username: 'r', loginUrl: 'http://x' } });
    await s.jobs.runDue();
    const failed = await s.notifications.get(id);
    expect(failed.status).toBe('queued');
    expect(failed.attempts).toBe(1);
    expect(failed.error).toBeTruthy();
    const { startSmtpSink } = await import('../../simulators/smtp.ts');
    s.simulators.smtp = await startSmtpSink({ port });
    expect(await s.jobs.runDue()).toBe(0); // not due yet: backoff
    s.clock.advanceMinutes(1);
    await s.jobs.drain();
    expect((await s.notifications.get(id)).status).toBe('sent');
    expect((await s.simulators.smtp.waitFor((m) => m.to.includes('retry@example.vn'))).subject).toBe('Welcome to MobiFone QLDV, Retry');
  });

  it('an SMS goes over SMPP without diacritics, split when long, and its receipt marks it delivered', async () => {
    const text = 'Giao dịch thanh toán/nạp tiền của quý khách đã bị huỷ do không hợp lệ. Thông tin chi tiết liên hệ 9090. '.repeat(2);
    const id = await s.notifications.sms(s.database.db, { to: '84901234567', text });
    await s.jobs.drain();
    const got = await s.simulators.smsc!.waitForMessage((m) => m.to === '84901234567' && m.text.startsWith('Giao dich'));
    expect(got.parts).toBe(2);
    expect(got.from).toBe('9223');
    expect(got.text).toBe('Giao dich thanh toan/nap tien cua quy khach da bi huy do khong hop le. Thong tin chi tiet lien he 9090. '.repeat(2));
    await vi.waitFor(async () => expect((await s.notifications.get(id)).status).toBe('delivered'), { timeout: 5000 });
  });

  it('an inbound SMS to 9223 is routed by keyword to its command, and the reply goes back', async () => {
    const seen: string[][] = [];
    s.notifications.registerSmsCommand('TEST', async ({ args }) => {
      seen.push(args);
      return `Da nhan ${args.join(',')}`;
    });
    await s.simulators.smsc!.sendMo('84912345678', '9223', '  test  1234 abc ');
    await vi.waitFor(() => expect(seen).toEqual([['1234', 'abc']]), { timeout: 5000 });
    await s.jobs.drain();
    const reply = await s.simulators.smsc!.waitForMessage((m) => m.to === '84912345678');
    expect(reply.text).toBe('Da nhan 1234,abc');
    const inbound = await s.notifications.list({ channel: 'sms', direction: 'in', page: 1, pageSize: 10 });
    expect(inbound.items[0]).toMatchObject({ from: '84912345678', to: '9223', status: 'received' });
  });

  it('an unknown keyword gets the help reply; staff read it all in the outbox API', async () => {
    await s.simulators.smsc!.sendMo('84987654321', '9223', 'XYZ');
    await vi.waitFor(async () => {
      await s.jobs.drain();
      expect(s.simulators.smsc!.messages.some((m) => m.to === '84987654321')).toBe(true);
    }, { timeout: 5000 });
    expect(s.simulators.smsc!.messages.find((m) => m.to === '84987654321')!.text).toMatch(/khong dung cu phap/);
    const ops = await s.login('ops1');
    const res = await s.http('GET', '/api/v1/notifications/messages?channel=sms&pageSize=50', { token: ops });
    expect(res.status).toBe(200);
    expect(res.body.items.some((m: { from: string }) => m.from === '84987654321')).toBe(true);
  });

  it('staff can inject an inbound SMS through the simulator API', async () => {
    const cc = await s.login('callcenter1');
    const res = await s.http('POST', '/api/v1/simulators/smsc/mo', { token: cc, body: { from: '0909000111', text: 'HELLO' } });
    expect(res.status).toBe(202);
    await vi.waitFor(async () => {
      const list = await s.notifications.list({ channel: 'sms', direction: 'in', page: 1, pageSize: 10 });
      expect(list.items.some((m) => m.from === '84909000111' && m.body === 'HELLO')).toBe(true);
    });
  });
});
