import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, DEMO_PASSWORD, noDatabase, type TestSystem } from '../../../test/system.ts';

/** Own account: forgotten password by e-mail, change of password, own sessions (#8 item 11). */
describe.skipIf(noDatabase)('accounts: forgot and change password, own sessions', () => {
  let s: TestSystem;
  beforeAll(async () => {
    s = await createTestSystem();
  });
  afterAll(() => s?.close());

  const signIn = async (username: string, password = DEMO_PASSWORD, userAgent = 'vitest') => {
    const r = await s.http('POST', '/api/v1/auth/login', { body: { username, password }, headers: { 'user-agent': userAgent } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.token as string;
  };
  const me = (token: string) => s.http('GET', '/api/v1/me', { token }).then((r) => r.status);
  const resetMail = async (to: string) => {
    await s.jobs.drain();
    const mails = s.simulators.smtp!.messages.filter((m) => m.to.includes(to) && /đặt lại mật khẩu/.test(m.subject));
    const last = mails.at(-1)!;
    return { count: mails.length, token: last?.text.match(/reset-password#token=([\w-]+)/)?.[1] };
  };

  it('forgot password: the same answer for a known and an unknown address; a single-use link that resets the password and ends every session', async () => {
    const old = await signIn('customer1');
    const unknown = await s.http('POST', '/api/v1/auth/password/forgot', { body: { email: 'no-one@example.vn' } });
    const known = await s.http('POST', '/api/v1/auth/password/forgot', { body: { email: 'Customer1@example.vn' } });
    expect(known.status).toBe(202);
    expect(unknown).toMatchObject({ status: known.status, body: known.body });
    const { count, token } = await resetMail('customer1@example.vn');
    expect(count).toBe(1);
    expect(token).toBeTruthy();
    // Neither the outbox nor the reset table gives the link away.
    const outbox = await s.http('GET', '/api/v1/notifications/messages?channel=email&pageSize=200', { token: await signIn('callcenter1') });
    expect(JSON.stringify(outbox.body)).not.toContain(token!);
    const [kept] = await s.database.rows<{ body: string; html: string | null }>(sql`select body, html from notifications.messages where template = 'account.password_reset'`);
    expect(`${kept.body}${kept.html}`).not.toContain(token!);
    const stored = await s.database.rows<{ token_hash: string }>(sql`select token_hash from identity.password_resets`);
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).not.toContain(token!);

    const weak = await s.http('POST', '/api/v1/auth/password/reset', { body: { token, password: 'short' } });
    expect(weak.body.error.code).toBe('WEAK_PASSWORD');
    const ok = await s.http('POST', '/api/v1/auth/password/reset', { body: { token, password: 'Moi2026abc' } });
    expect(ok.status).toBe(204);
    expect(await me(old)).toBe(401);
    const again = await s.http('POST', '/api/v1/auth/password/reset', { body: { token, password: 'Khac2026abc' } });
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('RESET_LINK_INVALID');
    expect((await s.http('POST', '/api/v1/auth/login', { body: { username: 'customer1', password: DEMO_PASSWORD } })).status).toBe(401);
    await signIn('customer1', 'Moi2026abc');
    const trail = await s.audit.list({ action: 'user.password_reset_by_link', page: 1, pageSize: 5 });
    expect(trail.items).toHaveLength(1);
  });

  it('a reset link expires after 30 minutes, and a newer request voids the older link', async () => {
    await s.http('POST', '/api/v1/auth/password/forgot', { body: { email: 'kam1@example.vn' } });
    const first = (await resetMail('kam1@example.vn')).token;
    await s.http('POST', '/api/v1/auth/password/forgot', { body: { email: 'kam1@example.vn' } });
    const second = (await resetMail('kam1@example.vn')).token;
    expect(second).not.toBe(first);
    expect((await s.http('POST', '/api/v1/auth/password/reset', { body: { token: first, password: 'Moi2026abc' } })).status).toBe(410);
    s.clock.advanceMinutes(31);
    expect((await s.http('POST', '/api/v1/auth/password/reset', { body: { token: second, password: 'Moi2026abc' } })).status).toBe(410);
    await signIn('kam1');
  });

  it('a link used five times at once sets the password once', async () => {
    await s.http('POST', '/api/v1/auth/password/forgot', { body: { email: 'invoice1@example.vn' } });
    const { token } = await resetMail('invoice1@example.vn');
    const answers = await Promise.all(['Mot2026abc', 'Hai2026abc', 'Ba2026abcd', 'Bon2026abc', 'Nam2026abc'].map((password) => s.http('POST', '/api/v1/auth/password/reset', { body: { token, password } })));
    expect(answers.map((a) => a.status).sort()).toEqual([204, 410, 410, 410, 410]);
    expect((await s.audit.list({ action: 'user.password_reset_by_link', page: 1, pageSize: 10 })).items).toHaveLength(2);
  });

  it('change password needs the current one, ends the other sessions (not this one) and voids an outstanding reset link', async () => {
    await s.http('POST', '/api/v1/auth/password/forgot', { body: { email: 'am1@example.vn' } });
    const { token: pending } = await resetMail('am1@example.vn');
    const here = await signIn('am1', DEMO_PASSWORD, 'Firefox');
    const elsewhere = await signIn('am1', DEMO_PASSWORD, 'Chrome');
    const wrong = await s.http('POST', '/api/v1/me/password', { token: here, body: { currentPassword: 'not-it-123', newPassword: 'Moi2026abc' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('CURRENT_PASSWORD_WRONG');
    const weak = await s.http('POST', '/api/v1/me/password', { token: here, body: { currentPassword: DEMO_PASSWORD, newPassword: 'abcdefgh' } });
    expect(weak.body.error.code).toBe('WEAK_PASSWORD');
    expect(await me(elsewhere)).toBe(200);
    const ok = await s.http('POST', '/api/v1/me/password', { token: here, body: { currentPassword: DEMO_PASSWORD, newPassword: 'Moi2026abc' } });
    expect(ok.status).toBe(204);
    expect(await me(here)).toBe(200);
    expect(await me(elsewhere)).toBe(401);
    await signIn('am1', 'Moi2026abc');
    // A link asked for before the change no longer works.
    expect((await s.http('POST', '/api/v1/auth/password/reset', { body: { token: pending, password: 'Khac2026abc' } })).status).toBe(410);
    expect((await s.audit.list({ action: 'user.password_changed', page: 1, pageSize: 5 })).items).toHaveLength(1);
  });

  it('lists own sessions (device, address, opened, last seen) and signs out of one or of all others', async () => {
    const a = await signIn('gpth1', DEMO_PASSWORD, 'Mozilla/5.0 (Windows NT 10.0) Firefox/128.0');
    const b = await signIn('gpth1', DEMO_PASSWORD, 'Mozilla/5.0 (iPhone) Safari/604.1');
    const c = await signIn('gpth1', DEMO_PASSWORD, 'curl/8.5');
    const list = await s.http('GET', '/api/v1/me/sessions', { token: a });
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(3);
    expect(list.body.items.filter((x: { current: boolean }) => x.current)).toHaveLength(1);
    const phone = list.body.items.find((x: { userAgent: string }) => x.userAgent.includes('iPhone'));
    expect(phone).toMatchObject({ ip: '127.0.0.1', current: false, createdAt: expect.any(String), lastSeenAt: expect.any(String) });

    const other = await signIn('ops1');
    const foreign = (await s.http('GET', '/api/v1/me/sessions', { token: other })).body.items[0].id;
    expect((await s.http('DELETE', `/api/v1/me/sessions/${foreign}`, { token: a })).status).toBe(404);
    expect(await me(other)).toBe(200);

    expect((await s.http('DELETE', `/api/v1/me/sessions/${phone.id}`, { token: a })).status).toBe(204);
    expect(await me(b)).toBe(401);
    expect(await me(c)).toBe(200);
    const rest = await s.http('DELETE', '/api/v1/me/sessions', { token: a });
    expect(rest.body).toEqual({ ended: 1 });
    expect(await me(c)).toBe(401);
    expect(await me(a)).toBe(200);
    expect((await s.http('GET', '/api/v1/me/sessions', { token: a })).body.items).toHaveLength(1);
  });
});
