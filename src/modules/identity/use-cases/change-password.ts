import argon2 from 'argon2';
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { identityError } from '../errors.ts';
import { users } from '../db/schema.ts';
import type { IdentityDeps } from '../deps.ts';
import { checkPassword, hashPassword } from '../queries.ts';
import type { OwnSession } from '../types.ts';
import { setPassword } from './set-password.ts';

/** The signed-in user changes their password (the current one is required); their other sessions end. */
export async function changePassword(d: IdentityDeps, ctx: Ctx, auth: OwnSession, current: string, next: string): Promise<void> {
  const [user] = await d.database.db.select().from(users).where(eq(users.id, auth.user.id));
  if (!user || !(await argon2.verify(user.passwordHash, current).catch(() => false))) throw identityError('CURRENT_PASSWORD_WRONG');
  checkPassword(next, user.username);
  const passwordHash = await hashPassword(next);
  await d.database.db.transaction(async (tx) => {
    await setPassword(tx, user.id, passwordHash, d.clock.now(), auth.sessionId);
    const after = { passwordChanged: true, sessionsEnded: 'others' };
    await d.audit.record(tx, ctx, { action: 'user.password_changed', entityType: 'user', entityId: user.id, after });
  });
}
