import type { Executor } from '../../../db/client.ts';
import { addDays, localDateTime } from '../../../platform/calendar.ts';
import type { Ctx } from '../../../platform/context.ts';
import { today, type Deps } from '../deps.ts';
import { nextStatus } from '../domain/lifecycle.ts';
import { termText } from '../domain/notices.ts';
import { termEnd } from '../domain/term.ts';
import { notifyCustomer } from '../notify.ts';
import { saveContract } from '../persist.ts';
import type { ContractRow } from '../queries.ts';
import { EXPIRE_QUEUE } from './expire-contract.ts';
import { REMIND_QUEUE, REMINDER_DAYS_BEFORE } from './send-renewal-reminder.ts';

/** The term starts (today, or the agreed later date) and, for a prepaid term, the renewal reminder and expiry are scheduled. */
export async function activateContract(d: Deps, tx: Executor, ctx: Ctx, c: ContractRow): Promise<ContractRow> {
  const after = await saveContract(d, tx, ctx, c, activationPatch(d, c), 'contract.activated');
  await afterActivation(d, tx, after);
  return after;
}

/** What activation changes on the contract (saved by `activateContract`, or together with the payment by an IPN). */
export function activationPatch(d: Deps, c: ContractRow): Partial<ContractRow> {
  const start = c.startDate && c.startDate > today(d) ? c.startDate : today(d);
  const status = c.status === 'active' ? 'active' : nextStatus(c.status, 'provisioned');
  // A postpaid contract has no term: it runs, billed monthly, until it is terminated (C3).
  const endDate = c.billing === 'postpaid' ? null : termEnd(start, c.periodMonths);
  return { status, startDate: start, endDate, activatedAt: d.clock.now() };
}

/** What follows a saved activation: the term's jobs and the customer's e-mail. */
export async function afterActivation(d: Deps, tx: Executor, after: ContractRow): Promise<void> {
  await scheduleTermJobs(d, tx, after);
  await notifyCustomer(d, tx, after, 'contract.customer_update', { event: 'activated', detail: termText(after.startDate, after.endDate) });
}

/** The reminder at 08:00 30 days before the end (today if that is past), the expiry at midnight after it. */
async function scheduleTermJobs(d: Deps, tx: Executor, c: ContractRow) {
  if (!c.endDate) return;
  const remindOn = addDays(c.endDate, -REMINDER_DAYS_BEFORE);
  const payload = { contractId: c.id };
  const runAt = localDateTime(remindOn < today(d) ? today(d) : remindOn, '08:00');
  await d.jobs.enqueueLater(tx, { queue: REMIND_QUEUE, key: `remind:${c.id}:${c.endDate}`, payload, runAt });
  const expireAt = localDateTime(addDays(c.endDate, 1), '00:00');
  await d.jobs.enqueueLater(tx, { queue: EXPIRE_QUEUE, key: `expire:${c.id}:${c.endDate}`, payload, runAt: expireAt });
}
