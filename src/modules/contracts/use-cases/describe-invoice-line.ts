import { priceModelFromJson, type VatRate } from '../../catalog/index.ts';
import type { Deps } from '../deps.ts';
import { invoiceLineOf } from '../domain/invoice-line.ts';
import { contractRow } from '../queries.ts';

/** What an invoice line says about a payment of this contract (or of one of its appendices). */
export async function describeInvoiceLine(d: Deps, contractId: string, amendmentId: string | null, paidVnd: bigint) {
  const c = await contractRow(d, contractId);
  const product = await d.catalog.product(c.productId);
  const plan = await d.catalog.plan(c.planId);
  const contract = { ...c, model: priceModelFromJson(c.priceModel), vatRate: c.vatRate as VatRate };
  return invoiceLineOf(contract, plan, product.name, amendmentId !== null, paidVnd);
}
