import { sql } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse as Reply } from 'fastify';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appleKeyPair, startOidcProvider, type NextToken, type OidcProviderSim } from '../../../test/oidc-provider.ts';
import { createTestSystem, driver, noDatabase, type TestSystem } from '../../../test/system.ts';
import { systemClock } from '../../platform/clock.ts';
import { OidcClient } from './oidc-client.ts';

/**
 * Sign-in with Google and Apple against local OpenID Connect providers (test/oidc-provider.ts) speaking the
 * real protocol: discovery, JWKS, authorize → code, token endpoint checking PKCE and the client's
 * authentication (Apple: the ES256 client-secret JWT), signed id_tokens.
 */
const GOOGLE = { id: 'qldv-google-client', secret: 'google-client-secret-123' };
const APPLE = { id: 'vn.mobifone.qldv', teamId: 'TEAM123456', keyId: 'KEY1234567' };

/** `name=value` of a Set-Cookie the reply carries, or undefined. */
function cookieOf(r: Reply, name: string): string | undefined {
  const all = [r.headers['set-cookie'] ?? []].flat().map(String);
  return all.find((c) => c.startsWith(`${name}=`) && !c.startsWith(`${name}=;`))?.split(';')[0];
}

describe.skipIf(noDatabase)('sign-in with Google and Apple (OpenID Connect)', () => {
  let s: TestSystem;
  let google: OidcProviderSim;
  let apple: OidcProviderSim;
  const now = () => (s ? s.clock.now() : new Date('2026-03-02T02:00:00Z'));
  const appleKey = appleKeyPair();

  beforeAll(async () => {
    google = await startOidcProvider({ clientId: GOOGLE.id, clientSecret: GOOGLE.secret, now });
    apple = await startOidcProvider({ clientId: APPLE.id, apple: { teamId: APPLE.teamId, keyId: APPLE.keyId, publicKey: appleKey.publicKey }, now });
    s = await createTestSystem({
      env: {
        OIDC_GOOGLE_CLIENT_ID: GOOGLE.id,
        OIDC_GOOGLE_CLIENT_SECRET: GOOGLE.secret,
        OIDC_GOOGLE_ISSUER: google.issuer,
        OIDC_APPLE_CLIENT_ID: APPLE.id,
        OIDC_APPLE_TEAM_ID: APPLE.teamId,
        OIDC_APPLE_KEY_ID: APPLE.keyId,
        OIDC_APPLE_PRIVATE_KEY: appleKey.privateKeyPem,
        OIDC_APPLE_ISSUER: apple.issuer,
      },
    });
  }, 180_000);
  afterAll(async () => {
    await s?.close();
    await google?.close();
    await apple?.close();
  });

  const inject = (opts: InjectOptions) => s.server!.inject(opts);

  /** Starts a sign-in and follows the provider until it sends the browser back: the callback, ready to send. */
  async function begin(provider: 'google' | 'apple', returnTo = '/contracts', system = s) {
    const start = await system.server!.inject({ method: 'GET', url: `/api/v1/auth/oidc/${provider}/start?returnTo=${encodeURIComponent(returnTo)}` });
    expect(start.statusCode, start.body).toBe(302);
    const bound = cookieOf(start, 'qldv_oidc')!;
    const atProvider = await fetch(String(start.headers.location), { redirect: 'manual' });
    if (provider === 'google') {
      expect(atProvider.status).toBe(302);
      const back = new URL(atProvider.headers.get('location')!);
      const params = Object.fromEntries(back.searchParams) as Record<string, string>;
      return { start, bound, params, method: 'GET' as const, path: back.pathname };
    }
    // Apple: a page that posts the code back (response_mode=form_post).
    const page = await atProvider.text();
    const action = new URL(page.match(/action="([^"]+)"/)![1]);
    const params = Object.fromEntries([...page.matchAll(/name="(\w+)" value="([^"]*)"/g)].map((m) => [m[1], m[2].replace(/&quot;/g, '"')])) as Record<string, string>;
    return { start, bound, params, method: 'POST' as const, path: action.pathname };
  }

  type Flow = Awaited<ReturnType<typeof begin>>;
  /** Sends the browser back to our callback (with the cookie the start set unless told otherwise). */
  function finish(f: Flow, o: { params?: Record<string, string>; cookie?: string | null; headers?: Record<string, string>; system?: TestSystem } = {}) {
    const params = o.params ?? f.params;
    const cookie = [o.cookie === undefined ? f.bound : o.cookie, o.headers?.cookie].filter(Boolean).join('; ');
    const headers = { ...o.headers, ...(cookie ? { cookie } : {}) };
    const server = (o.system ?? s).server!;
    if (f.method === 'GET') return server.inject({ method: 'GET', url: `${f.path}?${new URLSearchParams(params)}`, headers });
    return server.inject({ method: 'POST', url: f.path, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(params).toString() });
  }

  const codeOf = (r: Reply) => (r.json() as { error: { code: string } }).error.code;
  const userIdOf = async (username: string) =>
    (await s.database.rows<{ id: string }>(sql`select id from identity.users where username = ${username}`))[0].id;
  const linksOf = (userId: string) =>
    s.database.rows<{ provider: string; subject: string; email: string }>(sql`select provider, subject, email from identity.external_identities where user_id = ${userId} order by provider, subject`);
  const sessionsOf = async (userId: string) =>
    Number((await s.database.rows<{ n: string }>(sql`select count(*) as n from identity.sessions where user_id = ${userId}`))[0].n);

  it('lists the enabled providers for the login page', async () => {
    const r = await s.http('GET', '/api/v1/auth/oidc/providers');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ items: [{ id: 'google', name: 'Google' }, { id: 'apple', name: 'Apple' }] });
    const spec = (await s.http('GET', '/openapi.json')).body;
    for (const p of ['/api/v1/auth/oidc/providers', '/api/v1/auth/oidc/{provider}/start', '/api/v1/auth/oidc/{provider}/callback']) expect(Object.keys(spec.paths)).toContain(p);
    expect(Object.keys(spec.paths['/api/v1/auth/oidc/{provider}/callback'].post.requestBody.content)).toEqual(['application/x-www-form-urlencoded']);
  });

  it('start: 302 to the authorization endpoint with PKCE S256, state, nonce; the state kept in the database and an HttpOnly cookie', async () => {
    const r = await inject({ method: 'GET', url: '/api/v1/auth/oidc/google/start?returnTo=%2Fcontracts%3Fstatus%3Dactive' });
    expect(r.statusCode).toBe(302);
    const to = new URL(String(r.headers.location));
    expect(`${to.origin}${to.pathname}`).toBe(`${google.issuer}/authorize`);
    const q = Object.fromEntries(to.searchParams);
    expect(q).toMatchObject({
      response_type: 'code',
      client_id: GOOGLE.id,
      redirect_uri: `${s.config.publicBaseUrl}/api/v1/auth/oidc/google/callback`,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    expect(q.state).toMatch(/^[\w-]{43}$/);
    expect(q.nonce).toMatch(/^[\w-]{43}$/);
    expect(q.code_challenge).toMatch(/^[\w-]{43}$/);
    const setCookie = [r.headers['set-cookie']].flat().join('\n');
    expect(setCookie).toMatch(new RegExp(`qldv_oidc=${q.state};`));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/Path=\/api\/v1\/auth\/oidc/);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const rows = await s.database.rows<{ return_to: string; provider: string; minutes: number }>(
      sql`select return_to, provider, extract(epoch from expires_at - created_at) / 60 as minutes from identity.oidc_logins where nonce = ${q.nonce}`,
    );
    expect(rows).toEqual([{ return_to: '/contracts?status=active', provider: 'google', minutes: expect.anything() }]);
    expect(Number(rows[0].minutes)).toBe(10);
  });

  it('Google: a verified e-mail of an active user signs them in (session cookie, 303 to returnTo) and links the subject; later by subject', async () => {
    const customer1 = await userIdOf('customer1');
    google.user = { sub: 'google-sub-customer1', email: 'Customer1@Example.vn', emailVerified: true };
    const f = await begin('google', '/contracts?tab=mine');
    const r = await finish(f);
    expect(r.statusCode, r.body).toBe(303);
    expect(r.headers.location).toBe('/contracts?tab=mine');
    const session = cookieOf(r, 'qldv_session')!;
    expect([r.headers['set-cookie']].flat().join('\n')).toMatch(/qldv_session=[^;]+;.*HttpOnly.*SameSite=Lax/i);
    const me = await s.http('GET', '/api/v1/me', { headers: { cookie: session } });
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe('customer1');
    expect(me.body.csrfToken).toBeTruthy();
    expect(await linksOf(customer1)).toEqual([{ provider: 'google', subject: 'google-sub-customer1', email: 'Customer1@Example.vn' }]);
    const login = await s.audit.list({ action: 'auth.login', entityId: customer1, page: 1, pageSize: 50 });
    expect(login.items.map((e) => e.after)).toContainEqual({ provider: 'google' });
    const linked = await s.audit.list({ action: 'user.external_identity_linked', entityId: customer1, page: 1, pageSize: 5 });
    expect(linked.items.map((e) => e.after)).toEqual([expect.objectContaining({ provider: 'google', subject: 'google-sub-customer1', matchedBy: 'email' })]);
    expect(google.refusals).toEqual([]);

    // The same Google account, its e-mail since changed: matched by subject.
    google.user = { sub: 'google-sub-customer1', email: 'new-address@gmail.example', emailVerified: true };
    const again = await finish(await begin('google', '/'));
    expect(again.statusCode, again.body).toBe(303);
    const me2 = await s.http('GET', '/api/v1/me', { headers: { cookie: cookieOf(again, 'qldv_session')! } });
    expect(me2.body.user.username).toBe('customer1');
    expect(await linksOf(customer1)).toHaveLength(1);
  });

  it('the state: only in the browser that started, once, within 10 minutes', async () => {
    google.user = { sub: 'google-sub-am1', email: 'am1@example.vn', emailVerified: true };
    const am1 = await userIdOf('am1');
    const before = await sessionsOf(am1);

    const f = await begin('google');
    const wrong = await finish(f, { params: { ...f.params, state: `${f.params.state.slice(0, -2)}xx` } });
    expect([wrong.statusCode, codeOf(wrong)]).toEqual([400, 'OIDC_STATE_INVALID']);
    const noCookie = await finish(f, { cookie: null });
    expect([noCookie.statusCode, codeOf(noCookie)]).toEqual([400, 'OIDC_STATE_INVALID']);
    const otherBrowser = await finish(f, { cookie: 'qldv_oidc=someone-elses-state' });
    expect(codeOf(otherBrowser)).toBe('OIDC_STATE_INVALID');
    const ok = await finish(f);
    expect(ok.statusCode, ok.body).toBe(303);
    const replay = await finish(f);
    expect([replay.statusCode, codeOf(replay)]).toEqual([400, 'OIDC_STATE_INVALID']);
    expect(await sessionsOf(am1)).toBe(before + 1);

    const late = await begin('google');
    s.clock.advanceMinutes(11);
    const expired = await finish(late);
    expect([expired.statusCode, codeOf(expired)]).toEqual([400, 'OIDC_STATE_INVALID']);
    expect(await sessionsOf(am1)).toBe(before + 1);
  });

  it('a browser that fails is sent to the login page with the code', async () => {
    const f = await begin('google');
    const r = await finish(f, { cookie: null, headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(r.statusCode).toBe(303);
    expect(r.headers.location).toBe('/login?oidcError=OIDC_STATE_INVALID');
  });

  it('refuses a wrong nonce, a bad signature, an expired token, another audience, the provider\'s refusal; no session, no link', async () => {
    const kam1 = await userIdOf('kam1');
    google.user = { sub: 'google-sub-kam1', email: 'kam1@example.vn', emailVerified: true };
    const cases: [NextToken, number, string, string?][] = [
      [{ nonce: 'not-the-nonce-of-this-sign-in' }, 401, 'OIDC_NONCE_MISMATCH'],
      [{ foreignKey: true }, 401, 'OIDC_TOKEN_INVALID', 'signature'],
      [{ ageSeconds: 3600 + 120 }, 401, 'OIDC_TOKEN_INVALID', 'expired'],
      [{ audience: 'someone-elses-client' }, 401, 'OIDC_TOKEN_INVALID', 'claim aud'],
      [{ issuer: 'https://evil.example' }, 401, 'OIDC_TOKEN_INVALID', 'claim iss'],
      [{ tokenError: 'invalid_grant' }, 401, 'OIDC_CODE_REJECTED'],
    ];
    for (const [next, status, code, reason] of cases) {
      const f = await begin('google');
      google.next = next;
      const r = await finish(f);
      expect([r.statusCode, codeOf(r)], JSON.stringify(next)).toEqual([status, code]);
      if (reason) expect(r.json().error.details.reason).toMatch(new RegExp(`^${reason}`));
    }
    const denied = await begin('google');
    const r = await finish(denied, { params: { state: denied.params.state, error: 'access_denied' } });
    expect([r.statusCode, codeOf(r)]).toEqual([401, 'OIDC_DENIED']);
    expect(await sessionsOf(kam1)).toBe(0);
    expect(await linksOf(kam1)).toEqual([]);
  });

  it('an unverified e-mail, an unknown e-mail, a disabled or locked account: each refused with its code', async () => {
    google.user = { sub: 'google-sub-unverified', email: 'ops1@example.vn', emailVerified: false };
    const unverified = await finish(await begin('google'));
    expect([unverified.statusCode, codeOf(unverified)]).toEqual([403, 'OIDC_EMAIL_UNVERIFIED']);

    google.user = { sub: 'google-sub-stranger', email: 'stranger@gmail.example', emailVerified: true };
    const unknown = await finish(await begin('google'));
    expect([unknown.statusCode, codeOf(unknown)]).toEqual([403, 'OIDC_ACCOUNT_NOT_FOUND']);
    expect(unknown.json().error.message).toMatch(/đăng ký tài khoản.*quản trị viên/);
    const en = await finish(await begin('google'), { headers: { 'accept-language': 'en' } });
    expect(en.json().error.message).toMatch(/register.*administrator/);
    const failed = await s.audit.list({ action: 'auth.login_failed', page: 1, pageSize: 50 });
    expect(failed.items.map((e) => e.after)).toContainEqual(expect.objectContaining({ reason: 'unknown_email', provider: 'google', email: 'stranger@gmail.example' }));

    // Password sign-in's one answer for a disabled or a locked account.
    const admin = await s.login('admin');
    const agent1 = await userIdOf('agent1');
    expect((await s.http('PATCH', `/api/v1/admin/users/${agent1}`, { token: admin, body: { status: 'disabled' } })).status).toBe(200);
    google.user = { sub: 'google-sub-agent1', email: 'agent1@example.vn', emailVerified: true };
    const disabled = await finish(await begin('google'));
    expect([disabled.statusCode, codeOf(disabled)]).toEqual([401, 'INVALID_CREDENTIALS']);
    const password = await s.http('POST', '/api/v1/auth/login', { body: { username: 'agent1', password: 'wrong-pass-1' } });
    expect(disabled.json().error.message).toBe(password.body.error.message);
    await s.http('PATCH', `/api/v1/admin/users/${agent1}`, { token: admin, body: { status: 'active' } });

    const until = new Date(s.clock.now().getTime() + 15 * 60_000).toISOString();
    await s.database.rows(sql`update identity.users set locked_until = ${until}::timestamptz where username = 'invoice1'`);
    google.user = { sub: 'google-sub-invoice1', email: 'invoice1@example.vn', emailVerified: true };
    const locked = await finish(await begin('google'));
    expect([locked.statusCode, codeOf(locked)]).toEqual([401, 'INVALID_CREDENTIALS']);
    const invoice1 = await userIdOf('invoice1');
    for (const [id, reason] of [[agent1, 'disabled'], [invoice1, 'locked']]) {
      const refused = await s.audit.list({ action: 'auth.login_refused', entityId: id, page: 1, pageSize: 5 });
      expect(refused.items.map((e) => e.after)).toContainEqual(expect.objectContaining({ reason, provider: 'google' }));
    }
    expect(await linksOf(invoice1)).toEqual([]);
    expect(await linksOf(agent1)).toEqual([]);
  });

  it('Apple: form_post back to a POST callback (no CSRF token needed there), the client secret an ES256 JWT the provider verified', async () => {
    const accountant1 = await userIdOf('accountant1');
    apple.user = { sub: '001234.abcdef.0999', email: 'accountant1@example.vn', emailVerified: true };
    const f = await begin('apple', '/invoices');
    expect(f.method).toBe('POST');
    expect(f.params.user).toBeTruthy(); // Apple's first sign-in carries the name: ignored
    // Signed in already by cookie in this browser: the form_post still needs no CSRF token.
    const other = cookieOf(await inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'Qldv@2026' } }), 'qldv_session')!;
    const r = await finish(f, { headers: { cookie: other } });
    expect(r.statusCode, r.body).toBe(303);
    expect(r.headers.location).toBe('/invoices');
    const me = await s.http('GET', '/api/v1/me', { headers: { cookie: cookieOf(r, 'qldv_session')! } });
    expect(me.body.user.username).toBe('accountant1');
    expect(await linksOf(accountant1)).toEqual([{ provider: 'apple', subject: '001234.abcdef.0999', email: 'accountant1@example.vn' }]);

    expect(apple.refusals).toEqual([]);
    const secret = apple.acceptedSecrets.at(-1)!;
    expect(decodeProtectedHeader(secret)).toEqual({ alg: 'ES256', kid: APPLE.keyId });
    const claims = decodeJwt(secret);
    expect(claims).toMatchObject({ iss: APPLE.teamId, sub: APPLE.id, aud: apple.issuer, iat: Math.floor(s.clock.now().getTime() / 1000) });

    // A replayed form_post finds no pending sign-in.
    expect(codeOf(await finish(f))).toBe('OIDC_STATE_INVALID');
  });

  it('unknown and unconfigured providers are 404 OIDC_PROVIDER_NOT_ENABLED; returnTo must stay on this site', async () => {
    for (const url of ['/api/v1/auth/oidc/facebook/start', '/api/v1/auth/oidc/facebook/callback?state=x&code=y']) {
      const r = await s.http('GET', url);
      expect([r.status, r.body.error.code]).toEqual([404, 'OIDC_PROVIDER_NOT_ENABLED']);
    }
    for (const returnTo of ['//evil.example/x', 'https://evil.example', '/\\evil.example']) {
      const r = await s.http('GET', `/api/v1/auth/oidc/google/start?returnTo=${encodeURIComponent(returnTo)}`);
      expect([r.status, r.body.error.code], returnTo).toEqual([400, 'OIDC_RETURN_TO_INVALID']);
    }
  });

  it('a second process (Google only) on the same database: finishes a sign-in the first started; Apple is off there', async () => {
    const second = await createTestSystem({
      // The same deployment: one public address (the redirect URI registered with the provider).
      env: { PUBLIC_BASE_URL: s.config.publicBaseUrl, OIDC_GOOGLE_CLIENT_ID: GOOGLE.id, OIDC_GOOGLE_CLIENT_SECRET: GOOGLE.secret, OIDC_GOOGLE_ISSUER: google.issuer },
      clock: s.clock,
      databaseUrl: s.config.database.kind === 'postgres' ? s.config.database.url : undefined,
    });
    try {
      expect((await second.http('GET', '/api/v1/auth/oidc/providers')).body).toEqual({ items: [{ id: 'google', name: 'Google' }] });
      const off = await second.http('GET', '/api/v1/auth/oidc/apple/start');
      expect([off.status, off.body.error.code]).toEqual([404, 'OIDC_PROVIDER_NOT_ENABLED']);
      const post = await second.server!.inject({ method: 'POST', url: '/api/v1/auth/oidc/apple/callback', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'state=x&code=y' });
      expect([post.statusCode, codeOf(post)]).toEqual([404, 'OIDC_PROVIDER_NOT_ENABLED']);
      if (driver === 'postgres') {
        google.user = { sub: 'google-sub-collector1', email: 'collector1@example.vn', emailVerified: true };
        const f = await begin('google', '/collection');
        const r = await finish(f, { system: second });
        expect(r.statusCode, r.body).toBe(303);
        expect((await second.http('GET', '/api/v1/me', { headers: { cookie: cookieOf(r, 'qldv_session')! } })).body.user.username).toBe('collector1');
      }
    } finally {
      await second.close();
    }
  }, 180_000);
});

describe('the OIDC client when the provider is unreachable', () => {
  it('answers 502 OIDC_PROVIDER_UNAVAILABLE, not a 500', async () => {
    const client = new OidcClient([{ id: 'google', issuer: 'http://127.0.0.1:9', clientId: 'c', clientAuth: { kind: 'secret', secret: 's' } }], systemClock);
    const err = await client.discover(client.provider('google')).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'OIDC_PROVIDER_UNAVAILABLE', status: 502 });
  });
});
