import { describe, expect, it } from 'vitest';
import {
  acceptedAlgorithms,
  acceptedIssuers,
  appleClientSecretClaims,
  authorizationUrl,
  claimProblem,
  discoveryProblem,
  discoveryUrlOf,
  failurePath,
  localReturnTo,
  newLoginSecrets,
  pkceChallenge,
  redirectUriOf,
  sameSecret,
} from './oidc.ts';

describe('OpenID Connect rules', () => {
  it('PKCE S256 is BASE64URL(SHA256(verifier)): the example of RFC 7636 appendix B', () => {
    expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('state, nonce and verifier are fresh 43-character URL-safe secrets', () => {
    const a = newLoginSecrets();
    const b = newLoginSecrets();
    for (const v of [...Object.values(a), ...Object.values(b)]) expect(v).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set([...Object.values(a), ...Object.values(b)]).size).toBe(6);
  });

  it('compares secrets in full, refusing a missing one', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sameSecret('abc', 'abcd')).toBe(false);
    expect(sameSecret(undefined, 'abc')).toBe(false);
    expect(sameSecret('', '')).toBe(false);
  });

  it('returns only to a path on this site', () => {
    expect(localReturnTo(undefined)).toBe('/');
    expect(localReturnTo('')).toBe('/');
    expect(localReturnTo('/contracts?status=active#top')).toBe('/contracts?status=active#top');
    expect(localReturnTo('/meeting/rooms/x y')).toBe('/meeting/rooms/x%20y');
    expect(localReturnTo('/a/../b')).toBe('/b');
    for (const bad of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', 'contracts', '/a\nb', '/\t/evil.example', `/${'a'.repeat(500)}`]) {
      expect(localReturnTo(bad), bad).toBeNull();
    }
  });

  it('builds the redirect URI, discovery URL and failure page', () => {
    expect(redirectUriOf('https://qldv.mobifone.vn/', 'google')).toBe('https://qldv.mobifone.vn/api/v1/auth/oidc/google/callback');
    expect(discoveryUrlOf('https://accounts.google.com')).toBe('https://accounts.google.com/.well-known/openid-configuration');
    expect(discoveryUrlOf('https://idp.example/tenant/')).toBe('https://idp.example/tenant/.well-known/openid-configuration');
    expect(failurePath('OIDC_STATE_INVALID')).toBe('/login?oidcError=OIDC_STATE_INVALID');
  });

  it('asks for the code with PKCE S256, state and nonce; Apple by form_post', () => {
    const input = { clientId: 'cid', redirectUri: 'https://q.vn/cb', state: 'st', nonce: 'no', codeVerifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk' };
    const google = new URL(authorizationUrl('https://accounts.google.com/o/oauth2/v2/auth?hl=vi', { provider: 'google', ...input }));
    expect(Object.fromEntries(google.searchParams)).toEqual({
      hl: 'vi',
      response_type: 'code',
      client_id: 'cid',
      redirect_uri: 'https://q.vn/cb',
      scope: 'openid email profile',
      state: 'st',
      nonce: 'no',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    const apple = new URL(authorizationUrl('https://appleid.apple.com/auth/authorize', { provider: 'apple', ...input }));
    expect(apple.searchParams.get('response_mode')).toBe('form_post');
    expect(apple.searchParams.get('scope')).toBe('openid email');
  });

  it('takes a discovery document only for the configured issuer, with its endpoints', () => {
    const doc = { issuer: 'https://idp.example', authorization_endpoint: 'https://idp.example/a', token_endpoint: 'https://idp.example/t', jwks_uri: 'https://idp.example/k' };
    expect(discoveryProblem(doc, 'https://idp.example')).toBeNull();
    expect(discoveryProblem(doc, 'https://other.example')).toMatch(/issuer/);
    expect(discoveryProblem({ ...doc, jwks_uri: 'not a url' }, 'https://idp.example')).toMatch(/jwks_uri/);
    expect(discoveryProblem({ ...doc, token_endpoint: undefined }, 'https://idp.example')).toMatch(/token_endpoint/);
    expect(discoveryProblem({ ...doc, id_token_signing_alg_values_supported: 'RS256' }, 'https://idp.example')).toMatch(/list/);
    expect(discoveryProblem('<html>', 'https://idp.example')).toMatch(/object/);
    expect(discoveryProblem(null, 'https://idp.example')).toMatch(/object/);
  });

  it('accepts asymmetric algorithms only, RS256 when none is announced; Google issuers with and without scheme', () => {
    const doc = { issuer: 'x', authorization_endpoint: 'x', token_endpoint: 'x', jwks_uri: 'x' };
    expect(acceptedAlgorithms(doc)).toEqual(['RS256']);
    expect(acceptedAlgorithms({ ...doc, id_token_signing_alg_values_supported: ['none', 'HS256', 'RS256', 'ES256'] })).toEqual(['RS256', 'ES256']);
    expect(acceptedAlgorithms({ ...doc, id_token_signing_alg_values_supported: ['HS256'] })).toEqual([]);
    expect(acceptedIssuers('https://accounts.google.com')).toEqual(['https://accounts.google.com', 'accounts.google.com']);
    expect(acceptedIssuers('https://appleid.apple.com')).toEqual(['https://appleid.apple.com']);
  });

  it('checks the nonce, azp, subject and a verified e-mail (true or Apple\'s "true")', () => {
    const expected = { nonce: 'n1', clientId: 'cid' };
    const ok = { sub: '1234', aud: 'cid', nonce: 'n1', email: 'an@example.vn', email_verified: true };
    expect(claimProblem(ok, expected)).toBeNull();
    expect(claimProblem({ ...ok, email_verified: 'true' }, expected)).toBeNull();
    expect(claimProblem({ ...ok, azp: 'cid', aud: ['cid', 'other'] }, expected)).toBeNull();
    expect(claimProblem({ ...ok, nonce: 'n2' }, expected)).toBe('nonce');
    expect(claimProblem({ ...ok, nonce: undefined }, expected)).toBe('nonce');
    expect(claimProblem({ ...ok, azp: 'other' }, expected)).toBe('azp');
    expect(claimProblem({ ...ok, aud: ['cid', 'other'] }, expected)).toBe('azp');
    expect(claimProblem({ ...ok, sub: '' }, expected)).toBe('subject');
    expect(claimProblem({ ...ok, email: undefined }, expected)).toBe('email_missing');
    expect(claimProblem({ ...ok, email: 'no-at-sign' }, expected)).toBe('email_missing');
    expect(claimProblem({ ...ok, email_verified: false }, expected)).toBe('email_unverified');
    expect(claimProblem({ ...ok, email_verified: 'false' }, expected)).toBe('email_unverified');
    expect(claimProblem({ ...ok, email_verified: undefined }, expected)).toBe('email_unverified');
  });

  it("Apple's client secret: the team issues it for the client id to Apple, for five minutes", () => {
    const c = appleClientSecretClaims(new Date('2026-03-02T02:00:00Z'), { teamId: 'TEAM123456', clientId: 'vn.mobifone.qldv', audience: 'https://appleid.apple.com' });
    expect(c).toEqual({ iss: 'TEAM123456', sub: 'vn.mobifone.qldv', aud: 'https://appleid.apple.com', iat: 1772416800, exp: 1772417100 });
  });
});
