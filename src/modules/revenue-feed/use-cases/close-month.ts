import { newId } from '../../../platform/ids.ts';
import { BHTT_KINDS } from '../../../protocols/bhtt/protocol.ts';
import { pushes } from '../db/schema.ts';
import { SYSTEM, type RevenueFeedDeps } from '../deps.ts';
import { recordsOf } from '../domain/records.ts';
import { PUSH_QUEUE } from './push-record.ts';
import { amountsOf } from './sources.ts';

export const CLOSE_QUEUE = 'bhtt.close_month';

/**
 * Queues the month's records for BHTT: revenue, collections and commissions per contract. Each record
 * is written with its push job in one transaction (the outbox), keyed by contract, month and kind, so
 * closing a month twice queues nothing twice. Returns how many records were queued.
 */
export async function closeMonth(d: RevenueFeedDeps, period: string): Promise<number> {
  const records = (await Promise.all(BHTT_KINDS.map(async (kind) => recordsOf(period, kind, await amountsOf(d, period, kind))))).flat();
  let queued = 0;
  for (const record of records) {
    await d.database.db.transaction(async (tx) => {
      const now = d.clock.now();
      const row = {
        id: newId('feedPush', now),
        recordId: record.recordId,
        contractId: record.contractId,
        period,
        kind: record.kind,
        record,
        status: 'pending' as const,
        createdAt: now,
      };
      const [inserted] = await tx.insert(pushes).values(row).onConflictDoNothing({ target: pushes.recordId }).returning({ id: pushes.id });
      if (!inserted) return;
      await d.jobs.enqueue(tx, { queue: PUSH_QUEUE, key: `${PUSH_QUEUE}:${record.recordId}`, payload: { recordId: record.recordId } });
      await d.audit.record(tx, SYSTEM, { action: 'bhtt.queued', entityType: 'bhtt_record', entityId: record.recordId, after: record });
      queued++;
    });
  }
  return queued;
}
