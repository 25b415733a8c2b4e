import { asc, eq } from 'drizzle-orm';
import type { FeedItem } from '../contract.ts';
import { pushes } from '../db/schema.ts';
import type { RevenueFeedDeps } from '../deps.ts';

export async function listPushes(d: RevenueFeedDeps, period: string): Promise<{ items: FeedItem[] }> {
  const rows = await d.database.db.select().from(pushes).where(eq(pushes.period, period)).orderBy(asc(pushes.recordId));
  return {
    items: rows.map((p) => ({
      recordId: p.recordId,
      kind: p.kind,
      contractId: p.contractId,
      contractNumber: p.record.contractNumber,
      amount: p.record.amount,
      vat: p.record.vat,
      status: p.status,
      attempts: p.attempts,
      lastError: p.lastError,
      sentAt: p.sentAt?.toISOString() ?? null,
    })),
  };
}
