import type { Executor } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { newId } from '../../../platform/ids.ts';
import { sessions } from '../db/schema.ts';
import type { IdentityDeps } from '../deps.ts';
import { csrfTokenFor, newToken, sha256 } from '../domain/tokens.ts';
import { present, type UserRow } from '../queries.ts';
import type { SignedIn } from '../types.ts';

/** A new session for `user` (after sign-in or registration): the bearer token and its CSRF token. */
export async function openSession(d: IdentityDeps, tx: Executor, user: UserRow, ctx: Ctx, userAgent?: string): Promise<SignedIn> {
  const now = d.clock.now();
  const token = newToken();
  const id = newId('session', now);
  await tx.insert(sessions).values({
    id,
    tokenHash: sha256(token),
    userId: user.id,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + d.settings.sessionHours * 3_600_000),
    ip: ctx.ip ?? null,
    userAgent: userAgent?.slice(0, 300) ?? null,
  });
  const [publicUser] = await present(d, [user], tx);
  return { token, csrfToken: csrfTokenFor(d.settings.sessionSecret, id), user: publicUser };
}
