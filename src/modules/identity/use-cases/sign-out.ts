import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { sessions } from '../db/schema.ts';
import type { IdentityDeps } from '../deps.ts';

export async function signOut(d: IdentityDeps, ctx: Ctx, sessionId: string): Promise<void> {
  await d.database.db.transaction(async (tx) => {
    await tx.update(sessions).set({ revokedAt: d.clock.now() }).where(eq(sessions.id, sessionId));
    await d.audit.record(tx, ctx, { action: 'auth.logout', entityType: 'session', entityId: sessionId });
  });
}
