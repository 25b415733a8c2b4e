import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import type { AppError } from '../../../platform/errors.ts';
import { externalIdentities, oidcLogins, users } from '../db/schema.ts';
import type { IdentityDeps } from '../deps.ts';
import { claimProblem, redirectUriOf, sameSecret, type ExternalIdentity } from '../domain/oidc.ts';
import { isLocked } from '../domain/passwords.ts';
import { sha256 } from '../domain/tokens.ts';
import { identityError } from '../errors.ts';
import { actorOf, notLockedAt, type UserRow } from '../queries.ts';
import type { SignedIn } from '../types.ts';
import { openSession } from './open-session.ts';

/** What the provider sends back to the callback (query string, or Apple's form_post body). */
export interface OidcCallback {
  state?: string;
  code?: string;
  error?: string;
}

/**
 * The callback of a Google / Apple sign-in. In order, each failure its own code:
 * the state must be the one this browser was given (cookie) and still pending (taken once, 10 minutes) →
 * OIDC_STATE_INVALID; the provider's own refusal → OIDC_DENIED; the code exchanged with the PKCE verifier →
 * OIDC_CODE_REJECTED; the id_token verified against the provider's JWKS (signature, iss, aud, exp) →
 * OIDC_TOKEN_INVALID; its nonce → OIDC_NONCE_MISMATCH; a verified e-mail → OIDC_EMAIL_UNVERIFIED. Then the
 * account (see `signInExternal`). The network calls run outside any transaction.
 */
export async function finishOidcLogin(
  d: IdentityDeps,
  ctx: Ctx,
  provider: string,
  cb: OidcCallback,
  boundState: string | undefined,
  meta: { userAgent?: string } = {},
): Promise<SignedIn & { returnTo: string }> {
  const p = d.oidc.provider(provider);
  if (!cb.state || !sameSecret(cb.state, boundState)) throw identityError('OIDC_STATE_INVALID');
  const now = d.clock.now();
  // Taken once: a replayed or parallel callback with the same state finds nothing.
  const [login] = await d.database.db
    .delete(oidcLogins)
    .where(and(eq(oidcLogins.stateHash, sha256(cb.state)), eq(oidcLogins.provider, p.id)))
    .returning();
  if (!login || login.expiresAt <= now) throw identityError('OIDC_STATE_INVALID');
  if (cb.error) throw identityError('OIDC_DENIED', { provider: p.id, error: cb.error.slice(0, 100) });
  if (!cb.code) throw identityError('OIDC_CODE_REJECTED', { provider: p.id, error: 'no code in the callback' });

  const doc = await d.oidc.discover(p);
  const redirectUri = redirectUriOf(d.settings.oidc!.publicBaseUrl, p.id);
  const idToken = await d.oidc.exchangeCode(p, doc, { code: cb.code, redirectUri, codeVerifier: login.codeVerifier });
  const claims = await d.oidc.verifyIdToken(p, doc, idToken);
  const problem = claimProblem(claims, { nonce: login.nonce, clientId: p.clientId });
  if (problem === 'nonce') throw identityError('OIDC_NONCE_MISMATCH', { provider: p.id });
  if (problem === 'email_missing' || problem === 'email_unverified') throw identityError('OIDC_EMAIL_UNVERIFIED', { provider: p.id });
  if (problem) throw identityError('OIDC_TOKEN_INVALID', { provider: p.id, reason: problem });

  const external: ExternalIdentity = { provider: p.id, subject: claims.sub as string, email: (claims.email as string).trim() };
  return { ...(await signInExternal(d, ctx, external, meta)), returnTo: login.returnTo };
}

/**
 * Signs in the user a verified external identity names: by its (provider, subject) when linked before, else
 * by its e-mail (the one account with it, or the one active account among several), which links the subject
 * for next time. No account → OIDC_ACCOUNT_NOT_FOUND (self-registration asks for a phone and a password, so
 * it is not done here); several active accounts → OIDC_ACCOUNT_AMBIGUOUS; a disabled or locked account gets
 * password sign-in's one answer, INVALID_CREDENTIALS. The session, cookie and audit are those of password
 * sign-in (`auth.login`, with the provider).
 */
async function signInExternal(d: IdentityDeps, ctx: Ctx, ext: ExternalIdentity, meta: { userAgent?: string }): Promise<SignedIn> {
  const now = d.clock.now();
  const db = d.database.db;
  const [linked] = await db
    .select({ user: users })
    .from(externalIdentities)
    .innerJoin(users, eq(users.id, externalIdentities.userId))
    .where(and(eq(externalIdentities.provider, ext.provider), eq(externalIdentities.subject, ext.subject)));
  let user: UserRow | undefined = linked?.user;
  const refuse = async (action: 'auth.login_failed' | 'auth.login_refused', reason: string, error: AppError, who?: UserRow) => {
    await d.audit.record(db, ctx, {
      action,
      entityType: 'user',
      entityId: who?.id,
      after: { reason, provider: ext.provider, subject: ext.subject.slice(0, 100), email: ext.email.slice(0, 200) },
    });
    return error;
  };
  if (!user) {
    const byEmail = await db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = ${ext.email.toLowerCase()}`)
      .limit(20);
    const active = byEmail.filter((u) => u.status === 'active');
    if (byEmail.length === 0) throw await refuse('auth.login_failed', 'unknown_email', identityError('OIDC_ACCOUNT_NOT_FOUND', { email: ext.email }));
    if (active.length > 1) throw await refuse('auth.login_failed', 'ambiguous_email', identityError('OIDC_ACCOUNT_AMBIGUOUS'));
    user = active[0] ?? byEmail[0];
  }
  if (isLocked(user.lockedUntil, now)) throw await refuse('auth.login_refused', 'locked', identityError('INVALID_CREDENTIALS'), user);
  if (user.status !== 'active') throw await refuse('auth.login_refused', 'disabled', identityError('INVALID_CREDENTIALS'), user);

  const chosen = user;
  return db.transaction(async (tx) => {
    const [opened] = await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now })
      .where(and(eq(users.id, chosen.id), eq(users.status, 'active'), notLockedAt(now)))
      .returning({ id: users.id });
    if (!opened) throw identityError('INVALID_CREDENTIALS');
    const actorCtx = { ...ctx, actor: actorOf(d, chosen) };
    if (linked) {
      await tx
        .update(externalIdentities)
        .set({ lastLoginAt: now })
        .where(and(eq(externalIdentities.provider, ext.provider), eq(externalIdentities.subject, ext.subject)));
    } else {
      const [made] = await tx
        .insert(externalIdentities)
        .values({ provider: ext.provider, subject: ext.subject, userId: chosen.id, email: ext.email, createdAt: now, lastLoginAt: now })
        .onConflictDoNothing()
        .returning({ subject: externalIdentities.subject });
      if (made) {
        await d.audit.record(tx, actorCtx, {
          action: 'user.external_identity_linked',
          entityType: 'user',
          entityId: chosen.id,
          after: { provider: ext.provider, subject: ext.subject, email: ext.email, matchedBy: 'email' },
        });
      }
    }
    const signedIn = await openSession(d, tx, chosen, ctx, meta.userAgent);
    await d.audit.record(tx, actorCtx, { action: 'auth.login', entityType: 'user', entityId: chosen.id, after: { provider: ext.provider } });
    return signedIn;
  });
}
