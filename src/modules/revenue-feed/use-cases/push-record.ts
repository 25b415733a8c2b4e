import { eq } from 'drizzle-orm';
import { sameBhttRecord } from '../../../protocols/bhtt/protocol.ts';
import { pushes } from '../db/schema.ts';
import type { RevenueFeedDeps } from '../deps.ts';

export const PUSH_QUEUE = 'bhtt.push';

/**
 * Sends one record to BHTT (the push job), outside any transaction. A retry first looks the record
 * up: if BHTT already holds this content (the answer was lost), it is not sent again. A failure is
 * noted and rethrown, so the job retries with backoff.
 */
export async function pushRecord(d: RevenueFeedDeps, recordId: string, attempt: number): Promise<void> {
  const [row] = await d.database.db.select().from(pushes).where(eq(pushes.recordId, recordId));
  if (!row || row.status === 'sent') return;
  try {
    const held = attempt > 1 ? await d.bhtt.get(recordId) : null;
    if (!held || !sameBhttRecord(held, row.record)) await d.bhtt.put(row.record);
    await d.database.db.update(pushes).set({ status: 'sent', sentAt: d.clock.now(), attempts: attempt, lastError: null }).where(eq(pushes.id, row.id));
  } catch (err) {
    await d.database.db.update(pushes).set({ attempts: attempt, lastError: (err as Error).message.slice(0, 500) }).where(eq(pushes.id, row.id));
    throw err;
  }
}
