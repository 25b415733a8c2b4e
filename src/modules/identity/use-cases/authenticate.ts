import { and, eq, isNull } from 'drizzle-orm';
import { sessions, users } from '../db/schema.ts';
import type { IdentityDeps } from '../deps.ts';
import { sha256 } from '../domain/tokens.ts';
import { actorOf, present } from '../queries.ts';
import type { Authenticated } from '../types.ts';

/** Resolves a bearer token or session cookie; null when unknown, expired, revoked or disabled. */
export async function authenticate(d: IdentityDeps, token: string): Promise<Authenticated | null> {
  if (!token || token.length > 200) return null;
  const now = d.clock.now();
  const [row] = await d.database.db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sha256(token)), isNull(sessions.revokedAt)));
  if (!row || row.session.expiresAt <= now || row.user.status !== 'active') return null;
  if (now.getTime() - row.session.lastSeenAt.getTime() > 60_000) {
    await d.database.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.session.id));
  }
  const [user] = await present(d, [row.user]);
  return { sessionId: row.session.id, user, actor: actorOf(d, row.user) };
}
