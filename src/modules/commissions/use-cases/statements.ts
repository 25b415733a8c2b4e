import { and, asc, eq, isNull, sum } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import type { CommissionStatement } from '../contract.ts';
import { accruals, statements } from '../db/schema.ts';
import type { CommissionsDeps } from '../deps.ts';
import { commissionsError } from '../errors.ts';
import { periodEnded, seesAll } from '../queries.ts';
import { openLines } from './list-commissions.ts';
import { syncAccruals } from './sync-accruals.ts';

/** A month's statements: the approved ones and, per beneficiary, what still awaits approval. */
export async function listStatements(d: CommissionsDeps, ctx: Ctx, period: string): Promise<{ items: CommissionStatement[] }> {
  const own = seesAll(ctx) ? undefined : eq(statements.beneficiaryUserId, ctx.actor.id ?? '');
  const approved = await d.database.db.select().from(statements).where(and(eq(statements.period, period), own)).orderBy(asc(statements.beneficiaryUsername));
  const open = await d.database.db
    .select(
      {
        beneficiaryUsername: accruals.beneficiaryUsername,
        beneficiaryKind: accruals.beneficiaryKind,
        collectedVnd: sum(accruals.collectedVnd),
        amountVnd: sum(accruals.amountVnd),
      }
    )
    .from(accruals)
    .where(openLines(ctx, period))
    .groupBy(accruals.beneficiaryUsername, accruals.beneficiaryKind)
    .orderBy(asc(accruals.beneficiaryUsername));
  return {
    items: [
      ...approved.map(presentApproved),
      ...open.map((o) => ({
        period,
        beneficiaryUsername: o.beneficiaryUsername,
        beneficiaryKind: o.beneficiaryKind,
        collectedVnd: String(o.collectedVnd ?? 0),
        amountVnd: String(o.amountVnd ?? 0),
        status: 'accrued' as const,
        approvedBy: null,
        approvedAt: null,
      })),
    ],
  };
}

/** The accountant approves a beneficiary's month once it has ended: its lines are then frozen on the statement. */
export async function approveStatement(d: CommissionsDeps, ctx: Ctx, period: string, beneficiaryUsername: string): Promise<CommissionStatement> {
  if (!periodEnded(period, d.clock.now())) throw commissionsError('COMMISSION_PERIOD_NOT_ENDED', { period });
  await syncAccruals(d, period);
  return d.database.db.transaction(async (tx) => {
    const lines = await tx
      .select()
      .from(accruals)
      .where(and(eq(accruals.period, period), eq(accruals.beneficiaryUsername, beneficiaryUsername), isNull(accruals.statementId)))
      .for('update');
    const [existing] = await tx.select().from(statements).where(and(eq(statements.period, period), eq(statements.beneficiaryUsername, beneficiaryUsername)));
    if (existing) throw commissionsError('COMMISSION_STATEMENT_APPROVED', { period, beneficiaryUsername });
    if (lines.length === 0) throw commissionsError('COMMISSION_NOTHING_TO_APPROVE', { period, beneficiaryUsername });
    if (!ctx.actor.id) throw fail('FORBIDDEN');
    const now = d.clock.now();
    const row = {
      id: newId('commissionStatement', now),
      period,
      beneficiaryUserId: lines[0].beneficiaryUserId,
      beneficiaryUsername,
      beneficiaryKind: lines[0].beneficiaryKind,
      collectedVnd: lines.reduce((s, l) => s + l.collectedVnd, 0n),
      amountVnd: lines.reduce((s, l) => s + l.amountVnd, 0n),
      approvedBy: ctx.actor.name,
      approvedAt: now,
    };
    await tx.insert(statements).values(row);
    const open = and(eq(accruals.period, period), eq(accruals.beneficiaryUsername, beneficiaryUsername), isNull(accruals.statementId));
    await tx.update(accruals).set({ statementId: row.id }).where(open);
    const after = { ...row, lines: lines.length };
    await d.audit.record(tx, ctx, { action: 'commission.statement_approved', entityType: 'commission_statement', entityId: row.id, after });
    return presentApproved(row);
  });
}

function presentApproved(s: typeof statements.$inferSelect): CommissionStatement {
  const { period, beneficiaryUsername, beneficiaryKind, approvedBy } = s;
  return {
    period,
    beneficiaryUsername,
    beneficiaryKind,
    collectedVnd: String(s.collectedVnd),
    amountVnd: String(s.amountVnd),
    status: 'approved',
    approvedBy,
    approvedAt: s.approvedAt.toISOString(),
  };
}
