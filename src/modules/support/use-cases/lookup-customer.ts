import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { hasPermission } from '../../identity/index.ts';
import type { Deps } from '../deps.ts';

/** A receiver finds who is calling by their phone number, among the customers of their own scope. */
export async function lookupCustomer(d: Deps, ctx: Ctx, phone: string) {
  if (!hasPermission(ctx.actor, 'ticket.lookup_customer')) throw fail('FORBIDDEN', { permission: 'ticket.lookup_customer' });
  const found = await d.customers.byPhone(ctx, phone);
  return {
    customers: found.map((c) => ({ id: c.id, name: c.name, type: c.type, phone: c.phone, email: c.email })),
    contracts: [] as { id: string; number: string; productCode: string; status: string }[],
  };
}
