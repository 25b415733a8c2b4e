import { and, asc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { contracts, tasks } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { TASK_KINDS, type TaskKind } from '../contract.ts';
import { mayListOverdue, taskKindsFor } from '../domain/tasks.ts';
import { canSee, summaries, unitRef } from '../queries.ts';
import { countFiles } from '../../../platform/files.ts';

export interface TaskQuery {
  status?: 'open' | 'done';
  kind?: TaskKind;
  overdueOnly?: boolean;
  page: number;
  pageSize: number;
}

/**
 * The inbox (C4, C8): open steps this caller is expected to act on, each with its working-day deadline;
 * or, for managers, everyone's overdue steps.
 */
export async function listTasks(d: Deps, ctx: Ctx, q: TaskQuery) {
  const where: SQL[] = [];
  if (q.overdueOnly) {
    if (!mayListOverdue(ctx.actor.roles)) throw fail('FORBIDDEN');
    where.push(eq(tasks.status, 'open'), lt(tasks.dueAt, d.clock.now()));
  } else {
    const kinds = taskKindsFor(ctx.actor.roles);
    if (kinds.length === 0) where.push(sql`false`);
    else if (kinds.length < TASK_KINDS.length) where.push(inArray(tasks.kind, [...kinds]));
    where.push(eq(tasks.status, q.status ?? 'open'));
  }
  if (q.kind) where.push(eq(tasks.kind, q.kind));
  const rows = await d.database.db
    .select({ task: tasks, contract: contracts })
    .from(tasks)
    .innerJoin(contracts, eq(contracts.id, tasks.contractId))
    .where(and(...where))
    .orderBy(asc(tasks.dueAt));
  const visible = rows.filter((r) => canSee(d, ctx, r.contract));
  const page = visible.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  const described = await summaries(d, page.map((r) => r.contract));
  const sellers = await d.identity.namesOf(page.map((r) => r.contract.salesUserId));
  const documents = await countFiles(d.database.db, 'contract', page.map((r) => r.contract.id));
  const now = d.clock.now();
  return {
    items: page.map(({ task, contract }, i) => ({
      id: task.id,
      kind: task.kind,
      status: task.status,
      amendmentId: task.amendmentId,
      contract: {
        id: contract.id,
        number: contract.number,
        status: contract.status,
        customerName: described[i].customer?.name ?? '',
        productCode: described[i].product?.code ?? '',
        totalVnd: contract.totalVnd,
        sellerName: contract.salesUserId ? (sellers.get(contract.salesUserId) ?? null) : null,
        documentCount: documents.get(contract.id) ?? 0,
      },
      unit: unitRef(d, task.unitId),
      openedAt: task.openedAt,
      dueAt: task.dueAt,
      doneAt: task.doneAt,
      overdue: task.status === 'open' && task.dueAt < now,
    })),
    total: visible.length,
    page: q.page,
    pageSize: q.pageSize,
  };
}
