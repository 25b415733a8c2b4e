import type { BillInvoiceLine } from '../../payments/index.ts';
import type { Deps } from '../deps.ts';
import { billRow, linesOf } from '../queries.ts';

/** The e-invoice lines of a paid bill: one per bill line, before VAT, named after the contract and month. */
export async function billInvoiceLines(d: Deps, billId: string): Promise<BillInvoiceLine[]> {
  const bill = await billRow(d, billId);
  const contract = await d.contracts.row(bill.contractId);
  const plan = await d.catalog.plan(contract.planId);
  const [year, month] = bill.period.split('-');
  return (await linesOf(d, billId)).map((l) => ({
    code: plan.code,
    name: `${l.description} — hợp đồng ${contract.number}, tháng ${month}/${year}`,
    unit: l.unit,
    quantity: l.quantity,
    unitPriceVnd: l.quantity > 0 && l.amountVnd % BigInt(l.quantity) === 0n ? l.amountVnd / BigInt(l.quantity) : null,
    amountVnd: l.amountVnd,
    vatRate: l.vatRate,
  }));
}
