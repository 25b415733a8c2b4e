import type { z } from 'zod';
import { or, sql } from 'drizzle-orm';
import { advisoryXactLock, type Executor } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { identityError } from '../errors.ts';
import { newId } from '../../../platform/ids.ts';
import { users } from '../db/schema.ts';
import type { registration } from '../contract.ts';
import type { IdentityDeps } from '../deps.ts';
import { actorOf, assertUsernameFree, checkPassword, hashPassword, snapshot } from '../queries.ts';
import type { SignedIn } from '../types.ts';
import { openSession } from './open-session.ts';

export type Registration = z.output<typeof registration>;

/** Self-registration of an individual customer (KHCN): the customer, its account and a first session. */
export async function register(d: IdentityDeps, ctx: Ctx, r: Registration): Promise<SignedIn> {
  checkPassword(r.password, r.username);
  const passwordHash = await hashPassword(r.password);
  const now = d.clock.now();
  return d.database.db.transaction(async (tx) => {
    // One registration at a time: two at once with the same e-mail or phone would both find it free.
    await advisoryXactLock(tx, 'identity.register');
    await assertUsernameFree(tx, r.username);
    await assertContactFree(d, tx, r.email, r.phone);
    const customerId = newId('customer', now);
    await d.customers.insert(tx, { id: customerId, type: 'individual', name: r.fullName, email: r.email, phone: r.phone, createdAt: now });
    const [user] = await tx
      .insert(users)
      .values({
        id: newId('user', now),
        username: r.username,
        fullName: r.fullName,
        email: r.email,
        phone: r.phone,
        passwordHash,
        roles: ['customer'],
        customerId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const actorCtx = { ...ctx, actor: actorOf(d, user) };
    const customer = { type: 'individual', name: r.fullName, email: r.email, phone: r.phone };
    await d.audit.record(tx, actorCtx, { action: 'customer.registered', entityType: 'customer', entityId: customerId, after: customer });
    await d.audit.record(tx, actorCtx, { action: 'user.created', entityType: 'user', entityId: user.id, after: snapshot(user) });
    const signedIn = await openSession(d, tx, user, ctx);
    await d.settings.onAccountCreated?.(tx, signedIn.user);
    return signedIn;
  });
}

/** A self-registered account may not take an e-mail or phone already on another account or customer. */
async function assertContactFree(d: IdentityDeps, tx: Executor, email: string, phone: string): Promise<void> {
  const lower = email.trim().toLowerCase();
  const tail = phone.replace(/\D/g, '').slice(-9);
  const [user] = await tx
    .select({ email: users.email })
    .from(users)
    .where(or(sql`lower(${users.email}) = ${lower}`, sql`right(regexp_replace(coalesce(${users.phone}, ''), '[^0-9]', '', 'g'), 9) = ${tail}`))
    .limit(1);
  const taken = user ?? (await d.customers.contactTaken(email, phone, tx));
  if (taken) throw identityError(taken.email?.toLowerCase() === lower ? 'EMAIL_TAKEN' : 'PHONE_TAKEN');
}
