/** The month's BHTT records from what was billed, collected and earned per contract. Pure. */
import { bhttRecordId, type BhttKind, type BhttRecord } from '../../../protocols/bhtt/protocol.ts';

export interface ContractAmount {
  contractId: string;
  contractNumber: string;
  amountVnd: bigint;
  /** revenue only */
  vatVnd?: bigint;
}

export function recordsOf(period: string, kind: BhttKind, rows: readonly ContractAmount[]): BhttRecord[] {
  return rows.map((r) => ({
    recordId: bhttRecordId(r.contractId, period, kind),
    kind,
    period,
    contractId: r.contractId,
    contractNumber: r.contractNumber,
    amount: r.amountVnd.toString(),
    vat: kind === 'revenue' ? (r.vatVnd ?? 0n).toString() : null,
    currency: 'VND',
    source: 'QLDV',
  }));
}

/** Money collected per contract in a month: payments less the refunds done in it. */
interface Ledger {
  payments: { contractId: string; amountVnd: bigint }[];
  refunds: { payment: { contractId: string }; amountVnd: bigint }[];
}

export function collectedByContract(ledger: Ledger): Map<string, bigint> {
  const total = new Map<string, bigint>();
  const add = (id: string, v: bigint) => total.set(id, (total.get(id) ?? 0n) + v);
  for (const p of ledger.payments) add(p.contractId, p.amountVnd);
  for (const r of ledger.refunds) add(r.payment.contractId, -r.amountVnd);
  return total;
}
