import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { passwordResets, sessions, users } from '../db/schema.ts';

/**
 * Stores a new password hash and unlocks the account; voids any reset link still outstanding and ends the
 * account's sessions, all of them or all but `keepSessionId`.
 */
export async function setPassword(tx: Executor, userId: string, passwordHash: string, now: Date, keepSessionId?: string): Promise<void> {
  await tx
    .update(users)
    .set({ passwordHash, failedLogins: 0, lockedUntil: null, updatedAt: now, version: sql`${users.version} + 1` })
    .where(eq(users.id, userId));
  await tx.update(passwordResets).set({ usedAt: now }).where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
  const open = and(eq(sessions.userId, userId), isNull(sessions.revokedAt));
  await tx.update(sessions).set({ revokedAt: now }).where(keepSessionId ? and(open, ne(sessions.id, keepSessionId)) : open);
}
