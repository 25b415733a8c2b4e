import { batchWrites } from '../../../db/batch.ts';
import type { Executor } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { priceQuote } from '../../catalog/index.ts';
import { today, type Deps } from '../deps.ts';
import { insertContract, nextContractNumber } from '../persist.ts';
import { ttcnttUnitId, type ContractRow } from '../queries.ts';

export type InTransaction = (tx: Executor, c: ContractRow) => Promise<void>;

export interface SelfServiceOrder {
  product: string;
  quantity: number;
  periodMonths?: number;
}

/**
 * C1: a signed-in individual buys a package; it waits for payment and activates when paid. The
 * total is checked payable online before anything is written; `inTransaction` (the payments
 * module starting the payment) runs in the same transaction, so an order is whole or nothing.
 */
export async function orderSelfService(d: Deps, ctx: Ctx, input: SelfServiceOrder, inTransaction?: InTransaction) {
  if (!ctx.actor.customerId) throw fail('FORBIDDEN', undefined, { vi: 'chỉ khách hàng mới mua gói cước', en: 'only customers buy packages' });
  const customer = await d.customers.row(ctx.actor.customerId);
  const priced = await d.catalog.pricedPlan(input.product);
  if (priced.plan.billing !== 'prepaid' || priced.model.kind === 'quote') {
    throw fail('VALIDATION_FAILED', { plan: priced.plan.code }, { vi: 'sản phẩm này không bán trực tuyến', en: 'this product is not sold online' });
  }
  const pricing = priceQuote(priced.model, priced.product.vatRate, { quantity: input.quantity, periodMonths: input.periodMonths });
  d.ports.checkOnlineTotal(pricing.totalVnd);
  const contract = {
    customerId: customer.id,
    channel: 'self_service' as const,
    billing: 'prepaid' as const,
    sellingUnitId: ttcnttUnitId(d),
    managingUnitId: customer.managingUnitId,
    salesUserId: customer.salesUserId,
    quantity: input.quantity,
    status: 'awaiting_payment' as const,
    signedDate: today(d),
  };
  // The number is drawn on its own before the transaction: drawn inside, the counter's row stays locked until
  // commit and every order waits for the one before (31 ms each at 16 clients). An order that fails after
  // this leaves its number unused; contract numbers, unlike e-invoice numbers, need not be gapless.
  const number = await nextContractNumber(d, d.database.db);
  // The contract, its payment and attempt and their audit entries are written in one statement at the end (src/db/batch.ts).
  return d.database.db.transaction((tx) =>
    batchWrites(tx, async () => {
      const row = await insertContract(d, tx, ctx, { ...contract, number }, priced, pricing);
      await inTransaction?.(tx, row);
      return row;
    }),
  );
}
