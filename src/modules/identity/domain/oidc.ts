import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Sign-in with Google and Apple (OpenID Connect, authorization code flow with PKCE): the pure rules.
 * The network part (discovery, token endpoint, JWKS) is in `../oidc-client.ts`.
 */
export type OidcProviderId = 'google' | 'apple';

/**
 * A configured OpenID Connect provider (config.ts builds these): how its token endpoint is called — a client
 * secret (Google), or an ES256 JWT signed per request with the team's key (Apple, PKCS#8 PEM).
 */
export interface OidcProviderSettings {
  id: OidcProviderId;
  issuer: string;
  clientId: string;
  clientAuth: { kind: 'secret'; secret: string } | { kind: 'apple_jwt'; teamId: string; keyId: string; privateKeyPem: string };
}

/** A pending sign-in lives 10 minutes; its state works once. */
export const LOGIN_TTL_MS = 10 * 60_000;
/** Where the browser goes after a failed sign-in; the login page shows the code's text. */
export const LOGIN_PAGE = '/login';

/** How each provider is spoken to. Apple returns the code by POST (form_post) when e-mail is asked for. */
export const PROVIDER_PROFILES: Record<OidcProviderId, { name: string; scope: string; responseMode: 'query' | 'form_post' }> = {
  google: { name: 'Google', scope: 'openid email profile', responseMode: 'query' },
  apple: { name: 'Apple', scope: 'openid email', responseMode: 'form_post' },
};

/** 256 bits, URL-safe (a PKCE verifier of 43 characters, RFC 7636 §4.1). */
const secret = () => randomBytes(32).toString('base64url');

/** A fresh state (ties the callback to this sign-in), nonce (ties the id_token to it) and PKCE verifier. */
export function newLoginSecrets(): { state: string; nonce: string; codeVerifier: string } {
  return { state: secret(), nonce: secret(), codeVerifier: secret() };
}

/** PKCE S256: BASE64URL(SHA256(verifier)) (RFC 7636 §4.2). */
export const pkceChallenge = (verifier: string): string => createHash('sha256').update(verifier, 'ascii').digest('base64url');

/** Equal strings, compared in constant time (a state from the browser against the one it was given). */
export function sameSecret(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Where to go after signing in: a path on this site, or null for anything that could leave it
 * (`//host`, `/\host`, a scheme, control characters). Nothing given: the home page.
 */
export function localReturnTo(raw: string | undefined): string | null {
  if (raw === undefined || raw === '') return '/';
  if (raw.length > 500 || !raw.startsWith('/') || raw.startsWith('//') || /[\\\u0000-\u001f\u007f]/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, 'http://qldv.invalid');
  } catch {
    return null;
  }
  if (url.origin !== 'http://qldv.invalid') return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The redirect URI registered with the provider: `<PUBLIC_BASE_URL>/api/v1/auth/oidc/<provider>/callback`. */
export const redirectUriOf = (publicBaseUrl: string, provider: OidcProviderId): string =>
  `${publicBaseUrl.replace(/\/$/, '')}/api/v1/auth/oidc/${provider}/callback`;

/** The provider's discovery document (`<issuer>/.well-known/openid-configuration`). */
export const discoveryUrlOf = (issuer: string): string => `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;

/** The authorization request (code flow, PKCE S256, state and nonce). */
export function authorizationUrl(
  endpoint: string,
  p: { provider: OidcProviderId; clientId: string; redirectUri: string; state: string; nonce: string; codeVerifier: string },
): string {
  const profile = PROVIDER_PROFILES[p.provider];
  const url = new URL(endpoint);
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: p.clientId,
    redirect_uri: p.redirectUri,
    scope: profile.scope,
    state: p.state,
    nonce: p.nonce,
    code_challenge: pkceChallenge(p.codeVerifier),
    code_challenge_method: 'S256',
  };
  if (profile.responseMode === 'form_post') params.response_mode = 'form_post';
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

export interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  id_token_signing_alg_values_supported?: string[];
}

const isHttpUrl = (v: unknown): v is string => {
  if (typeof v !== 'string') return false;
  try {
    return /^https?:$/.test(new URL(v).protocol);
  } catch {
    return false;
  }
};

/** What is wrong with a discovery document for `issuer` (it must name the same issuer, OIDC Discovery §4.3), or null. */
export function discoveryProblem(doc: unknown, issuer: string): string | null {
  if (!doc || typeof doc !== 'object') return 'not a JSON object';
  const d = doc as Record<string, unknown>;
  if (d.issuer !== issuer) return `issuer ${JSON.stringify(d.issuer)?.slice(0, 100)} is not ${issuer}`;
  for (const k of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) if (!isHttpUrl(d[k])) return `${k} is not a URL`;
  const algs = d.id_token_signing_alg_values_supported;
  if (algs !== undefined && !(Array.isArray(algs) && algs.every((a) => typeof a === 'string'))) return 'id_token_signing_alg_values_supported is not a list';
  return null;
}

/** Asymmetric algorithms an id_token may be signed with (never `none`, never HMAC with the client secret). */
const SIGNING_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** The algorithms to accept: those the provider announces that we accept; RS256 when it announces none (OIDC Core §15.1). */
export function acceptedAlgorithms(doc: Discovery): string[] {
  const announced = doc.id_token_signing_alg_values_supported ?? ['RS256'];
  return announced.filter((a) => SIGNING_ALGORITHMS.includes(a));
}

/** Issuers an id_token may name: the discovered one; Google also writes it without the scheme (its documentation). */
export function acceptedIssuers(issuer: string): string[] {
  return issuer === 'https://accounts.google.com' ? [issuer, 'accounts.google.com'] : [issuer];
}

export type ClaimProblem = 'nonce' | 'azp' | 'subject' | 'email_missing' | 'email_unverified';

/** The identity an id_token proves, once its claims pass. */
export interface ExternalIdentity {
  provider: OidcProviderId;
  subject: string;
  email: string;
}

/**
 * The checks left after the signature, `iss`, `aud` and `exp` (verified with the provider's keys): the nonce
 * of this sign-in, `azp` when present, a subject, and a verified e-mail (Apple sends `"true"` as text).
 */
export function claimProblem(claims: Record<string, unknown>, expected: { nonce: string; clientId: string }): ClaimProblem | null {
  if (typeof claims.nonce !== 'string' || !sameSecret(claims.nonce, expected.nonce)) return 'nonce';
  const aud = claims.aud;
  if (claims.azp !== undefined ? claims.azp !== expected.clientId : Array.isArray(aud) && aud.length > 1) return 'azp';
  if (typeof claims.sub !== 'string' || claims.sub.length === 0 || claims.sub.length > 255) return 'subject';
  if (typeof claims.email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(claims.email.trim()) || claims.email.length > 200) return 'email_missing';
  if (claims.email_verified !== true && claims.email_verified !== 'true') return 'email_unverified';
  return null;
}

/**
 * Apple's client secret: a JWT signed ES256 with the team's key (header `kid` = the key id), issued by the
 * team to Apple for the client id, short-lived (Apple allows up to 6 months; one is made per token request).
 */
export function appleClientSecretClaims(now: Date, p: { teamId: string; clientId: string; audience: string }) {
  const iat = Math.floor(now.getTime() / 1000);
  return { iss: p.teamId, sub: p.clientId, aud: p.audience, iat, exp: iat + 300 };
}

/** The login page with a failed sign-in's code (the page shows its text). */
export const failurePath = (code: string): string => `${LOGIN_PAGE}?oidcError=${encodeURIComponent(code)}`;
