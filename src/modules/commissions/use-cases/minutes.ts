import { and, asc, eq, max, sum } from 'drizzle-orm';
import { toLocalDate } from '../../../platform/calendar.ts';
import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { readVietnameseAmount } from '../../invoicing/index.ts';
import { accruals, statements } from '../db/schema.ts';
import type { CommissionsDeps } from '../deps.ts';
import { renderMinutes } from '../domain/minutes.ts';
import { seesAll } from '../queries.ts';

/** The printable minutes of a beneficiary's month: for the accountant, or the beneficiary themself. */
export async function minutesHtml(d: CommissionsDeps, ctx: Ctx, period: string, beneficiaryUsername: string): Promise<string> {
  const db = d.database.db;
  const lines = await db
    .select({
      userId: accruals.beneficiaryUserId,
      kind: accruals.beneficiaryKind,
      contractNumber: accruals.contractNumber,
      collectedVnd: sum(accruals.collectedVnd),
      netVnd: sum(accruals.netVnd),
      rateBp: max(accruals.rateBp),
      amountVnd: sum(accruals.amountVnd),
    })
    .from(accruals)
    .where(and(eq(accruals.period, period), eq(accruals.beneficiaryUsername, beneficiaryUsername)))
    .groupBy(accruals.beneficiaryUserId, accruals.beneficiaryKind, accruals.contractNumber)
    .orderBy(asc(accruals.contractNumber));
  const userId = lines[0]?.userId;
  if (!userId || (!seesAll(ctx) && ctx.actor.id !== userId)) throw fail('NOT_FOUND', { period, beneficiaryUsername });
  const [user] = await d.identity.userRefs([userId]);
  const [approved] = await db.select().from(statements).where(and(eq(statements.period, period), eq(statements.beneficiaryUserId, userId)));
  const big = (v: string | null) => BigInt(v ?? 0);
  const rows = lines.map(
    (l) => ({ contractNumber: l.contractNumber, collectedVnd: big(l.collectedVnd), netVnd: big(l.netVnd), rateBp: l.rateBp ?? 0, amountVnd: big(l.amountVnd) })
  );
  const total = rows.reduce((s, l) => s + l.amountVnd, 0n);
  return renderMinutes({
    period,
    beneficiary: {
      fullName: user?.fullName ?? beneficiaryUsername,
      username: beneficiaryUsername,
      unitName: d.identity.orgUnit(user?.orgUnitId ?? '')?.name ?? null,
      kind: lines[0].kind,
    },
    lines: rows,
    amountInWords: readVietnameseAmount(total < 0n ? 0n : total),
    approved: approved ? { by: approved.approvedBy, at: toLocalDate(approved.approvedAt).split('-').reverse().join('/') } : null,
  });
}
