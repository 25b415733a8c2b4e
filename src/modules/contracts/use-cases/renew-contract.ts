import { addDays } from '../../../platform/calendar.ts';
import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { catalogError } from '../../catalog/index.ts';
import { priceQuote, type VatRate } from '../../catalog/index.ts';
import { today, type Deps } from '../deps.ts';
import { LIVE_STATUSES } from '../domain/lifecycle.ts';
import { insertContract, openTask } from '../persist.ts';
import { assertSeller, contractRow, hasLiveRenewal } from '../queries.ts';

/** C5: a renewal is a new contract at the price list of the day, starting the day after the current end. */
export async function renewContract(d: Deps, ctx: Ctx, id: string, opts: { quantity?: number; periodMonths?: number }) {
  const parent = await contractRow(d, id);
  assertSeller(d, ctx, parent);
  if (!LIVE_STATUSES.includes(parent.status)) {
    throw fail('INVALID_TRANSITION', { from: parent.status, event: 'renew' }, { vi: `hợp đồng ở trạng thái ${parent.status} không thể gia hạn`, en: `a ${parent.status} contract cannot be renewed` });
  }
  const plan = await d.catalog.plan(parent.planId);
  const product = await d.catalog.product(parent.productId);
  const priced = await d.catalog.pricedPlan(product.code, plan.code);
  if (priced.model.kind === 'quote') throw catalogError('QUOTE_REQUIRED', {});
  const quantity = opts.quantity ?? parent.quantity;
  const periodMonths = opts.periodMonths ?? parent.periodMonths;
  const pricing = priceQuote(priced.model, product.vatRate as VatRate, { quantity, periodMonths });
  const renewal = {
    kind: 'renewal' as const,
    parentId: parent.id,
    customerId: parent.customerId,
    channel: parent.channel,
    billing: parent.billing,
    sellingUnitId: parent.sellingUnitId,
    managingUnitId: parent.managingUnitId,
    salesUserId: ctx.actor.customerId ? parent.salesUserId : ctx.actor.id,
    quantity,
    status: 'draft' as const,
    signedDate: today(d),
    startDate: parent.endDate ? addDays(parent.endDate, 1) : null,
    needsCtkvApproval: parent.needsCtkvApproval,
  };
  return d.database.db.transaction(async (tx) => {
    if (await hasLiveRenewal(tx, parent.id)) throw fail('CONFLICT', { contract: parent.id }, { vi: 'hợp đồng đã có hợp đồng gia hạn', en: 'a renewal already exists' });
    const row = await insertContract(d, tx, ctx, renewal, priced, pricing);
    // C5: the signing unit renews within 1 working day.
    await openTask(d, tx, row, 'renew', row.sellingUnitId);
    return row;
  });
}
