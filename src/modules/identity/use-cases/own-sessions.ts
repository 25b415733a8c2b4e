import { and, desc, eq, gt, isNull, ne } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { sessions } from '../db/schema.ts';
import type { IdentityDeps } from '../deps.ts';
import type { OwnSession } from '../types.ts';

/** The user's open sessions, newest activity first; `current` marks the one asking. */
export async function listOwnSessions(d: IdentityDeps, auth: OwnSession) {
  const now = d.clock.now();
  const rows = await d.database.db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, auth.user.id), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .orderBy(desc(sessions.lastSeenAt))
    .limit(100);
  return rows.map(({ id, createdAt, lastSeenAt, expiresAt, ip, userAgent }) => ({
    id,
    createdAt,
    lastSeenAt,
    expiresAt,
    ip,
    userAgent,
    current: id === auth.sessionId,
  }));
}

/** Signs the user out of one of their sessions (`sessionId`) or of every other one (`'others'`). */
export async function endOwnSessions(d: IdentityDeps, ctx: Ctx, auth: OwnSession, which: string | 'others'): Promise<number> {
  const now = d.clock.now();
  const own = and(eq(sessions.userId, auth.user.id), isNull(sessions.revokedAt));
  return d.database.db.transaction(async (tx) => {
    const ended = await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(own, which === 'others' ? ne(sessions.id, auth.sessionId) : eq(sessions.id, which)))
      .returning({ id: sessions.id });
    if (which !== 'others' && ended.length === 0) throw fail('NOT_FOUND', { session: which }, { vi: 'không có phiên đăng nhập này', en: 'no such session' });
    const after = { sessions: ended.map((e) => e.id) };
    await d.audit.record(tx, ctx, { action: 'auth.sessions_ended', entityType: 'user', entityId: auth.user.id, after });
    return ended.length;
  });
}
