import { ne } from 'drizzle-orm';
import { addDays, toLocalDate } from '../../../platform/calendar.ts';
import { contractStates } from '../db/schema.ts';
import { SYSTEM, type CollectionDeps } from '../deps.ts';
import { evaluateContract } from './evaluate-contract.ts';

export const DAILY_QUEUE = 'collection.daily';

/**
 * The daily sweep: bills past their due date become overdue, then every contract with overdue bills
 * or a collection step under way is evaluated. One contract failing does not stop the others; the
 * run fails at the end so the job is retried (steps already taken are not taken again).
 */
export async function runDaily(d: CollectionDeps): Promise<{ overdue: number; evaluated: number; steps: number }> {
  const today = toLocalDate(d.clock.now());
  const falling = await d.billing.billsByStatus({ statuses: ['issued', 'partly_paid'], dueOnOrBefore: addDays(today, -1) });
  let overdue = 0;
  for (const b of falling) {
    try {
      await d.database.db.transaction((tx) => d.billing.markOverdue(tx, SYSTEM, b.id));
      overdue++;
    } catch (err) {
      // Another run (another process) got there first: the bill is overdue (or paid) already.
      if ((await d.billing.bill(b.id)).status === b.status) throw err;
    }
  }
  const pastDue = await d.billing.billsByStatus({ statuses: ['overdue'] });
  const underway = await d.database.db.select({ contractId: contractStates.contractId }).from(contractStates).where(ne(contractStates.stage, 'current'));
  const ids = [...new Set([...pastDue.map((b) => b.contractId), ...underway.map((s) => s.contractId)])];
  let steps = 0;
  const failures: unknown[] = [];
  for (const id of ids) {
    try {
      steps += (await evaluateContract(d, id, today)).length;
    } catch (err) {
      failures.push(err);
    }
  }
  if (failures.length) throw new AggregateError(failures, `collection: ${failures.length} of ${ids.length} contracts failed`);
  return { overdue, evaluated: ids.length, steps };
}
