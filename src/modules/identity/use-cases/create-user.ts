import type { z } from 'zod';
import type { Executor } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { users } from '../db/schema.ts';
import type { IdentityDeps } from '../deps.ts';
import type { newUser } from '../contract.ts';
import { assertOrgUnit, assertUsernameFree, checkPassword, hashPassword, present, snapshot } from '../queries.ts';
import type { PublicUser } from '../types.ts';

export type NewUser = z.output<typeof newUser>;

/** An administrator creates a staff or customer account; its owner gets the welcome e-mail. */
export async function createUser(d: IdentityDeps, ctx: Ctx, u: NewUser, ex?: Executor): Promise<PublicUser> {
  checkPassword(u.password, u.username);
  assertOrgUnit(d, u.orgUnitId);
  const passwordHash = await hashPassword(u.password);
  return (ex ?? d.database.db).transaction(async (tx) => {
    const user = await insertUser(d, ctx, u, passwordHash, tx);
    await d.settings.onAccountCreated?.(tx, user);
    return user;
  });
}

/** Inserts a user whose password is already hashed (the seed hashes the shared demo password once). */
export async function insertUser(
  d: IdentityDeps,
  ctx: Ctx,
  u: Omit<NewUser, 'password'>,
  passwordHash: string,
  ex: Executor = d.database.db,
): Promise<PublicUser> {
  const now = d.clock.now();
  return ex.transaction(async (tx) => {
    await assertUsernameFree(tx, u.username);
    if (u.customerId && !(await d.customers.exists(u.customerId, tx))) {
      throw fail('VALIDATION_FAILED', { customerId: u.customerId }, { vi: `không có khách hàng ${u.customerId}`, en: `unknown customer ${u.customerId}` });
    }
    const [row] = await tx
      .insert(users)
      .values({
        id: newId('user', now),
        username: u.username,
        fullName: u.fullName,
        email: u.email,
        phone: u.phone ?? null,
        passwordHash,
        roles: [...new Set(u.roles)],
        orgUnitId: u.orgUnitId ?? null,
        customerId: u.customerId ?? null,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await d.audit.record(tx, ctx, { action: 'user.created', entityType: 'user', entityId: row.id, after: snapshot(row) });
    return (await present(d, [row], tx))[0];
  });
}
