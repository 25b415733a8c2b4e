import { updateVersioned } from '../../../db/versioned.ts';
import type { Ctx } from '../../../platform/context.ts';
import { customers } from '../db/schema.ts';
import type { CustomerDeps } from '../deps.ts';
import { checkedBuyer } from '../domain/buyer.ts';
import { customerOutOfScope } from '../errors.ts';
import { assertAssignable, canSee, present, row } from '../queries.ts';
import type { CustomerInput } from './create-customer.ts';

/** Changes a customer the caller may see (optimistic, by version); the buyer rules hold for the result. */
export async function updateCustomer(d: CustomerDeps, ctx: Ctx, id: string, patch: Partial<CustomerInput>) {
  return d.database.db.transaction(async (tx) => {
    const before = await row(d, id, tx);
    if (!canSee(d, ctx, before)) throw customerOutOfScope(id);
    await assertAssignable(d, ctx, patch, tx);
    const merged = checkedBuyer({
      ...before,
      taxCode: before.taxCode ?? undefined,
      address: before.address ?? undefined,
      email: before.email ?? '',
      phone: before.phone ?? '',
      managingUnitId: before.managingUnitId ?? undefined,
      salesUserId: before.salesUserId ?? undefined,
      ...patch,
    });
    const after = await updateVersioned(tx, { table: customers, entityType: 'customer', row: before, patch: merged, now: d.clock.now() });
    await d.audit.record(tx, ctx, { action: 'customer.updated', entityType: 'customer', entityId: id, before, after });
    return (await present(d, [after], tx))[0];
  });
}
