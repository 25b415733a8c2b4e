import { and, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { updateVersioned } from '../../../db/versioned.ts';
import type { Ctx } from '../../../platform/context.ts';
import { sessions, users } from '../db/schema.ts';
import type { IdentityDeps } from '../deps.ts';
import type { userPatch } from '../contract.ts';
import { identityError, userNotFound } from '../errors.ts';
import { assertOrgUnit, checkPassword, hashPassword, present, snapshot } from '../queries.ts';
import type { PublicUser } from '../types.ts';

export type UserPatch = z.output<typeof userPatch>;

/** An administrator changes a user's details, roles, unit, status or password (optimistic, by version). */
export async function updateUser(d: IdentityDeps, ctx: Ctx, id: string, patch: UserPatch): Promise<PublicUser> {
  if (patch.password !== undefined) checkPassword(patch.password);
  assertOrgUnit(d, patch.orgUnitId);
  const passwordHash = patch.password !== undefined ? await hashPassword(patch.password) : undefined;
  const now = d.clock.now();
  return d.database.db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, id)).for('update');
    if (!before) throw userNotFound(id);
    if (id === ctx.actor.id && (patch.status === 'disabled' || (patch.roles && !patch.roles.includes('admin')))) throw identityError('CANNOT_DEMOTE_SELF');
    const { password: _omit, ...fields } = patch;
    const after = await updateVersioned(tx, {
      table: users,
      entityType: 'user',
      row: before,
      patch: {
        ...fields,
        ...(patch.roles ? { roles: [...new Set(patch.roles)] } : {}),
        ...(passwordHash ? { passwordHash, failedLogins: 0, lockedUntil: null } : {}),
      },
      now,
    });
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
