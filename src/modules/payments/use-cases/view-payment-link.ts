import type { Deps } from '../deps.ts';
import { paymentByToken } from '../queries.ts';

/** What the e-mailed link page shows before the customer presses [Thanh toán]. */
export async function viewPaymentLink(d: Deps, token: string) {
  const p = await paymentByToken(d, token);
  const contract = await d.contracts.row(p.contractId);
  const customer = await d.customers.row(p.customerId);
  return {
    paymentId: p.id,
    status: p.status,
    amountVnd: p.amountVnd,
    description: p.description,
    contract: { id: contract.id, number: contract.number, quantity: contract.quantity, periodMonths: contract.periodMonths },
    customer: { name: customer.name, taxCode: customer.taxCode },
    paidAt: p.paidAt,
  };
}
