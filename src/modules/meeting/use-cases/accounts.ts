import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { members, units } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { meetingError } from '../errors.ts';
import { callerAdminOrg, callerOrg } from '../queries.ts';

export interface NewAccount {
  username: string;
  password: string;
  fullName: string;
  email: string;
  phone?: string;
  role: 'admin' | 'member';
  unitId?: string | null;
}

export interface AccountPatch {
  fullName?: string;
  email?: string;
  phone?: string | null;
  role?: 'admin' | 'member';
  unitId?: string | null;
}

/** The organisation's accounts (every member may see who is in it, for invitations and fixed rooms). */
export async function listAccounts(d: Deps, ctx: Ctx) {
  const { org } = await callerOrg(d, ctx);
  const rows = await d.database.db.select().from(members).where(eq(members.organisationId, org.id)).orderBy(asc(members.createdAt));
  const refs = await d.identity.usersOfCustomer(org.customerId);
  const byId = new Map(refs.map((u) => [u.id, u]));
  return {
    items: rows.flatMap((m) => {
      const u = byId.get(m.userId);
      return u ? [{ userId: m.userId, username: u.username, fullName: u.fullName, email: u.email, phone: u.phone, status: u.status, role: m.role, unitId: m.unitId }] : [];
    }),
  };
}

async function assertUnit(d: Deps, orgId: string, unitId: string | null | undefined) {
  if (!unitId) return;
  const [u] = await d.database.db.select().from(units).where(and(eq(units.id, unitId), eq(units.organisationId, orgId)));
  if (!u) throw fail('NOT_FOUND', { unit: unitId });
}

/** An admin adds an account: an identity user of the organisation's customer (welcome e-mail), and its membership. */
export async function addAccount(d: Deps, ctx: Ctx, a: NewAccount) {
  const { org } = await callerAdminOrg(d, ctx);
  await assertUnit(d, org.id, a.unitId);
  const user = await d.database.db.transaction(async (tx) => {
    const u = await d.identity.createUser(
      ctx,
      { username: a.username, password: a.password, fullName: a.fullName, email: a.email, phone: a.phone, roles: ['customer'], customerId: org.customerId },
      tx,
    );
    await tx.insert(members).values({ organisationId: org.id, userId: u.id, role: a.role, unitId: a.unitId ?? null, createdAt: d.clock.now() });
    await d.audit.record(tx, ctx, { action: 'meeting.account.added', entityType: 'meeting_org', entityId: org.id, after: { userId: u.id, role: a.role, unitId: a.unitId ?? null } });
    return u;
  });
  return { userId: user.id, username: user.username, fullName: user.fullName, email: user.email, phone: user.phone, status: user.status, role: a.role, unitId: a.unitId ?? null };
}

async function memberOf(d: Deps, orgId: string, userId: string) {
  const [m] = await d.database.db.select().from(members).where(and(eq(members.organisationId, orgId), eq(members.userId, userId)));
  if (!m) throw fail('NOT_FOUND', { account: userId });
  return m;
}

async function assertOtherAdmin(d: Deps, orgId: string, userId: string) {
  const [r] = await d.database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(members)
    .where(and(eq(members.organisationId, orgId), eq(members.role, 'admin'), ne(members.userId, userId)));
  if (r.n === 0) throw meetingError('LAST_ADMIN');
}

/** An admin edits an account's details (identity), its role in the organisation and its unit. */
export async function editAccount(d: Deps, ctx: Ctx, userId: string, p: AccountPatch) {
  const { org } = await callerAdminOrg(d, ctx);
  const before = await memberOf(d, org.id, userId);
  await assertUnit(d, org.id, p.unitId);
  if (p.role === 'member' && before.role === 'admin') await assertOtherAdmin(d, org.id, userId);
  const details = { fullName: p.fullName, email: p.email, phone: p.phone };
  if (Object.values(details).some((v) => v !== undefined)) {
    await d.identity.updateUser(ctx, userId, Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined)));
  }
  if (p.role !== undefined || p.unitId !== undefined) {
    const patch = { ...(p.role ? { role: p.role } : {}), ...(p.unitId !== undefined ? { unitId: p.unitId } : {}) };
    await d.database.db.transaction(async (tx) => {
      await tx.update(members).set(patch).where(and(eq(members.organisationId, org.id), eq(members.userId, userId)));
      await d.audit.record(tx, ctx, { action: 'meeting.account.changed', entityType: 'meeting_org', entityId: org.id, before, after: { ...before, ...patch } });
    });
  }
  return (await listAccounts(d, ctx)).items.find((a) => a.userId === userId)!;
}

/** An admin removes an account: out of the organisation, and the identity account disabled (its sessions end). */
export async function removeAccount(d: Deps, ctx: Ctx, userId: string) {
  const { org } = await callerAdminOrg(d, ctx);
  const before = await memberOf(d, org.id, userId);
  if (userId === ctx.actor.id) throw meetingError('LAST_ADMIN');
  if (before.role === 'admin') await assertOtherAdmin(d, org.id, userId);
  await d.identity.updateUser(ctx, userId, { status: 'disabled' });
  await d.database.db.transaction(async (tx) => {
    await tx.delete(members).where(and(eq(members.organisationId, org.id), eq(members.userId, userId)));
    await d.audit.record(tx, ctx, { action: 'meeting.account.removed', entityType: 'meeting_org', entityId: org.id, before });
  });
}

// ---- units ---------------------------------------------------------------------------------------

export async function listUnits(d: Deps, ctx: Ctx) {
  const { org } = await callerOrg(d, ctx);
  const rows = await d.database.db.select().from(units).where(eq(units.organisationId, org.id)).orderBy(asc(units.name));
  const counts = await d.database.db
    .select({ unitId: members.unitId, n: sql<number>`count(*)::int` })
    .from(members)
    .where(eq(members.organisationId, org.id))
    .groupBy(members.unitId);
  const byUnit = new Map(counts.map((c) => [c.unitId, c.n]));
  return { items: rows.map((u) => ({ id: u.id, name: u.name, members: byUnit.get(u.id) ?? 0 })) };
}

/** A unit, optionally with the accounts assigned to it at once. */
export async function createUnit(d: Deps, ctx: Ctx, p: { name: string; userIds?: string[] }) {
  const { org } = await callerAdminOrg(d, ctx);
  const now = d.clock.now();
  const id = newId('meetingUnit', now);
  await d.database.db.transaction(async (tx) => {
    await tx.insert(units).values({ id, organisationId: org.id, name: p.name, createdAt: now });
    if (p.userIds?.length) await assignIn(tx, org.id, id, p.userIds);
    await d.audit.record(tx, ctx, { action: 'meeting.unit.created', entityType: 'meeting_org', entityId: org.id, after: { id, name: p.name, userIds: p.userIds ?? [] } });
  });
  return { id, name: p.name, members: p.userIds?.length ?? 0 };
}

async function assignIn(tx: Executor, orgId: string, unitId: string, userIds: string[]) {
  const updated = await tx
    .update(members)
    .set({ unitId })
    .where(and(eq(members.organisationId, orgId), inArray(members.userId, userIds)))
    .returning({ userId: members.userId });
  const missing = userIds.filter((u) => !updated.some((x) => x.userId === u));
  if (missing.length) throw meetingError('MEMBER_NOT_IN_ORG', { ids: missing.join(', ') });
}

export async function deleteUnit(d: Deps, ctx: Ctx, unitId: string) {
  const { org } = await callerAdminOrg(d, ctx);
  await assertUnit(d, org.id, unitId);
  await d.database.db.transaction(async (tx) => {
    const [used] = await tx.select({ n: sql<number>`count(*)::int` }).from(members).where(eq(members.unitId, unitId));
    if (used.n > 0) throw meetingError('UNIT_IN_USE');
    await tx.delete(units).where(eq(units.id, unitId));
    await d.audit.record(tx, ctx, { action: 'meeting.unit.deleted', entityType: 'meeting_org', entityId: org.id, before: { id: unitId } });
  });
}
