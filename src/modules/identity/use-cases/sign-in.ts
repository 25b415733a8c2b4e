import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { identityError } from '../errors.ts';
import { users } from '../db/schema.ts';
import type { IdentityDeps } from '../deps.ts';
import { isLocked, lockEnd, MAX_FAILED_LOGINS } from '../domain/passwords.ts';
import { actorOf, hashPassword, notLockedAt } from '../queries.ts';
import type { SignedIn } from '../types.ts';
import { openSession } from './open-session.ts';

/** Verified against when the username is unknown, so timing does not reveal which usernames exist. */
let dummyHash: Promise<string> | undefined;
const fakeHash = () => (dummyHash ??= hashPassword(randomBytes(16).toString('hex')));

/**
 * Unknown, locked and disabled accounts and a wrong password all get the same answer after one
 * argon2 verification, so neither the reply nor its timing tells which usernames exist; the audit
 * keeps the real reason. Failures are counted in SQL, so parallel guesses cannot escape the lock.
 */
export async function signIn(d: IdentityDeps, ctx: Ctx, username: string, password: string, meta: { userAgent?: string } = {}): Promise<SignedIn> {
  const now = d.clock.now();
  const [user] = await d.database.db
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = ${username.trim().toLowerCase()}`);
  const ok = await argon2.verify(user?.passwordHash ?? (await fakeHash()), password).catch(() => false);
  const refuse = async (reason: 'unknown_user' | 'locked' | 'disabled', after?: object) => {
    await d.audit.record(d.database.db, ctx, {
      action: reason === 'unknown_user' ? 'auth.login_failed' : 'auth.login_refused',
      entityType: 'user',
      entityId: user?.id,
      after: { ...(user ? {} : { username: username.slice(0, 100) }), reason, ...after },
    });
    return identityError('INVALID_CREDENTIALS');
  };
  if (!user) throw await refuse('unknown_user');
  if (isLocked(user.lockedUntil, now)) throw await refuse('locked', { lockedUntil: user.lockedUntil });
  if (!ok) throw await countFailure(d, ctx, user.id, now);
  if (user.status !== 'active') throw await refuse('disabled');
  return d.database.db.transaction(async (tx) => {
    // Only if no parallel failure locked the account meanwhile.
    const [opened] = await tx
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now })
      .where(and(eq(users.id, user.id), notLockedAt(now)))
      .returning({ id: users.id });
    if (!opened) throw identityError('INVALID_CREDENTIALS');
    const signedIn = await openSession(d, tx, user, ctx, meta.userAgent);
    await d.audit.record(tx, { ...ctx, actor: actorOf(d, user) }, { action: 'auth.login', entityType: 'user', entityId: user.id });
    return signedIn;
  });
}

/** One more failure, counted atomically; the MAX_FAILED_LOGINS-th in a row locks the account. */
async function countFailure(d: IdentityDeps, ctx: Ctx, userId: string, now: Date): Promise<AppError> {
  const reached = sql`${users.failedLogins} + 1 >= ${MAX_FAILED_LOGINS}`;
  await d.database.db.transaction(async (tx) => {
    const [after] = await tx
      .update(users)
      .set({
        failedLogins: sql`case when ${reached} then 0 else ${users.failedLogins} + 1 end`,
        lockedUntil: sql`case when ${reached} then ${lockEnd(now).toISOString()}::timestamptz else null end`,
      })
      .where(and(eq(users.id, userId), notLockedAt(now)))
      .returning({ failedLogins: users.failedLogins, lockedUntil: users.lockedUntil });
    await d.audit.record(tx, ctx, {
      action: after?.lockedUntil ? 'auth.locked' : after ? 'auth.login_failed' : 'auth.login_refused',
      entityType: 'user',
      entityId: userId,
      after: after ?? { reason: 'locked' },
    });
  });
  return identityError('INVALID_CREDENTIALS');
}
