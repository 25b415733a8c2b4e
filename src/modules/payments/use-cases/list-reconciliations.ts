import { desc } from 'drizzle-orm';
import { reconciliations } from '../db/schema.ts';
import type { ReconSummary } from '../contract.ts';
import type { Deps } from '../deps.ts';

/** The latest daily reconciliations, newest first (a month by default). */
export async function listReconciliations(d: Deps, limit = 31) {
  const { date, status, summary, finishedAt } = reconciliations;
  const rows = await d.database.db.select({ date, status, summary, finishedAt }).from(reconciliations).orderBy(desc(date)).limit(limit);
  return rows.map((r) => ({ ...r, summary: r.summary as ReconSummary | null }));
}
