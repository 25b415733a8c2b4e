import type { z } from 'zod';
import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { newId } from '../../../platform/ids.ts';
import { customers } from '../db/schema.ts';
import type { CustomerDeps } from '../deps.ts';
import { checkedBuyer } from '../domain/buyer.ts';
import type { newCustomer } from '../contract.ts';
import { customerError } from '../errors.ts';
import { assertAssignable, present } from '../queries.ts';

export type CustomerInput = z.output<typeof newCustomer>;

/** Registers a KHCN or KHDN customer; a tax code is unique. */
export async function createCustomer(d: CustomerDeps, ctx: Ctx, input: CustomerInput) {
  const data = checkedBuyer(input);
  // An AM's new customer is managed by the AM's own unit unless another is named.
  const managingUnitId = data.managingUnitId ?? ctx.actor.orgUnitId ?? null;
  const salesUserId = data.salesUserId ?? (ctx.actor.roles.some((r) => ['am', 'kam', 'agent'].includes(r)) ? ctx.actor.id : null);
  await assertAssignable(d, ctx, { managingUnitId: data.managingUnitId, salesUserId: data.salesUserId });
  const now = d.clock.now();
  const row = {
    id: newId('customer', now),
    type: data.type,
    name: data.name,
    taxCode: data.taxCode ?? null,
    email: data.email,
    phone: data.phone,
    address: data.address ?? null,
    managingUnitId,
    salesUserId,
    contacts: data.contacts ?? [],
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  return d.database.db.transaction(async (tx) => {
    if (row.taxCode) {
      const [dup] = await tx.select({ id: customers.id }).from(customers).where(eq(customers.taxCode, row.taxCode));
      if (dup) throw customerError('TAX_CODE_TAKEN', { taxCode: row.taxCode, existing: dup.id });
    }
    const [created] = await tx.insert(customers).values(row).returning();
    await d.audit.record(tx, ctx, { action: 'customer.created', entityType: 'customer', entityId: row.id, after: created });
    return (await present(d, [created], tx))[0];
  });
}
