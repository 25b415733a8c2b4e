import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { hasPermission } from '../../identity/index.ts';
import type { Deps } from '../deps.ts';
import { paymentLink } from '../queries.ts';
import { contractPaymentDescription, ensurePayment } from './ensure-payment.ts';

/** The payment link of a contract awaiting payment, for its customer or its seller to open. */
export async function getPaymentLink(d: Deps, ctx: Ctx, contractId: string): Promise<{ paymentId: string; link: string }> {
  const c = await d.contracts.row(contractId);
  if (!d.contracts.canSee(ctx, c)) throw fail(ctx.actor.customerId ? 'NOT_FOUND' : 'FORBIDDEN', { contract: contractId });
  // Reading a contract is not selling it: staff who only read (approvers, accounting, the call center) get no link.
  if (!ctx.actor.customerId && !hasPermission(ctx.actor, 'contract.declare')) throw fail('FORBIDDEN', { permission: 'contract.declare' });
  if (c.status !== 'awaiting_payment') {
    const why = { vi: `hợp đồng đang ở trạng thái ${c.status}, không chờ thanh toán`, en: `the contract is ${c.status}, not awaiting payment` };
    throw fail('INVALID_TRANSITION', { from: c.status, event: 'pay' }, why);
  }
  return d.database.db.transaction(async (tx) => {
    const description = contractPaymentDescription(c.number);
    const p = await ensurePayment(d, tx, { contractId: c.id, customerId: c.customerId, amountVnd: c.totalVnd, description });
    return { paymentId: p.id, link: paymentLink(d, p.id) };
  });
}
