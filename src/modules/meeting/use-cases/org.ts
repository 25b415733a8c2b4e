import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { organisations } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { TRIAL_ROOM_QUOTA } from '../domain/quota.ts';
import { meetingError } from '../errors.ts';
import { callerOrg, orgView } from '../queries.ts';
import { trialPolicy } from './directory.ts';
import { makeAdmins } from './provision.ts';

/** `GET /api/v1/meeting/org`: the caller's organisation, its quota, the trial rule and whether media runs. */
export async function getOrg(d: Deps, ctx: Ctx) {
  const { org, member } = await callerOrg(d, ctx);
  const policy = org.trial ? await trialPolicy(d) : null;
  const media = d.live.current
    ? await d.live.current.mediaStatus().catch(() => ({ available: false, instances: [], hint: 'apt-get install janus' }))
    : { available: false, instances: [], hint: 'apt-get install janus' };
  return { ...orgView(org), role: member.role, trialPolicy: policy, media };
}

/**
 * Free trial (self-service, A4): a signed-in customer account without an organisation gets one for its
 * customer, with TRIAL_ROOM_QUOTA rooms; meetings are capped by the catalog's trial policy.
 */
export async function startTrial(d: Deps, ctx: Ctx) {
  const customerId = ctx.actor.customerId;
  if (!customerId) throw fail('FORBIDDEN', undefined, { vi: 'chỉ tài khoản khách hàng được dùng thử', en: 'only customer accounts may start a trial' });
  const customer = await d.customers.row(customerId);
  const now = d.clock.now();
  await d.database.db.transaction(async (tx) => {
    const [exists] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.customerId, customerId));
    if (exists) throw meetingError('TRIAL_EXISTS');
    const [org] = await tx
      .insert(organisations)
      .values({ id: newId('meetingOrg', now), customerId, name: customer.name, trial: true, contractId: null, roomQuota: TRIAL_ROOM_QUOTA, status: 'active', createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning();
    if (!org) throw meetingError('TRIAL_EXISTS');
    await makeAdmins(d, tx, org.id, customerId);
    await d.audit.record(tx, ctx, { action: 'meeting.org.trial_started', entityType: 'meeting_org', entityId: org.id, after: org });
  });
  return getOrg(d, ctx);
}
