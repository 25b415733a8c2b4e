import type { Ctx } from '../../../platform/context.ts';
import { legacyError } from '../../../platform/legacy-errors.ts';
import type { CustomerDeps } from '../deps.ts';
import { canSee, present, row } from '../queries.ts';

/** One customer; a customer's own user asking for another gets 404, staff out of scope 403. */
export async function getCustomer(d: CustomerDeps, ctx: Ctx, id: string) {
  const c = await row(d, id);
  if (!canSee(d, ctx, c)) throw legacyError(ctx.actor.customerId ? 'NOT_FOUND' : 'FORBIDDEN', { customer: id });
  return (await present(d, [c]))[0];
}
