import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { newId } from '../../../platform/ids.ts';
import { passwordResets, users } from '../db/schema.ts';
import type { IdentityDeps } from '../deps.ts';
import { RESET_LINK_MINUTES } from '../domain/passwords.ts';
import { newToken, sha256 } from '../domain/tokens.ts';
import { present } from '../queries.ts';

/**
 * "Forgot password": e-mails each active account with this address a single-use link that expires
 * after RESET_LINK_MINUTES. The caller learns nothing: the answer is the same whether any account matched.
 */
export async function requestPasswordReset(d: IdentityDeps, ctx: Ctx, email: string): Promise<void> {
  const now = d.clock.now();
  const expiresAt = new Date(now.getTime() + RESET_LINK_MINUTES * 60_000);
  const found = await d.database.db
    .select()
    .from(users)
    .where(and(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`, eq(users.status, 'active')))
    .limit(5);
  if (found.length === 0) {
    const after = { email: email.slice(0, 200), reason: 'unknown_email' };
    await d.audit.record(d.database.db, ctx, { action: 'auth.password_reset_requested', entityType: 'user', after });
    return;
  }
  for (const user of found) {
    const token = newToken();
    await d.database.db.transaction(async (tx) => {
      // One link at a time: a new request voids the older ones.
      await tx.update(passwordResets).set({ usedAt: now }).where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)));
      const link = { id: newId('passwordReset', now), tokenHash: sha256(token), userId: user.id, createdAt: now, expiresAt, ip: ctx.ip ?? null };
      await tx.insert(passwordResets).values(link);
      await d.audit.record(tx, ctx, { action: 'auth.password_reset_requested', entityType: 'user', entityId: user.id, after: { expiresAt } });
      const [publicUser] = await present(d, [user], tx);
      await d.settings.onPasswordResetRequested?.(tx, publicUser, token, expiresAt);
    });
  }
}
