import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { catalogError } from '../../catalog/index.ts';
import { priceQuote, vatOf, type PricedPlan } from '../../catalog/index.ts';
import { today, type Deps } from '../deps.ts';
import { endOfWorkingDay, insertContract, openTask, type Pricing } from '../persist.ts';
import { soldByCtkv } from '../queries.ts';

export interface DeclareInput {
  customerId: string;
  product: string;
  planCode?: string;
  billing?: 'prepaid' | 'postpaid';
  quantity: number;
  periodMonths?: number;
  signedDate: string;
  startDate?: string;
  onpremQuoteId?: string;
  note?: string;
}

/** An AM/KAM or agent declares a contract their unit signed: a draft, due within 1 working day of signing (C2–C4). */
export async function declareContract(d: Deps, ctx: Ctx, input: DeclareInput) {
  const customer = await d.customers.row(input.customerId);
  if (!d.customers.canSee(ctx, customer)) throw fail('FORBIDDEN', { customer: input.customerId });
  if (input.signedDate > today(d)) {
    throw fail('VALIDATION_FAILED', { signedDate: input.signedDate }, { vi: 'ngày ký ở tương lai', en: 'signed date is in the future' });
  }
  const postpaidPlan = input.billing === 'postpaid' ? `${input.product.toUpperCase()}-SAAS-TS` : undefined;
  const priced = await d.catalog.pricedPlan(input.product, input.planCode ?? postpaidPlan);
  const { quantity, periodMonths } = input;
  const quoted = priced.model.kind === 'quote';
  const pricing = quoted
    ? await quotedPricing(d, input, customer.id, priced)
    : priceQuote(priced.model, priced.product.vatRate, { quantity, periodMonths });
  const sellingUnitId = ctx.actor.orgUnitId;
  const contract = {
    customerId: customer.id,
    onpremQuoteId: input.onpremQuoteId ?? null,
    channel: ctx.actor.roles.includes('agent') ? ('agent' as const) : ('am' as const),
    billing: priced.plan.billing,
    sellingUnitId,
    managingUnitId: customer.managingUnitId ?? sellingUnitId,
    salesUserId: ctx.actor.id,
    quantity: quoted ? 1 : quantity,
    status: 'draft' as const,
    signedDate: input.signedDate,
    startDate: input.startDate ?? null,
    needsCtkvApproval: soldByCtkv(d, sellingUnitId) ? 1 : 0,
    note: input.note ?? null,
  };
  return d.database.db.transaction(async (tx) => {
    const row = await insertContract(d, tx, ctx, contract, priced, pricing);
    if (input.onpremQuoteId) await d.catalog.decideOnpremQuote(ctx, input.onpremQuoteId, 'use', { contractId: row.id }, tx);
    // C4: the signing unit declares within 1 working day of signing.
    const dueDate = d.calendar.forUnit(sellingUnitId).addWorkingDaysToDate(input.signedDate, 1);
    await openTask(d, tx, row, 'declare', sellingUnitId, { dueAt: endOfWorkingDay(d, sellingUnitId, dueDate) });
    return row;
  });
}

/** An On-Premise contract is priced by its approved quote, for this customer and product: the price of the whole term. */
async function quotedPricing(d: Deps, input: DeclareInput, customerId: string, priced: PricedPlan): Promise<Pricing> {
  if (!input.onpremQuoteId) throw catalogError('QUOTE_REQUIRED', {});
  const q = await d.catalog.onpremQuote(input.onpremQuoteId);
  if (q.status !== 'approved' || q.customerId !== customerId || q.productId !== priced.product.id) {
    throw catalogError('QUOTE_REQUIRED', { quote: q.number, status: q.status });
  }
  const vatRate = priced.product.vatRate;
  const vatVnd = vatOf(q.totalVnd, vatRate);
  const periodMonths = input.periodMonths ?? 12;
  return { unitPriceVnd: q.totalVnd, subtotalVnd: q.totalVnd, vatRate, vatVnd, totalVnd: q.totalVnd + vatVnd, periodMonths };
}
