import { periodRange } from '../../commissions/index.ts';
import type { BhttKind } from '../../../protocols/bhtt/protocol.ts';
import type { RevenueFeedDeps } from '../deps.ts';
import { collectedByContract, type ContractAmount } from '../domain/records.ts';

/** Per contract, what a month billed (revenue before VAT, with its VAT), collected (less refunds) or earned in commissions. */
export async function amountsOf(d: RevenueFeedDeps, period: string, kind: BhttKind): Promise<ContractAmount[]> {
  if (kind === 'commission') return d.commissions.totalsByContract(period);
  if (kind === 'revenue') {
    const issued = await d.billing.billsOfPeriod(period);
    const numbers = await d.contracts.numbersOf(issued.map((b) => b.contractId));
    const numberOf = (id: string) => numbers.get(id) ?? id;
    return issued.map((b) => ({ contractId: b.contractId, contractNumber: numberOf(b.contractId), amountVnd: b.subtotalVnd, vatVnd: b.vatVnd }));
  }
  const { from, to } = periodRange(period);
  const collected = collectedByContract(await d.ledger(from, to));
  const numbers = await d.contracts.numbersOf([...collected.keys()]);
  return [...collected].map(([contractId, amountVnd]) => ({ contractId, contractNumber: numbers.get(contractId) ?? contractId, amountVnd }));
}
