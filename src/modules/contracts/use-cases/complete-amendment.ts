import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { NO_APPENDIX, appendixIs } from '../errors.ts';
import { priceModelFromJson, priceQuote, type VatRate } from '../../catalog/index.ts';
import { amendments } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { notifyCustomer } from '../notify.ts';
import { changeContract, closeTasks } from '../persist.ts';

/** Ops configured the change (C6): the appendix applies and the contract carries the new package. */
export async function completeAmendment(d: Deps, ctx: Ctx, amendmentId: string) {
  const [a] = await d.database.db.select().from(amendments).where(eq(amendments.id, amendmentId));
  if (!a) throw fail('NOT_FOUND', { amendment: amendmentId }, NO_APPENDIX);
  return changeContract(
    d,
    ctx,
    a.contractId,
    'contract.amended',
    async (tx, c) => {
      const [fresh] = await tx.select().from(amendments).where(eq(amendments.id, a.id)).for('update');
      if (fresh.status !== 'configuring') {
        throw fail('INVALID_TRANSITION', { from: fresh.status, event: 'apply' }, appendixIs(fresh.status));
      }
      await tx.update(amendments).set({ status: 'applied', appliedAt: d.clock.now() }).where(eq(amendments.id, a.id));
      await closeTasks(d, tx, ctx, c.id, ['configure_amendment']);
      const { quantity } = fresh;
      const term = priceQuote(priceModelFromJson(c.priceModel), c.vatRate as VatRate, { quantity, periodMonths: c.periodMonths });
      const { unitPriceVnd, subtotalVnd, vatVnd, totalVnd } = term;
      return { quantity, unitPriceVnd, subtotalVnd, vatVnd, totalVnd };
    },
    async (tx, after) => {
      await notifyCustomer(d, tx, after, 'contract.customer_update', { event: 'amended', detail: `${a.fromQuantity} → ${a.quantity}` });
    },
  );
}
