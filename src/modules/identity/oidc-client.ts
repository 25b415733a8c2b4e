import { createPrivateKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors as jose, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { Clock } from '../../platform/clock.ts';
import type { AppError } from '../../platform/errors.ts';
import {
  acceptedAlgorithms,
  acceptedIssuers,
  appleClientSecretClaims,
  discoveryProblem,
  discoveryUrlOf,
  PROVIDER_PROFILES,
  type Discovery,
  type OidcProviderId,
  type OidcProviderSettings,
} from './domain/oidc.ts';
import { identityError } from './errors.ts';

const TIMEOUT_MS = 10_000;
/** Discovery documents are kept an hour per process (they are the provider's public metadata, not our state). */
const DISCOVERY_TTL_MS = 3_600_000;
/** Clock skew allowed on exp / iat between us and the provider. */
const CLOCK_TOLERANCE_S = 60;

/**
 * The network side of OpenID Connect: discovery, the token endpoint (client secret or Apple's ES256 client
 * secret) and id_token verification against the provider's JWKS (with `jose`). Called outside any transaction.
 * Every failure is an AppError: the provider unreachable → OIDC_PROVIDER_UNAVAILABLE (502), a refused code →
 * OIDC_CODE_REJECTED, a bad token → OIDC_TOKEN_INVALID with the reason in `details`.
 */
export class OidcClient {
  private readonly discoveries = new Map<string, { doc: Discovery; until: number }>();
  private readonly keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
  private readonly signingKeys = new Map<string, KeyObject>();

  constructor(
    private readonly providers: readonly OidcProviderSettings[],
    private readonly clock: Clock,
  ) {}

  /** The enabled providers, in configuration order. */
  list(): { id: OidcProviderId; name: string }[] {
    return this.providers.map((p) => ({ id: p.id, name: PROVIDER_PROFILES[p.id].name }));
  }

  /** An enabled provider by id, else 404 OIDC_PROVIDER_NOT_ENABLED (an unknown id and a disabled one alike). */
  provider(id: string): OidcProviderSettings {
    const p = this.providers.find((x) => x.id === id);
    if (!p) throw identityError('OIDC_PROVIDER_NOT_ENABLED', { provider: id.slice(0, 40) });
    return p;
  }

  async discover(p: OidcProviderSettings): Promise<Discovery> {
    const cached = this.discoveries.get(p.id);
    if (cached && cached.until > Date.now()) return cached.doc;
    const doc = await this.fetchJson(p, discoveryUrlOf(p.issuer), { headers: { accept: 'application/json' } });
    const problem = discoveryProblem(doc.body, p.issuer);
    if (!doc.ok || problem) throw unavailable(p, doc.ok ? `discovery: ${problem}` : `discovery: HTTP ${doc.status}`);
    const d = doc.body as Discovery;
    this.discoveries.set(p.id, { doc: d, until: Date.now() + DISCOVERY_TTL_MS });
    return d;
  }

  /** The authorization code for tokens (PKCE verifier, client authentication by client_secret_post); the id_token. */
  async exchangeCode(p: OidcProviderSettings, doc: Discovery, input: { code: string; redirectUri: string; codeVerifier: string }): Promise<string> {
    const form = new URLSearchParams({
      grant_type: 'authorization_code',
      code: input.code,
      redirect_uri: input.redirectUri,
      code_verifier: input.codeVerifier,
      client_id: p.clientId,
      client_secret: await this.clientSecret(p),
    });
    const res = await this.fetchJson(p, doc.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
    });
    if (res.status >= 500) throw unavailable(p, `token endpoint: HTTP ${res.status}`);
    const body = (res.body ?? {}) as Record<string, unknown>;
    if (!res.ok) throw identityError('OIDC_CODE_REJECTED', { provider: p.id, error: typeof body.error === 'string' ? body.error.slice(0, 100) : `HTTP ${res.status}` });
    if (typeof body.id_token !== 'string') throw identityError('OIDC_TOKEN_INVALID', { provider: p.id, reason: 'no id_token in the token response' });
    return body.id_token;
  }

  /** Signature (the provider's JWKS, announced asymmetric algorithms only), iss, aud, exp and iat; the claims. */
  async verifyIdToken(p: OidcProviderSettings, doc: Discovery, idToken: string): Promise<JWTPayload> {
    const algorithms = acceptedAlgorithms(doc);
    if (algorithms.length === 0) throw unavailable(p, 'discovery announces no acceptable id_token algorithm');
    try {
      const { payload } = await jwtVerify(idToken, this.keySet(doc.jwks_uri), {
        issuer: acceptedIssuers(doc.issuer),
        audience: p.clientId,
        algorithms,
        currentDate: this.clock.now(),
        clockTolerance: CLOCK_TOLERANCE_S,
        requiredClaims: ['iss', 'aud', 'exp', 'iat', 'sub'],
      });
      return payload;
    } catch (err) {
      throw tokenError(p, err);
    }
  }

  private keySet(uri: string) {
    let set = this.keySets.get(uri);
    if (!set) {
      set = createRemoteJWKSet(new URL(uri), { timeoutDuration: TIMEOUT_MS, cooldownDuration: 30_000, cacheMaxAge: 600_000 });
      this.keySets.set(uri, set);
    }
    return set;
  }

  /** Google: the configured secret. Apple: an ES256 JWT signed now with the team's key. */
  private async clientSecret(p: OidcProviderSettings): Promise<string> {
    const auth = p.clientAuth;
    if (auth.kind === 'secret') return auth.secret;
    let key = this.signingKeys.get(p.id);
    if (!key) {
      key = createPrivateKey(auth.privateKeyPem);
      this.signingKeys.set(p.id, key);
    }
    const c = appleClientSecretClaims(this.clock.now(), { teamId: auth.teamId, clientId: p.clientId, audience: p.issuer });
    return new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: auth.keyId })
      .setIssuer(c.iss)
      .setSubject(c.sub)
      .setAudience(c.aud)
      .setIssuedAt(c.iat)
      .setExpirationTime(c.exp)
      .sign(key);
  }

  private async fetchJson(p: OidcProviderSettings, url: string, init: RequestInit): Promise<{ ok: boolean; status: number; body: unknown }> {
    let res: Response;
    try {
      res = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (err) {
      throw unavailable(p, `${new URL(url).pathname}: ${(err as Error).name === 'TimeoutError' ? 'timed out' : 'unreachable'}`);
    }
    const text = await res.text().catch(() => '');
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: left null */
    }
    return { ok: res.ok, status: res.status, body };
  }
}

const unavailable = (p: OidcProviderSettings, reason: string): AppError => identityError('OIDC_PROVIDER_UNAVAILABLE', { provider: p.id, reason });

/** A verification failure: the provider's key set unreachable is its fault (502); anything else is the token's (401). */
function tokenError(p: OidcProviderSettings, err: unknown): AppError {
  if (!(err instanceof jose.JOSEError) || err instanceof jose.JWKSTimeout || err instanceof jose.JWKSInvalid || /JSON Web Key Set HTTP response/.test(err.message)) {
    return unavailable(p, `JWKS: ${(err as Error).message?.slice(0, 200)}`);
  }
  const reason =
    err instanceof jose.JWTExpired
      ? 'expired'
      : err instanceof jose.JWTClaimValidationFailed
        ? `claim ${err.claim}: ${err.reason}`
        : err instanceof jose.JWSSignatureVerificationFailed || err instanceof jose.JWKSNoMatchingKey
          ? 'signature'
          : err instanceof jose.JOSEAlgNotAllowed
            ? 'algorithm not allowed'
            : 'malformed';
  return identityError('OIDC_TOKEN_INVALID', { provider: p.id, reason });
}
