import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import type { Deps } from '../deps.ts';
import { emailPaymentRequest } from '../notify.ts';
import { assertCanSee, assertSeller, lockContract } from '../queries.ts';

/**
 * The seller sends the customer the payment request again (amount and the same payment link), e.g.
 * when the first e-mail was lost: only while the contract awaits payment; audited; the mail leaves by job.
 */
export async function resendPaymentRequest(d: Deps, ctx: Ctx, id: string): Promise<{ contractId: string; sent: true }> {
  await d.database.db.transaction(async (tx) => {
    const c = await lockContract(tx, id);
    assertCanSee(d, ctx, c);
    assertSeller(d, ctx, c);
    if (c.status !== 'awaiting_payment') {
      const why = { vi: 'hợp đồng không ở trạng thái chờ thanh toán', en: 'the contract is not awaiting payment' };
      throw fail('INVALID_TRANSITION', { from: c.status, event: 'resend_payment_request' }, why);
    }
    await emailPaymentRequest(d, tx, c);
    await d.audit.record(tx, ctx, { action: 'contract.payment_request_resent', entityType: 'contract', entityId: c.id, after: { amountVnd: c.totalVnd } });
  });
  return { contractId: id, sent: true };
}
