import type { Ctx } from '../../../platform/context.ts';
import { customerNotFound, customerOutOfScope } from '../errors.ts';
import type { CustomerDeps } from '../deps.ts';
import { canSee, present, row } from '../queries.ts';

/** One customer; a customer's own user asking for another gets 404, staff out of scope 403. */
export async function getCustomer(d: CustomerDeps, ctx: Ctx, id: string) {
  const c = await row(d, id);
  if (!canSee(d, ctx, c)) throw ctx.actor.customerId ? customerNotFound(id) : customerOutOfScope(id);
  return (await present(d, [c]))[0];
}
