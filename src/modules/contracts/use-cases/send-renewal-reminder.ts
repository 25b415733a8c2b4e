import { eq } from 'drizzle-orm';
import { contracts } from '../db/schema.ts';
import { SYSTEM, type Deps } from '../deps.ts';
import { LIVE_STATUSES } from '../domain/lifecycle.ts';
import { termText } from '../domain/notices.ts';
import { notifyCustomer, notifyStaff, salesEmail } from '../notify.ts';
import { hasLiveRenewal, lockContract } from '../queries.ts';

export const REMIND_QUEUE = 'contracts.renewal_reminder';
export const REMINDER_DAYS_BEFORE = 30;

/** The job 30 days before the end (C5): e-mail the customer and the sales person, unless already renewed. */
export async function sendRenewalReminder(d: Deps, p: { contractId: string }) {
  await d.database.db.transaction(async (tx) => {
    const c = await lockContract(tx, p.contractId);
    if (c.remindedFor !== null && c.remindedFor === c.endDate) return; // this run repeats one that committed (a crash before the job was marked done)
    if (!LIVE_STATUSES.includes(c.status) || (await hasLiveRenewal(tx, c.id))) return;
    const detail = termText(c.startDate, c.endDate);
    await notifyCustomer(d, tx, c, 'contract.customer_update', { event: 'reminder', detail });
    const sales = await salesEmail(d, tx, c);
    await notifyStaff(d, tx, c, 'reminder', sales, detail);
    const after = { endDate: c.endDate, to: sales };
    await tx.update(contracts).set({ remindedFor: c.endDate }).where(eq(contracts.id, c.id));
    await d.audit.record(tx, SYSTEM, { action: 'contract.renewal_reminder_sent', entityType: 'contract', entityId: c.id, after });
  });
}
