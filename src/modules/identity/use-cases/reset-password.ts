import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { identityError } from '../errors.ts';
import { passwordResets, users } from '../db/schema.ts';
import type { IdentityDeps } from '../deps.ts';
import { sha256 } from '../domain/tokens.ts';
import { checkPassword, hashPassword } from '../queries.ts';
import { setPassword } from './set-password.ts';

/** Sets a new password from an e-mailed link: once, before it expires; every session of the account ends. */
export async function resetPassword(d: IdentityDeps, ctx: Ctx, token: string, password: string): Promise<void> {
  const now = d.clock.now();
  const usable = and(eq(passwordResets.tokenHash, sha256(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now));
  const [link] = await d.database.db
    .select({ userId: passwordResets.userId, username: users.username })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(and(usable, eq(users.status, 'active')));
  if (!link) throw identityError('RESET_LINK_INVALID');
  checkPassword(password, link.username);
  const passwordHash = await hashPassword(password);
  await d.database.db.transaction(async (tx) => {
    // Claimed in the writing statement, so two uses of the same link cannot both succeed.
    const [claimed] = await tx.update(passwordResets).set({ usedAt: now }).where(usable).returning({ userId: passwordResets.userId });
    if (!claimed) throw identityError('RESET_LINK_INVALID');
    await setPassword(tx, claimed.userId, passwordHash, now);
    const after = { passwordChanged: true, sessionsEnded: 'all' };
    await d.audit.record(tx, ctx, { action: 'user.password_reset_by_link', entityType: 'user', entityId: claimed.userId, after });
  });
}
