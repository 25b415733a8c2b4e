import { desc } from 'drizzle-orm';
import { reconciliations } from '../db/schema.ts';
import type { Deps } from '../deps.ts';

/** The latest daily reconciliations, newest first (a month by default). */
export async function listReconciliations(d: Deps, limit = 31) {
  const { date, status, summary, finishedAt } = reconciliations;
  return d.database.db.select({ date, status, summary, finishedAt }).from(reconciliations).orderBy(desc(date)).limit(limit);
}
