import type { Ctx } from '../../../platform/context.ts';
import { legacyError } from '../../../platform/legacy-errors.ts';
import type { Deps } from '../deps.ts';
import { paymentLink } from '../queries.ts';
import { contractPaymentDescription, ensurePayment } from './ensure-payment.ts';

/** The payment link of a contract awaiting payment, for its customer or its seller to open. */
export async function getPaymentLink(d: Deps, ctx: Ctx, contractId: string): Promise<{ paymentId: string; link: string }> {
  const c = await d.contracts.row(contractId);
  if (!d.contracts.canSee(ctx, c)) throw legacyError(ctx.actor.customerId ? 'NOT_FOUND' : 'FORBIDDEN', { contract: contractId });
  if (c.status !== 'awaiting_payment') {
    throw legacyError('INVALID_TRANSITION', { from: c.status, event: 'pay' }, `contract is ${c.status}, not awaiting payment`);
  }
  return d.database.db.transaction(async (tx) => {
    const description = contractPaymentDescription(c.number);
    const p = await ensurePayment(d, tx, { contractId: c.id, customerId: c.customerId, amountVnd: c.totalVnd, description });
    return { paymentId: p.id, link: paymentLink(d, p.id) };
  });
}
