import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { systemCtx } from '../../../platform/context.ts';
import { newId } from '../../../platform/ids.ts';
import type { ProvisioningPort, ServiceAccount, ServiceChange } from '../../contracts/index.ts';
import { meetings, members, organisations, provisions } from '../db/schema.ts';
import { MEETING_PRODUCT, type Deps } from '../deps.ts';
import { statusAfter } from '../domain/quota.ts';

const SYSTEM = systemCtx('system:meeting');
export const FREEZE_QUEUE = 'meeting.freeze';

const accountOf = (d: Deps, orgId: string): ServiceAccount => ({ accountRef: `meeting:${orgId}`, accessUrl: `${d.settings.publicBaseUrl}/meeting` });

/**
 * Meeting's provisioning port (issue #13 item 1): the contract's customer gets one organisation with
 * room quota = the contract's rooms, and the customer's accounts become its administrators. A renewal
 * (a new contract of the same customer) takes over the same organisation; a trial becomes paid.
 */
export function meetingProvisioning(d: Deps): ProvisioningPort {
  return {
    async provision(req) {
      const customer = await d.customers.row(req.customerId);
      const orgId = await d.database.db.transaction(async (tx) => {
        const [done] = await tx.select().from(provisions).where(eq(provisions.idempotencyKey, req.idempotencyKey));
        if (done) return done.organisationId;
        const now = d.clock.now();
        const [before] = await tx.select().from(organisations).where(eq(organisations.customerId, req.customerId)).for('update');
        const patch = { trial: false, contractId: req.contractId, roomQuota: req.quantity, status: 'active' as const, updatedAt: now };
        let org;
        if (before) [org] = await tx.update(organisations).set(patch).where(eq(organisations.id, before.id)).returning();
        else [org] = await tx.insert(organisations).values({ id: newId('meetingOrg', now), customerId: req.customerId, name: customer.name, createdAt: now, ...patch }).returning();
        await tx.insert(provisions).values({ idempotencyKey: req.idempotencyKey, organisationId: org.id, contractId: req.contractId, createdAt: now });
        await makeAdmins(d, tx, org.id, req.customerId);
        await d.audit.record(tx, SYSTEM, { action: 'meeting.org.provisioned', entityType: 'meeting_org', entityId: org.id, before: before ?? undefined, after: org });
        return org.id;
      });
      return accountOf(d, orgId);
    },
    async lookup(idempotencyKey) {
      const [row] = await d.database.db.select().from(provisions).where(eq(provisions.idempotencyKey, idempotencyKey));
      return row ? accountOf(d, row.organisationId) : null;
    },
  };
}

/** The customer's accounts not yet in an organisation become administrators of this one. */
export async function makeAdmins(d: Deps, tx: Executor, orgId: string, customerId: string) {
  const users = await d.identity.usersOfCustomer(customerId, tx);
  const now = d.clock.now();
  if (users.length === 0) return;
  await tx
    .insert(members)
    .values(users.map((u) => ({ organisationId: orgId, userId: u.id, role: 'admin' as const, unitId: null, createdAt: now })))
    .onConflictDoNothing();
}

/**
 * The organisation follows its contract (the contracts' service listener, in the change's transaction):
 * an applied appendix sets the quota, suspension freezes, resumption thaws, termination or expiry
 * closes; live meetings of a frozen organisation are ended by a job (the live layer is network I/O).
 */
export function followContract(d: Deps) {
  // Product id → is it Meeting (a product's code never changes, so this needs no invalidation).
  const isMeeting = new Map<string, boolean>();
  return async (tx: Executor, change: ServiceChange) => {
    // In the change's transaction (one connection on PGlite): the product read goes through `tx`.
    if (!isMeeting.has(change.productId)) isMeeting.set(change.productId, (await d.catalog.product(change.productId, tx)).code === MEETING_PRODUCT);
    if (!isMeeting.get(change.productId)) return;
    // Ops finished the step by hand (or after the port): the organisation exists all the same.
    if (change.action === 'contract.provisioned') await adoptContract(d, tx, change);
    const status = statusAfter(change.action);
    const patch = {
      ...(change.action === 'contract.amended' ? { roomQuota: change.quantity } : {}),
      ...(status ? { status } : {}),
    };
    // Paid, activated, renewed …: nothing of the organisation changes, so it is not even read (an IPN's round trips).
    if (Object.keys(patch).length === 0) return;
    const [org] = await tx.select().from(organisations).where(eq(organisations.contractId, change.contractId)).for('update');
    if (!org) return;
    const [after] = await tx.update(organisations).set({ ...patch, updatedAt: d.clock.now() }).where(eq(organisations.id, org.id)).returning();
    await d.audit.record(tx, SYSTEM, { action: `meeting.org.${change.action.replace('contract.', '')}`, entityType: 'meeting_org', entityId: org.id, before: org, after });
    if (status === 'suspended' || status === 'closed') {
      await d.jobs.enqueue(tx, { queue: FREEZE_QUEUE, key: `${FREEZE_QUEUE}:${org.id}:${d.clock.now().getTime()}`, payload: { organisationId: org.id, reason: 'suspended' } });
    }
  };
}

/** The customer's organisation follows this contract (made if none): its rooms as quota, active, not a trial. */
async function adoptContract(d: Deps, tx: Executor, change: ServiceChange) {
  const now = d.clock.now();
  const [before] = await tx.select().from(organisations).where(eq(organisations.customerId, change.customerId)).for('update');
  if (before?.contractId === change.contractId) return;
  const patch = { trial: false, contractId: change.contractId, roomQuota: change.quantity, status: 'active' as const, updatedAt: now };
  let org;
  if (before) [org] = await tx.update(organisations).set(patch).where(eq(organisations.id, before.id)).returning();
  else {
    const customer = await d.customers.row(change.customerId, tx);
    [org] = await tx.insert(organisations).values({ id: newId('meetingOrg', now), customerId: change.customerId, name: customer.name, createdAt: now, ...patch }).returning();
  }
  await makeAdmins(d, tx, org.id, change.customerId);
  await d.audit.record(tx, SYSTEM, { action: 'meeting.org.provisioned', entityType: 'meeting_org', entityId: org.id, before: before ?? undefined, after: org });
}

/** The freeze job: every live meeting of the organisation ends now (through the live layer when attached). */
export async function endLiveMeetings(d: Deps, organisationId: string, end: (meetingId: string) => Promise<void>) {
  const live = await d.database.db
    .select({ id: meetings.id })
    .from(meetings)
    .where(and(eq(meetings.organisationId, organisationId), eq(meetings.status, 'live')));
  for (const m of live) await end(m.id);
}
