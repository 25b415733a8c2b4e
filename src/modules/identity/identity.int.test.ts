import argon2 from 'argon2';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestSystem, DEMO_PASSWORD, driver, noDatabase, type TestSystem } from '../../../test/system.ts';
import { DEMO_USERS } from './seed.ts';

describe.skipIf(noDatabase)('identity: sign-in, sessions, lockout, users', () => {
  let s: TestSystem;
  beforeAll(async () => {
    s = await createTestSystem();
  });
  afterAll(() => s?.close());

  it('seeds the org tree: TCT, TT CNTT departments, 9 CTKV with TT KDCNS and KHDN, 6 billing centers, TT Dịch vụ số, agents', () => {
    const codes = s.identity.orgUnitList().map((u) => u.code);
    for (const c of ['TCT', 'TTCNTT', 'TTCNTT-GPTH', 'TTCNTT-KD', 'TTCNTT-PMNB', 'TTCNTT-PMKH', 'TTCNTT-KT', 'TTTCTK', 'TTDVS', 'DL-BT01', 'DL-PT01']) expect(codes).toContain(c);
    for (let n = 1; n <= 9; n++) expect(codes).toEqual(expect.arrayContaining([`CTKV${n}`, `CTKV${n}-KDCNS`, `CTKV${n}-KDCNS-SP`, `CTKV${n}-KHDN`]));
    for (let n = 1; n <= 6; n++) expect(codes).toContain(`TTTCTK-C${n}`);
    const agents = s.identity.orgUnitList().filter((u) => u.kind === 'agent').map((u) => u.agentKind);
    expect(agents.sort()).toEqual(['commission', 'reseller']);
  });

  it('every demo account signs in and /me shows its roles and unit', async () => {
    for (const d of DEMO_USERS) {
      const token = await s.login(d.username);
      const me = await s.http('GET', '/api/v1/me', { token });
      expect(me.status).toBe(200);
      expect(me.body.user.username).toBe(d.username);
      expect(me.body.user.roles).toEqual(d.roles);
      if (d.unit) expect(me.body.user.orgUnit.code).toBe(d.unit);
      if (d.customer) expect(me.body.user.customer.type).toBe(d.customer);
    }
  });

  it('login sets an httpOnly session cookie; cookie sessions need the CSRF token for changes', async () => {
    const res = await s.server!.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: DEMO_PASSWORD } });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/qldv_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = setCookie.split(';')[0];
    const { csrfToken } = res.json();

    const me = await s.http('GET', '/api/v1/me', { headers: { cookie } });
    expect(me.status).toBe(200);
    const body = { date: '2026-12-31', kind: 'off', name: 'Nghỉ cuối năm' };
    const without = await s.http('POST', '/api/v1/calendar/overrides', { headers: { cookie }, body });
    expect(without.status).toBe(403);
    expect(without.body.error.code).toBe('CSRF_INVALID');
    const wrong = await s.http('POST', '/api/v1/calendar/overrides', { headers: { cookie, 'x-csrf-token': 'x'.repeat(43) }, body });
    expect(wrong.body.error.code).toBe('CSRF_INVALID');
    expect(s.calendar.listOverrides(2026).some((o) => o.date === '2026-12-31')).toBe(false);
    const ok = await s.http('POST', '/api/v1/calendar/overrides', { headers: { cookie, 'x-csrf-token': csrfToken }, body });
    expect(ok.status).toBe(201);
  });

  it('locks an account after five wrong passwords, for 15 minutes, and audits it', async () => {
    for (let i = 0; i < 4; i++) {
      const r = await s.http('POST', '/api/v1/auth/login', { body: { username: 'kam1', password: 'wrong-pass-1' } });
      expect(r.body.error.code).toBe('INVALID_CREDENTIALS');
    }
    const fifth = await s.http('POST', '/api/v1/auth/login', { body: { username: 'kam1', password: 'wrong-pass-1' } });
    expect(fifth.status).toBe(401);
    const right = await s.http('POST', '/api/v1/auth/login', { body: { username: 'kam1', password: DEMO_PASSWORD } });
    expect(right.status).toBe(401);
    expect(right.body.error.code).toBe('INVALID_CREDENTIALS');
    const log = await s.audit.list({ action: 'auth.locked', page: 1, pageSize: 10 });
    expect(log.items.some((e) => e.actorName === 'anonymous')).toBe(true);
    const refused = await s.audit.list({ action: 'auth.login_refused', page: 1, pageSize: 10 });
    expect(refused.items[0].after).toMatchObject({ reason: 'locked' });
    s.clock.advanceMinutes(16);
    expect(await s.login('kam1')).toBeTruthy();
  });

  it('unknown, locked and disabled accounts and a wrong password get the same answer, each after one password hash check; the audit keeps the reason', async () => {
    const admin = await s.login('admin');
    const unit = s.identity.orgUnitByCode('CTKV3-KHDN')!;
    const created = await s.http('POST', '/api/v1/admin/users', { token: admin, body: { username: 'am3.off', password: 'Matkhau123', fullName: 'AM Khu vực 3', email: 'am3@example.vn', roles: ['am'], orgUnitId: unit.id } });
    await s.http('PATCH', `/api/v1/admin/users/${created.body.id}`, { token: admin, body: { status: 'disabled' } });
    for (let i = 0; i < 5; i++) await s.http('POST', '/api/v1/auth/login', { body: { username: 'agent1', password: 'wrong-pass-1' } });
    const verify = vi.spyOn(argon2, 'verify');
    const attempts = {
      unknown: { username: 'nobody-here', password: 'Matkhau123' },
      wrongPassword: { username: 'am1', password: 'wrong-pass-1' },
      locked: { username: 'agent1', password: DEMO_PASSWORD },
      disabled: { username: 'am3.off', password: 'Matkhau123' },
    };
    const answers: Record<string, unknown> = {};
    try {
      for (const [name, body] of Object.entries(attempts)) {
        verify.mockClear();
        const r = await s.http('POST', '/api/v1/auth/login', { body });
        answers[name] = { status: r.status, body: r.body };
        expect(verify, name).toHaveBeenCalledTimes(1);
      }
    } finally {
      verify.mockRestore();
    }
    expect(answers.unknown).toEqual({ status: 401, body: { error: { code: 'INVALID_CREDENTIALS', message: expect.any(String) } } });
    for (const name of Object.keys(attempts)) expect(answers[name], name).toEqual(answers.unknown);
    const reasons = (await s.audit.list({ action: 'auth.login_', page: 1, pageSize: 10 })).items.map((e) => (e.after as { reason?: string } | null)?.reason);
    expect(reasons).toEqual(expect.arrayContaining(['unknown_user', 'locked', 'disabled']));
    await s.http('PATCH', `/api/v1/admin/users/${created.body.id}`, { token: admin, body: { status: 'active' } });
  });

  it.skipIf(driver !== 'postgres')('40 parallel wrong passwords lock the account (counted in SQL); the right one is then refused', async () => {
    const wrong = await Promise.all(Array.from({ length: 40 }, () => s.http('POST', '/api/v1/auth/login', { body: { username: 'ops1', password: 'wrong-pass-1' } })));
    expect(wrong.every((r) => r.status === 401)).toBe(true);
    const right = await s.http('POST', '/api/v1/auth/login', { body: { username: 'ops1', password: DEMO_PASSWORD } });
    expect(right.status).toBe(401);
    const [row] = await s.database.rows<{ locked: boolean }>(sql`select locked_until > ${s.clock.now().toISOString()}::timestamptz as locked from identity.users where username = 'ops1'`);
    expect(row.locked).toBe(true);
    s.clock.advanceMinutes(16);
    expect(await s.login('ops1')).toBeTruthy();
  });

  it('an individual registers, gets a customer record and a session; usernames are unique', async () => {
    const body = { username: 'khach.moi', password: 'Matkhau123', fullName: 'Khách Hàng Mới', email: 'moi@example.vn', phone: '0912345678' };
    const r = await s.http('POST', '/api/v1/auth/register', { body });
    expect(r.status).toBe(201);
    expect(r.body.user.roles).toEqual(['customer']);
    expect(r.body.user.customer).toMatchObject({ type: 'individual', name: 'Khách Hàng Mới' });
    const again = await s.http('POST', '/api/v1/auth/register', { body: { ...body, username: 'KHACH.MOI' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('USERNAME_TAKEN');
    const weak = await s.http('POST', '/api/v1/auth/register', { body: { ...body, username: 'khach.yeu', password: 'abcdefgh' } });
    expect(weak.body.error.code).toBe('WEAK_PASSWORD');
    await s.jobs.drain();
    const welcome = await s.simulators.smtp!.waitFor((m) => m.to.includes('moi@example.vn'));
    expect(welcome.subject).toBe('Chào mừng Khách Hàng Mới đến với QLDV MobiFone');
    expect(welcome.text).toContain('/login');
  });

  it('scope: an AM of CTKV 1 reaches CTKV 1 units only; corporate roles reach all', async () => {
    const { withinScope } = await import('./domain/roles.ts');
    const am = (await s.identity.authenticate(await s.login('am1')))!.actor;
    const approver = (await s.identity.authenticate(await s.login('approver.ttcntt')))!.actor;
    const path = (code: string) => s.identity.orgUnitByCode(code)!.path;
    const amScope = s.identity.scopePathOf(am);
    expect(amScope).toBe(path('CTKV1'));
    expect(withinScope(am, amScope, path('CTKV1-KDCNS-SP'))).toBe(true);
    expect(withinScope(am, amScope, path('CTKV2-KHDN'))).toBe(false);
    expect(withinScope(approver, s.identity.scopePathOf(approver), path('CTKV9'))).toBe(true);
    const clearing = (await s.identity.authenticate(await s.login('C3_ePayment')))!.actor;
    expect(s.identity.scopePathOf(clearing)).toBe(path('TTTCTK-C3'));
  });

  it('admin creates, edits and disables a user; disabling ends their sessions', async () => {
    const admin = await s.login('admin');
    const unit = s.identity.orgUnitByCode('CTKV2-KHDN')!;
    const created = await s.http('POST', '/api/v1/admin/users', {
      token: admin,
      body: { username: 'am2', password: 'Matkhau123', fullName: 'AM Khu vực 2', email: 'am2@example.vn', roles: ['am'], orgUnitId: unit.id },
    });
    expect(created.status).toBe(201);
    const token = await s.login('am2', 'Matkhau123');
    const patched = await s.http('PATCH', `/api/v1/admin/users/${created.body.id}`, { token: admin, body: { roles: ['am', 'kam'], status: 'disabled' } });
    expect(patched.status).toBe(200);
    expect(patched.body.roles).toEqual(['am', 'kam']);
    expect((await s.http('GET', '/api/v1/me', { token })).status).toBe(401);
    const relogin = await s.http('POST', '/api/v1/auth/login', { body: { username: 'am2', password: 'Matkhau123' } });
    expect(relogin.body.error.code).toBe('INVALID_CREDENTIALS');
    const list = await s.http('GET', '/api/v1/admin/users?q=am2', { token: admin });
    expect(list.body.items.map((u: { username: string }) => u.username)).toEqual(['am2']);
    const trail = await s.audit.list({ entityId: created.body.id, action: 'user.', page: 1, pageSize: 10 });
    expect(trail.items.map((e) => e.action)).toEqual(['user.updated', 'user.created']);
    expect(trail.items[0].before).toMatchObject({ roles: ['am'], status: 'active' });
    expect(trail.items[0].after).toMatchObject({ roles: ['am', 'kam'], status: 'disabled' });
    expect(JSON.stringify(trail.items)).not.toMatch(/argon2|passwordHash/);
  });

  it('logout revokes the token', async () => {
    const token = await s.login('ops1');
    expect((await s.http('POST', '/api/v1/auth/logout', { token })).status).toBe(204);
    expect((await s.http('GET', '/api/v1/me', { token })).status).toBe(401);
  });

  it('sessions expire after the configured hours', async () => {
    const token = await s.login('invoice1');
    s.clock.advanceMinutes(12 * 60 + 1);
    expect((await s.http('GET', '/api/v1/me', { token })).status).toBe(401);
  });
});
