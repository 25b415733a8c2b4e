/** What an invoice line says about a payment of a contract (or of one of its appendices). Pure. */
import type { PriceModel, VatRate } from '../../catalog/index.ts';

export interface InvoicedContract {
  number: string;
  model: PriceModel;
  quantity: number;
  periodMonths: number;
  vatRate: VatRate;
  vatVnd: bigint;
  totalVnd: bigint;
}

const UNIT_LABEL: Record<string, string> = { room: 'Phòng/tháng', request: 'Request' };

/**
 * The line is before VAT: the paid amount includes VAT at the contract's rate, so the VAT part is
 * the contract's share of it (a payment of an appendix keeps the same share). A per-unit package is
 * quantity × months of its unit; anything else is one package. The unit price is left out when the
 * amount does not divide evenly.
 */
export function invoiceLineOf(
  c: InvoicedContract,
  plan: { code: string; name: string },
  productName: string,
  forAmendment: boolean,
  paidVnd: bigint,
) {
  const vatPart = c.vatVnd === 0n ? 0n : (paidVnd * c.vatVnd) / c.totalVnd;
  const amountVnd = paidVnd - vatPart;
  const perUnit = c.model.kind === 'per_unit_period';
  const quantity = perUnit ? c.quantity * c.periodMonths : 1;
  const unit = perUnit && 'unit' in c.model ? (UNIT_LABEL[c.model.unit] ?? c.model.unit) : 'Gói';
  return {
    code: plan.code,
    name: `${productName} — ${plan.name}, hợp đồng ${c.number}${forAmendment ? ' (phụ lục)' : ''}`,
    unit,
    quantity,
    unitPriceVnd: amountVnd % BigInt(quantity) === 0n ? amountVnd / BigInt(quantity) : null,
    amountVnd,
    vatRate: c.vatRate,
  };
}
