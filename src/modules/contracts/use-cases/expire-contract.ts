import { SYSTEM, today, type Deps } from '../deps.ts';
import { LIVE_STATUSES, nextStatus } from '../domain/lifecycle.ts';
import { termText } from '../domain/notices.ts';
import { notifyCustomer } from '../notify.ts';
import { openTask, saveContract } from '../persist.ts';
import { hasLiveRenewal, lockContract } from '../queries.ts';

export const EXPIRE_QUEUE = 'contracts.expire';

/** The job the day after the end (C5): without a renewal, service ends and ops disables the account. */
export async function expireContract(d: Deps, p: { contractId: string }) {
  await d.database.db.transaction(async (tx) => {
    const c = await lockContract(tx, p.contractId);
    if (!LIVE_STATUSES.includes(c.status) || !c.endDate || c.endDate >= today(d)) return;
    const after = await saveContract(d, tx, SYSTEM, c, { status: nextStatus(c.status, 'expire') }, 'contract.expired');
    if (await hasLiveRenewal(tx, c.id)) return;
    await openTask(d, tx, after, 'configure_termination', null);
    await notifyCustomer(d, tx, after, 'contract.customer_update', { event: 'expired', detail: termText(after.startDate, after.endDate) });
  });
}
