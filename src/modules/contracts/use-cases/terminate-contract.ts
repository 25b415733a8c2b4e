import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { today, type Deps } from '../deps.ts';
import { nextStatus } from '../domain/lifecycle.ts';
import { notifyCustomer } from '../notify.ts';
import { changeContract, openTask } from '../persist.ts';
import { assertSeller } from '../queries.ts';
import { settlementOf } from './quote-termination.ts';

/** C7: the seller ends the contract early on `date`; the settlement is kept and ops disables the service. */
export async function terminateContract(d: Deps, ctx: Ctx, id: string, date: string, reason: string) {
  if (date < today(d)) throw fail('VALIDATION_FAILED', { date }, { vi: 'ngày kết thúc hợp đồng đã qua', en: 'the termination date is in the past' });
  return changeContract(
    d,
    ctx,
    id,
    'contract.terminated',
    async (tx, c) => {
      assertSeller(d, ctx, c);
      const status = nextStatus(c.status, 'terminate');
      const s = settlementOf(c, date);
      await openTask(d, tx, c, 'configure_termination', null);
      const settlement = { ...s, usedValueVnd: s.usedValueVnd.toString(), refundVnd: s.refundVnd.toString() };
      return { status, terminatedAt: d.clock.now(), terminationDate: date, terminationReason: reason, settlement };
    },
    async (tx, after) => {
      const { explanation } = after.settlement as { explanation: string };
      await notifyCustomer(d, tx, after, 'contract.customer_update', { event: 'terminated', detail: explanation });
    },
  );
}
