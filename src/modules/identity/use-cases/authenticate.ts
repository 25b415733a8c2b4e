import { and, eq, isNull, sql } from 'drizzle-orm';
import { prepared } from '../../../db/prepared.ts';
import { sessions, users } from '../db/schema.ts';
import type { IdentityDeps } from '../deps.ts';
import { sha256 } from '../domain/tokens.ts';
import { actorOf, sessionUser } from '../queries.ts';
import type { Authenticated } from '../types.ts';

/** Every signed-in request makes this lookup: built once. */
const sessionByHash = prepared('identity.sessionByHash', (ex) =>
  ex
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sql.placeholder('hash')), isNull(sessions.revokedAt))),
);

/** Resolves a bearer token or session cookie; null when unknown, expired, revoked or disabled. */
export async function authenticate(d: IdentityDeps, token: string): Promise<Authenticated | null> {
  if (!token || token.length > 200) return null;
  const now = d.clock.now();
  const [row] = await sessionByHash(d.database.db, { hash: sha256(token) });
  if (!row || row.session.expiresAt <= now || row.user.status !== 'active') return null;
  if (now.getTime() - row.session.lastSeenAt.getTime() > 60_000) {
    await d.database.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.session.id));
  }
  return { sessionId: row.session.id, user: sessionUser(d, row.user), actor: actorOf(d, row.user) };
}
