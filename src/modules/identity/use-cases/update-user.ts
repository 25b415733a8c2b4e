import { and, eq, isNull } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { legacyError } from '../../../platform/legacy-errors.ts';
import { sessions, users } from '../db/schema.ts';
import type { IdentityDeps } from '../deps.ts';
import type { Role } from '../domain/roles.ts';
import { assertOrgUnit, checkPassword, hashPassword, present, snapshot } from '../queries.ts';
import type { PublicUser } from '../types.ts';

export interface UserPatch {
  fullName?: string;
  email?: string;
  phone?: string | null;
  roles?: Role[];
  orgUnitId?: string | null;
  status?: 'active' | 'disabled';
  password?: string;
}

/** An administrator changes a user's details, roles, unit, status or password (optimistic, by version). */
export async function updateUser(d: IdentityDeps, ctx: Ctx, id: string, patch: UserPatch): Promise<PublicUser> {
  if (patch.password !== undefined) checkPassword(patch.password);
  assertOrgUnit(d, patch.orgUnitId);
  const passwordHash = patch.password !== undefined ? await hashPassword(patch.password) : undefined;
  const now = d.clock.now();
  return d.database.db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, id)).for('update');
    if (!before) throw legacyError('NOT_FOUND', { user: id });
    if (id === ctx.actor.id && (patch.status === 'disabled' || (patch.roles && !patch.roles.includes('admin')))) {
      throw legacyError('CONFLICT', { reason: 'admins cannot disable or demote themselves' }, 'cannot disable or demote yourself');
    }
    const { password: _omit, ...fields } = patch;
    const [after] = await tx
      .update(users)
      .set({
        ...fields,
        ...(patch.roles ? { roles: [...new Set(patch.roles)] } : {}),
        ...(passwordHash ? { passwordHash, failedLogins: 0, lockedUntil: null } : {}),
        updatedAt: now,
        version: before.version + 1,
      })
      .where(and(eq(users.id, id), eq(users.version, before.version)))
      .returning();
    if (!after) throw legacyError('CONFLICT');
    if (patch.status === 'disabled' || passwordHash) {
      // A disabled account or a reset password ends every open session.
      await tx.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.userId, id), isNull(sessions.revokedAt)));
    }
    await d.audit.record(tx, ctx, {
      action: passwordHash && Object.keys(fields).length === 0 ? 'user.password_reset' : 'user.updated',
      entityType: 'user',
      entityId: id,
      before: snapshot(before),
      after: { ...snapshot(after), ...(passwordHash ? { passwordChanged: true } : {}) },
    });
    return (await present(d, [after], tx))[0];
  });
}
