import type { Ctx } from '../../../platform/context.ts';
import type { Deps } from '../deps.ts';
import { contractPaymentDescription, ensurePayment } from './ensure-payment.ts';
import { startAttempt, type StartedAttempt } from './start-attempt.ts';

export interface PackageOrder {
  product: string;
  quantity: number;
  periodMonths?: number;
}

/** C1 with payment: a signed-in individual orders a package and goes straight to VNPay. */
export async function orderPackage(d: Deps, ctx: Ctx, input: PackageOrder, ipAddr: string) {
  let started: StartedAttempt | undefined;
  const contract = await d.contracts.selfService(ctx, input, async (tx, c) => {
    const description = contractPaymentDescription(c.number);
    const p = await ensurePayment(d, tx, { contractId: c.id, customerId: c.customerId, amountVnd: c.totalVnd, description }, { fresh: true });
    started = await startAttempt(d, p, ipAddr, tx);
  });
  return { contractId: contract.id, ...started! };
}
