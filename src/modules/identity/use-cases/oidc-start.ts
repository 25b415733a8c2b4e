import { lt } from 'drizzle-orm';
import { oidcLogins } from '../db/schema.ts';
import type { IdentityDeps } from '../deps.ts';
import { authorizationUrl, LOGIN_TTL_MS, localReturnTo, newLoginSecrets, PROVIDER_PROFILES, redirectUriOf } from '../domain/oidc.ts';
import { sha256 } from '../domain/tokens.ts';
import { identityError } from '../errors.ts';

export interface OidcStart {
  /** The provider's authorization URL to send the browser to. */
  url: string;
  /** The state, also kept in an HttpOnly cookie: the callback must come back to the browser that started. */
  state: string;
  /** Apple posts the callback from its own site (form_post): its cookie must be SameSite=None to come along. */
  crossSitePost: boolean;
}

/**
 * Starts a sign-in with Google or Apple: state, nonce and PKCE verifier stored (sha256 of the state as the key,
 * 10 minutes) in the database — whichever process gets the callback finds them — and the authorization URL.
 * The provider's discovery document is fetched before any write; expired pending sign-ins are swept here.
 */
export async function startOidcLogin(d: IdentityDeps, provider: string, returnTo: string | undefined): Promise<OidcStart> {
  const p = d.oidc.provider(provider);
  const back = localReturnTo(returnTo);
  if (back === null) throw identityError('OIDC_RETURN_TO_INVALID');
  const doc = await d.oidc.discover(p);
  const now = d.clock.now();
  const { state, nonce, codeVerifier } = newLoginSecrets();
  await d.database.db.delete(oidcLogins).where(lt(oidcLogins.expiresAt, now));
  await d.database.db.insert(oidcLogins).values({
    stateHash: sha256(state),
    provider: p.id,
    nonce,
    codeVerifier,
    returnTo: back,
    createdAt: now,
    expiresAt: new Date(now.getTime() + LOGIN_TTL_MS),
  });
  const redirectUri = redirectUriOf(d.settings.oidc!.publicBaseUrl, p.id);
  const url = authorizationUrl(doc.authorization_endpoint, { provider: p.id, clientId: p.clientId, redirectUri, state, nonce, codeVerifier });
  return { url, state, crossSitePost: PROVIDER_PROFILES[p.id].responseMode === 'form_post' };
}
