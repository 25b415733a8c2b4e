import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, noDatabase, type TestSystem } from '../../test/system.ts';
import { DEMO_USERS } from '../modules/identity/index.ts';

/** Row counts of the tables a bad request could touch: "changes nothing" is checked against these. */
async function snapshot(s: TestSystem) {
  const [r] = await s.database.rows<Record<string, string>>(sql`select
    (select count(*) from identity.users)::text as users,
    (select count(*) from identity.customers)::text as customers,
    (select count(*) from calendar.day_overrides)::text as overrides,
    (select count(*) from audit.entries)::text as audit,
    (select max(updated_at) from identity.users)::text as users_updated`);
  return r;
}

describe.skipIf(noDatabase)('HTTP: errors, bad input, RBAC', () => {
  let s: TestSystem;
  let admin: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    s = await createTestSystem();
    admin = await s.login('admin');
    for (const d of DEMO_USERS) tokens[d.username] = await s.login(d.username);
  });
  afterAll(() => s?.close());

  it('/healthz answers with the database kind; every response carries a request id', async () => {
    const r = await s.http('GET', '/healthz');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ ok: true, database: s.database.kind });
    expect(String(r.headers['x-request-id'])).toMatch(/^req_/);
    const echoed = await s.http('GET', '/healthz', { headers: { 'x-request-id': 'trace-123456' } });
    expect(echoed.headers['x-request-id']).toBe('trace-123456');
  });

  it('every response carries the security headers: a route, an unknown path, a refused request', async () => {
    for (const r of [await s.http('GET', '/healthz'), await s.http('GET', '/api/v1/no-such-route'), await s.http('GET', '/api/v1/contracts')]) {
      const csp = String(r.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      expect(r.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN', 'strict-transport-security': expect.stringContaining('max-age=') });
    }
  });

  it('/openapi.json is OpenAPI 3 and lists the API; /docs serves the UI', async () => {
    const r = await s.http('GET', '/openapi.json');
    expect(r.body.openapi).toMatch(/^3\./);
    for (const p of ['/api/v1/auth/login', '/api/v1/me', '/api/v1/admin/users', '/api/v1/audit/verify', '/api/v1/calendar/overrides']) {
      expect(Object.keys(r.body.paths)).toContain(p);
    }
    expect((await s.http('GET', '/docs/')).status).toBe(200);
  });

  it('unknown API routes are 404 with the error body', async () => {
    const r = await s.http('GET', '/api/v1/nothing-here', { token: admin });
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('NOT_FOUND');
  });

  describe('bad input gets 400 with a code and changes nothing', () => {
    const cases: [string, { payload?: string; body?: unknown; headers?: Record<string, string> }, string][] = [
      ['malformed JSON', { payload: '{"username": "x",' }, 'MALFORMED_JSON'],
      ['empty JSON body', { payload: '' }, 'MALFORMED_JSON'],
      ['unknown field', { body: { username: 'newbie', password: 'Matkhau123', fullName: 'New Bie', email: 'n@example.vn', roles: ['am'], isRoot: true } }, 'VALIDATION_FAILED'],
      ['wrong type', { body: { username: 'newbie', password: 'Matkhau123', fullName: 'New Bie', email: 'n@example.vn', roles: 'am' } }, 'VALIDATION_FAILED'],
      ['unknown role', { body: { username: 'newbie', password: 'Matkhau123', fullName: 'New Bie', email: 'n@example.vn', roles: ['emperor'] } }, 'VALIDATION_FAILED'],
      ['missing field', { body: { username: 'newbie', password: 'Matkhau123', roles: ['am'] } }, 'VALIDATION_FAILED'],
      ['bad e-mail', { body: { username: 'newbie', password: 'Matkhau123', fullName: 'New Bie', email: 'not-an-email', roles: ['am'] } }, 'VALIDATION_FAILED'],
      ['unknown org unit', { body: { username: 'newbie', password: 'Matkhau123', fullName: 'New Bie', email: 'n@example.vn', roles: ['am'], orgUnitId: 'ou_nope' } }, 'VALIDATION_FAILED'],
      ['weak password', { body: { username: 'newbie', password: 'short', fullName: 'New Bie', email: 'n@example.vn', roles: ['am'] } }, 'WEAK_PASSWORD'],
      ['not JSON at all', { payload: 'username=x', headers: { 'content-type': 'text/plain' } }, 'UNSUPPORTED_MEDIA_TYPE'],
    ];
    for (const [name, req, code] of cases) {
      it(name, async () => {
        const before = await snapshot(s);
        const r = await s.http('POST', '/api/v1/admin/users', { token: admin, ...req });
        expect(r.body.error.code).toBe(code);
        expect(r.status).toBe(code === 'UNSUPPORTED_MEDIA_TYPE' ? 415 : 400);
        expect(r.body.error.message).toBeTruthy();
        expect(await snapshot(s)).toEqual(before);
      });
    }

    it('query strings are validated too (unknown parameter, wrong type, out of range)', async () => {
      for (const q of ['?page=abc', '?pageSize=100000', '?secret=1', '?page=0']) {
        const r = await s.http('GET', `/api/v1/admin/users${q}`, { token: admin });
        expect(r.status, q).toBe(400);
        expect(r.body.error.code).toBe('VALIDATION_FAILED');
      }
    });

    it('PATCH with nothing to change, or on an unknown user, changes nothing', async () => {
      const before = await snapshot(s);
      const u = (await s.http('GET', '/api/v1/admin/users?q=am1', { token: admin })).body.items[0];
      expect((await s.http('PATCH', `/api/v1/admin/users/${u.id}`, { token: admin, body: {} })).status).toBe(400);
      expect((await s.http('PATCH', '/api/v1/admin/users/usr_unknown', { token: admin, body: { fullName: 'Ai Đó' } })).status).toBe(404);
      expect(await snapshot(s)).toEqual(before);
    });

    it('messages are in Vietnamese by default and English on request', async () => {
      const vi = await s.http('POST', '/api/v1/auth/login', { payload: '{' });
      expect(vi.body.error.message).toBe('Nội dung JSON không đúng cú pháp');
      const en = await s.http('POST', '/api/v1/auth/login', { payload: '{', headers: { 'accept-language': 'en-US' } });
      expect(en.body.error.message).toBe('Malformed JSON body');
    });

    it('a schema failure is wholly Vietnamese by default (zod translated) and English on request', async () => {
      const body = { username: 'newbie', password: 'Matkhau123', email: 'not-an-email', roles: 'am', isRoot: true };
      const vi = await s.http('POST', '/api/v1/admin/users', { token: admin, body });
      const en = await s.http('POST', '/api/v1/admin/users', { token: admin, body, headers: { 'accept-language': 'en' } });
      expect([vi.body.error.code, en.body.error.code]).toEqual(['VALIDATION_FAILED', 'VALIDATION_FAILED']);
      const english = /\b(invalid|expected|received|required|unrecognized|email address|input)\b/i;
      expect(vi.body.error.message).toMatch(/^Dữ liệu không hợp lệ: /);
      expect(vi.body.error.message).toMatch(/email không hợp lệ/);
      expect(vi.body.error.message).not.toMatch(english);
      expect(en.body.error.message).toMatch(/^Invalid input: /);
      expect(en.body.error.message).toMatch(/email/i);
      expect(en.body.error.message).not.toMatch(/[àáảãạăâđêôơư]/i);
      // A rule of our own (a PATCH with nothing in it) speaks the reader's language too.
      const u = (await s.http('GET', '/api/v1/admin/users?q=am1', { token: admin })).body.items[0];
      const empty = await s.http('PATCH', `/api/v1/admin/users/${u.id}`, { token: admin, body: {} });
      expect(empty.body.error.message).toBe('Dữ liệu không hợp lệ: body.: không có gì để thay đổi');
    });
  });

  it('no sign-in gets 401; a bad bearer token gets 401', async () => {
    for (const [m, u] of [['GET', '/api/v1/me'], ['GET', '/api/v1/admin/users'], ['GET', '/api/v1/audit'], ['POST', '/api/v1/calendar/overrides']]) {
      const r = await s.http(m, u, m === 'POST' ? { body: { date: '2026-12-30', kind: 'off', name: 'Nghỉ' } } : {});
      expect(r.status, `${m} ${u}`).toBe(401);
      expect(r.body.error.code).toBe('UNAUTHENTICATED');
    }
    expect((await s.http('GET', '/api/v1/me', { token: 'forged-token' })).status).toBe(401);
    expect((await s.http('GET', '/api/v1/me', { headers: { authorization: 'Basic abc' } })).status).toBe(401);
  });

  /** Role × endpoint: which demo account may call what. Everyone else gets 403 and nothing changes. */
  const RBAC: { method: string; url: string; body?: unknown; allowed: string[] }[] = [
    { method: 'GET', url: '/api/v1/admin/users', allowed: ['admin'] },
    { method: 'POST', url: '/api/v1/admin/users', body: { username: 'rbac.probe', password: 'Matkhau123', fullName: 'RBAC Probe', email: 'p@example.vn', roles: ['am'] }, allowed: ['admin'] },
    { method: 'GET', url: '/api/v1/audit', allowed: ['admin', 'accountant1'] },
    { method: 'GET', url: '/api/v1/audit/verify', allowed: ['admin', 'accountant1'] },
    { method: 'POST', url: '/api/v1/calendar/overrides', body: { date: '2027-01-04', kind: 'off', name: 'Nghỉ thử' }, allowed: ['admin'] },
    { method: 'GET', url: '/api/v1/calendar/holidays?year=2026', allowed: DEMO_USERS.filter((d) => !d.customer).map((d) => d.username) },
    { method: 'GET', url: '/api/v1/org-units', allowed: DEMO_USERS.filter((d) => !d.customer).map((d) => d.username) },
    { method: 'GET', url: '/api/v1/notifications/messages', allowed: ['admin', 'ops1', 'callcenter1'] },
    { method: 'GET', url: '/api/v1/me', allowed: DEMO_USERS.map((d) => d.username) },
  ];
  for (const rule of RBAC) {
    it(`RBAC ${rule.method} ${rule.url}`, async () => {
      let changed = false;
      for (const d of DEMO_USERS) {
        const allowed = rule.allowed.includes(d.username);
        if (allowed && changed) continue; // a change is made once; the rest of the table checks refusals
        const before = rule.method === 'GET' ? null : await snapshot(s);
        const r = await s.http(rule.method, rule.url, { token: tokens[d.username], body: rule.body });
        if (allowed) {
          expect(r.status, `${d.username} should be allowed`).toBeLessThan(300);
          changed = rule.method !== 'GET';
        } else {
          expect(r.status, `${d.username} should be refused`).toBe(403);
          expect(r.body.error.code).toBe('FORBIDDEN');
          if (before) expect(await snapshot(s)).toEqual(before);
        }
      }
    });
  }
});

describe.skipIf(noDatabase)('HTTP: the client address behind proxies and the sign-in rate limit', () => {
  let s: TestSystem;
  beforeAll(async () => {
    s = await createTestSystem({ env: { QLDV_LOGIN_RATE_LIMIT: '3', QLDV_TRUSTED_PROXIES: '10.0.0.1' } });
  });
  afterAll(() => s?.close());

  const login = (remoteAddress: string, forwardedFor: string) =>
    s.server!.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, headers: { 'x-forwarded-for': forwardedFor }, payload: { username: 'nobody-here', password: 'x' } });

  it('an untrusted peer cannot escape the limit by rotating X-Forwarded-For', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await login('203.0.113.5', `198.51.100.${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
  });

  it('behind a configured proxy the forwarded address is the client: limited per client and recorded', async () => {
    for (let i = 0; i < 6; i++) expect((await login('10.0.0.1', `198.51.100.${i}`)).statusCode).toBe(401);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await login('10.0.0.1', '192.0.2.7')).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const failed = await s.audit.list({ action: 'auth.login_failed', page: 1, pageSize: 50 });
    expect(failed.items.map((e) => e.ip)).toEqual(expect.arrayContaining(['198.51.100.5', '192.0.2.7']));
    expect(failed.items.map((e) => e.ip)).not.toContain('10.0.0.1');
  });
});
