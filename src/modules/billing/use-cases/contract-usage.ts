import type { Ctx } from '../../../platform/context.ts';
import { priceModelFromJson, type VatRate } from '../../catalog/index.ts';
import { metricsOfProduct, periodDates, periodOf } from '../../usage/index.ts';
import type { ContractUsage } from '../contract.ts';
import type { Deps } from '../deps.ts';
import { rateMonth, type RatedContract } from '../domain/rating.ts';

type BillableContract = Awaited<ReturnType<Deps['contracts']['postpaidRunningBetween']>>[number];

/** What a contract's monthly bill rates: its signed price, the dates it ran, the usage of its product's metrics. */
export function ratingInput(c: BillableContract, productCode: string, quantities: ReadonlyMap<string, bigint>, model = priceModelFromJson(c.priceModel)) {
  const metrics = metricsOfProduct(productCode);
  const usage = new Map([...quantities].filter(([m]) => metrics.includes(m)));
  const endDate = c.terminationDate ?? (c.status === 'expired' ? c.endDate : null);
  const contract: RatedContract = { model, vatRate: c.vatRate as VatRate, quantity: c.quantity, startDate: c.startDate as string, endDate };
  return { contract, usage };
}

/**
 * Live usage of a period (this month by default) and the bill it would make today: the catalog's
 * rating of that usage, what POST /api/v1/quotes gives for the same quantity.
 */
export async function contractUsage(d: Deps, ctx: Ctx, contractId: string, period?: string): Promise<ContractUsage> {
  const c = await d.contracts.row(contractId);
  d.contracts.assertCanSee(ctx, c);
  const p = period ?? periodOf(d.clock.now());
  const used = await d.usage.usageOfPeriod(c.id, p);
  const quantities = new Map(Object.entries(used.metrics).map(([m, v]) => [m, BigInt(v.quantity)]));
  const product = await d.catalog.product(c.productId);
  const { contract, usage } = ratingInput(c, product.code, quantities);
  const bill = c.billing === 'postpaid' && c.startDate ? rateMonth(contract, periodDates(p), usage) : null;
  const lines = (bill?.lines ?? []).map((l) => ({
    ...l,
    unitPriceVnd: l.unitPriceVnd.toString(),
    amountVnd: l.amountVnd.toString(),
    vatVnd: l.vatVnd.toString(),
  }));
  const money = (v: bigint | undefined) => (v ?? 0n).toString();
  return { ...used, projected: { subtotalVnd: money(bill?.subtotalVnd), vatVnd: money(bill?.vatVnd), totalVnd: money(bill?.totalVnd), lines } };
}
