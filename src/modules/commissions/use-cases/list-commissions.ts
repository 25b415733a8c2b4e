import { and, asc, isNull, max, sql, sum } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import type { CommissionItem } from '../contract.ts';
import { accruals } from '../db/schema.ts';
import type { CommissionsDeps } from '../deps.ts';
import { visibleAccruals } from '../queries.ts';

/** A month's commissions per beneficiary and contract: the accountant sees all, an AM or agent their own. */
export async function listCommissions(d: CommissionsDeps, ctx: Ctx, period: string): Promise<{ items: CommissionItem[] }> {
  const approved = sql<boolean>`${accruals.statementId} is not null`;
  const rows = await d.database.db
    .select({
      beneficiaryUsername: accruals.beneficiaryUsername,
      contractId: accruals.contractId,
      contractNumber: accruals.contractNumber,
      approved,
      collectedVnd: sum(accruals.collectedVnd),
      rateBp: max(accruals.rateBp),
      amountVnd: sum(accruals.amountVnd),
    })
    .from(accruals)
    .where(visibleAccruals(ctx, period))
    .groupBy(accruals.beneficiaryUsername, accruals.contractId, accruals.contractNumber, approved)
    .orderBy(asc(accruals.beneficiaryUsername), asc(accruals.contractNumber));
  return {
    items: rows.map((r) => ({
      beneficiaryUsername: r.beneficiaryUsername,
      contractId: r.contractId,
      contractNumber: r.contractNumber,
      collectedVnd: String(r.collectedVnd ?? 0),
      rateBp: r.rateBp ?? 0,
      amountVnd: String(r.amountVnd ?? 0),
      status: r.approved ? 'approved' : 'accrued',
    })),
  };
}

/** Lines of a beneficiary not yet on an approved statement. */
export const openLines = (ctx: Ctx, period: string) => and(visibleAccruals(ctx, period), isNull(accruals.statementId));
