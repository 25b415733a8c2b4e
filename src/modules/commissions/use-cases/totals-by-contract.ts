import { eq, sum } from 'drizzle-orm';
import { accruals } from '../db/schema.ts';
import type { CommissionsDeps } from '../deps.ts';

/** A month's commission per contract (all beneficiaries): what the revenue feed reports. */
export async function totalsByContract(d: CommissionsDeps, period: string) {
  const rows = await d.database.db
    .select({ contractId: accruals.contractId, contractNumber: accruals.contractNumber, amountVnd: sum(accruals.amountVnd) })
    .from(accruals)
    .where(eq(accruals.period, period))
    .groupBy(accruals.contractId, accruals.contractNumber);
  return rows.map((r) => ({ contractId: r.contractId, contractNumber: r.contractNumber, amountVnd: BigInt(r.amountVnd ?? 0) }));
}
