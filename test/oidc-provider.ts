import { createHash, createPublicKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, jwtVerify, SignJWT } from 'jose';

/**
 * A local OpenID Connect provider for tests, speaking the real protocol over HTTP: discovery, a JWKS with a
 * generated RSA key, an authorization endpoint that signs in `sim.user` at once and sends the browser back
 * with a code (query, or Apple's form_post page), and a token endpoint that checks the code (single use,
 * same redirect URI), the PKCE verifier (S256) and the client's authentication — a client secret, or in
 * `apple` mode Apple's ES256 client-secret JWT against the team's public key — and answers a signed id_token.
 * `sim.next` bends the next id_token (wrong nonce, other key, expired, unverified e-mail …) to test refusals.
 */
export interface SimUser {
  sub: string;
  email: string;
  emailVerified: boolean;
}

export interface NextToken {
  nonce?: string;
  /** Signed with a key the JWKS does not hold (same kid). */
  foreignKey?: boolean;
  /** Issued this many seconds before now (exp = iat + 3600). */
  ageSeconds?: number;
  audience?: string;
  issuer?: string;
  /** The token endpoint refuses the code with this OAuth error. */
  tokenError?: string;
}

export interface OidcProviderSim {
  issuer: string;
  user: SimUser;
  next: NextToken;
  /** Requests the token endpoint refused, with the reason (what the tests assert the client got right). */
  refusals: string[];
  /** Client secrets the token endpoint accepted (Apple mode: the JWTs). */
  acceptedSecrets: string[];
  close(): Promise<void>;
}

export interface SimOptions {
  clientId: string;
  /** Google-style: this client secret (client_secret_post or HTTP Basic). */
  clientSecret?: string;
  /** Apple-style: client secrets are ES256 JWTs from this team, signed with the key of this id. */
  apple?: { teamId: string; keyId: string; publicKey: KeyObject };
  /** The provider's clock (tests run on a fixed one). */
  now: () => Date;
  user?: SimUser;
}

const b64url = (buf: Buffer) => buf.toString('base64url');

export async function startOidcProvider(opts: SimOptions): Promise<OidcProviderSim> {
  const signing = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const foreign = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = b64url(randomBytes(8));
  const jwk = { ...(await exportJWK(signing.publicKey)), kid, alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { clientId: string; redirectUri: string; challenge: string; nonce?: string; user: SimUser }>();
  let issuer = '';

  const sim: OidcProviderSim = {
    issuer: '',
    user: opts.user ?? { sub: 'sim-subject-1', email: 'customer1@example.vn', emailVerified: true },
    next: {},
    refusals: [],
    acceptedSecrets: [],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const refuse = (res: ServerResponse, error: string, why: string, status = 400) => {
    sim.refusals.push(`${error}: ${why}`);
    json(res, status, { error, error_description: why });
  };
  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      let data = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (data += c));
      req.on('end', () => resolve(data));
      req.on('error', reject);
    });

  const discovery = () => ({
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    jwks_uri: `${issuer}/jwks`,
    response_types_supported: ['code'],
    response_modes_supported: ['query', 'form_post'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    scopes_supported: ['openid', 'email', 'profile', 'name'],
    token_endpoint_auth_methods_supported: opts.apple ? ['client_secret_post'] : ['client_secret_post', 'client_secret_basic'],
    code_challenge_methods_supported: ['S256'],
    claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'nonce', 'email', 'email_verified'],
  });

  function authorize(url: URL, res: ServerResponse) {
    const q = Object.fromEntries(url.searchParams);
    if (q.client_id !== opts.clientId) return refuse(res, 'invalid_client', `unknown client_id ${q.client_id}`);
    if (q.response_type !== 'code') return refuse(res, 'unsupported_response_type', String(q.response_type));
    if (!q.scope?.split(' ').includes('openid')) return refuse(res, 'invalid_scope', 'openid missing');
    if (q.code_challenge_method !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(q.code_challenge ?? '')) return refuse(res, 'invalid_request', 'PKCE S256 required');
    if (!q.redirect_uri || !q.state) return refuse(res, 'invalid_request', 'redirect_uri and state required');
    const code = b64url(randomBytes(24));
    codes.set(code, { clientId: q.client_id, redirectUri: q.redirect_uri, challenge: q.code_challenge, nonce: q.nonce, user: { ...sim.user } });
    if (q.response_mode === 'form_post') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      const field = (name: string, value: string) => `<input type="hidden" name="${name}" value="${value.replace(/"/g, '&quot;')}">`;
      res.end(
        `<!doctype html><html><body onload="document.forms[0].submit()"><form method="post" action="${q.redirect_uri}">` +
          `${field('code', code)}${field('state', q.state)}${field('user', JSON.stringify({ name: { firstName: 'Khách', lastName: 'Hàng' } }))}` +
          `</form></body></html>`,
      );
      return;
    }
    const back = new URL(q.redirect_uri);
    back.searchParams.set('code', code);
    back.searchParams.set('state', q.state);
    back.searchParams.set('iss', issuer);
    res.writeHead(302, { location: back.toString() });
    res.end();
  }

  async function clientAuthenticated(form: URLSearchParams, req: IncomingMessage): Promise<string | null> {
    const basic = req.headers.authorization?.match(/^Basic (.+)$/)?.[1];
    const [id, secret] = basic ? Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent) : [form.get('client_id'), form.get('client_secret')];
    if (id !== opts.clientId) return `client_id ${id}`;
    if (!secret) return 'no client secret';
    if (!opts.apple) return secret === opts.clientSecret ? null : 'wrong client secret';
    try {
      const { payload, protectedHeader } = await jwtVerify(secret, opts.apple.publicKey, {
        algorithms: ['ES256'],
        issuer: opts.apple.teamId,
        subject: opts.clientId,
        audience: issuer,
        currentDate: opts.now(),
        requiredClaims: ['iat', 'exp'],
      });
      if (protectedHeader.kid !== opts.apple.keyId) return `client secret kid ${protectedHeader.kid}`;
      if (payload.exp! - payload.iat! > 15_777_000) return 'client secret lives more than 6 months';
      return null;
    } catch (err) {
      return `client secret JWT: ${(err as Error).message}`;
    }
  }

  async function token(req: IncomingMessage, res: ServerResponse) {
    const form = new URLSearchParams(await readBody(req));
    const authProblem = await clientAuthenticated(form, req);
    if (authProblem) return refuse(res, 'invalid_client', authProblem, 401);
    if (form.get('grant_type') !== 'authorization_code') return refuse(res, 'unsupported_grant_type', String(form.get('grant_type')));
    const grant = codes.get(form.get('code') ?? '');
    codes.delete(form.get('code') ?? '');
    if (!grant) return refuse(res, 'invalid_grant', 'unknown or used code');
    if (grant.redirectUri !== form.get('redirect_uri')) return refuse(res, 'invalid_grant', 'redirect_uri differs');
    const verifier = form.get('code_verifier') ?? '';
    if (b64url(createHash('sha256').update(verifier).digest()) !== grant.challenge) return refuse(res, 'invalid_grant', 'PKCE verifier does not match');
    const next = sim.next;
    sim.next = {};
    if (next.tokenError) return refuse(res, next.tokenError, 'told to');
    sim.acceptedSecrets.push(form.get('client_secret') ?? '');
    const iat = Math.floor(opts.now().getTime() / 1000) - (next.ageSeconds ?? 0);
    const claims: Record<string, unknown> = {
      sub: grant.user.sub,
      email: grant.user.email,
      // Apple writes booleans as text.
      email_verified: opts.apple ? String(grant.user.emailVerified) : grant.user.emailVerified,
      nonce: next.nonce ?? grant.nonce,
    };
    const idToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(next.issuer ?? issuer)
      .setAudience(next.audience ?? grant.clientId)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 3600)
      .sign(next.foreignKey ? foreign.privateKey : signing.privateKey);
    json(res, 200, { access_token: b64url(randomBytes(24)), token_type: 'Bearer', expires_in: 3600, id_token: idToken });
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const route = `${req.method} ${url.pathname}`;
    const done = (p: Promise<void> | void) => Promise.resolve(p).catch((err) => json(res, 500, { error: 'server_error', error_description: String(err) }));
    if (route === 'GET /.well-known/openid-configuration') return json(res, 200, discovery());
    if (route === 'GET /jwks') return json(res, 200, { keys: [jwk] });
    if (route === 'GET /authorize') return done(authorize(url, res));
    if (route === 'POST /token') return done(token(req, res));
    // Test control (browser tests run in another process than the one that started the provider).
    if (route === 'PUT /_sim/user')
      return done(
        readBody(req).then((b) => {
          sim.user = JSON.parse(b) as SimUser;
          json(res, 200, sim.user);
        }),
      );
    json(res, 404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sim.issuer = issuer;
  return sim;
}

/** An Apple-style key pair: the PKCS#8 PEM for OIDC_APPLE_PRIVATE_KEY and the public key the simulator checks with. */
export function appleKeyPair(): { privateKeyPem: string; publicKey: KeyObject } {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKey: createPublicKey(privateKey) };
}
