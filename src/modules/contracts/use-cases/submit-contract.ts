import type { Ctx } from '../../../platform/context.ts';
import type { Deps } from '../deps.ts';
import { nextStatus } from '../domain/lifecycle.ts';
import { emailPaymentRequest } from '../notify.ts';
import { changeContract, closeTasks } from '../persist.ts';
import { assertSeller } from '../queries.ts';
import { requestApprovals } from './request-approvals.ts';

/** Submits a draft: prepaid → the customer is e-mailed the amount and the payment link; postpaid → approval. */
export async function submitContract(d: Deps, ctx: Ctx, id: string) {
  return changeContract(d, ctx, id, 'contract.submitted', async (tx, c) => {
    assertSeller(d, ctx, c);
    const status = nextStatus(c.status, c.billing === 'prepaid' ? 'submit' : 'submit_postpaid');
    await closeTasks(d, tx, ctx, c.id, ['declare']);
    if (status === 'awaiting_payment') await emailPaymentRequest(d, tx, c);
    else await requestApprovals(d, tx, c);
    return { status };
  });
}
