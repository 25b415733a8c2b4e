import argon2 from 'argon2';
import { and, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { Actor } from '../../platform/context.ts';
import { fail } from '../../platform/errors.ts';
import { identityError, userNotFound } from './errors.ts';
import { orgUnits, users } from './db/schema.ts';
import type { IdentityDeps } from './deps.ts';
import { passwordProblem } from './domain/passwords.ts';
import type { PublicUser, SessionUser } from './types.ts';

export type UserRow = typeof users.$inferSelect;

const ARGON2 = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => argon2.hash(password, ARGON2);

export function checkPassword(password: string, username?: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw identityError('WEAK_PASSWORD', { problem });
}

/** The account is not locked at `now` (checked again in the writing statement, not only when read). */
export const notLockedAt = (now: Date) => or(isNull(users.lockedUntil), lte(users.lockedUntil, now));

export function actorOf(d: IdentityDeps, user: Pick<UserRow, 'id' | 'username' | 'roles' | 'orgUnitId' | 'customerId'> | PublicUser): Actor {
  const orgUnitId = 'orgUnitId' in user ? user.orgUnitId : (user.orgUnit?.id ?? null);
  const customerId = 'customerId' in user ? user.customerId : (user.customer?.id ?? null);
  return {
    kind: 'user',
    id: user.id,
    name: user.username,
    roles: user.roles,
    orgUnitId,
    orgUnitPath: orgUnitId ? (d.units.get(orgUnitId)?.path ?? null) : null,
    customerId,
  };
}

/** A user with their unit, from what the session lookup read (no query: every signed-in request makes it). */
export function sessionUser(d: IdentityDeps, u: UserRow): SessionUser {
  const unit = u.orgUnitId ? d.units.get(u.orgUnitId) : undefined;
  return {
    id: u.id,
    username: u.username,
    fullName: u.fullName,
    email: u.email,
    phone: u.phone,
    roles: u.roles,
    orgUnit: unit ? { id: unit.id, code: unit.code, name: unit.name, nameEn: unit.nameEn } : null,
    customerId: u.customerId,
    status: u.status,
    locale: u.locale,
    createdAt: u.createdAt,
    lastLoginAt: u.lastLoginAt,
  };
}

/** Users as the API shows them, with their unit and customer. */
export async function present(d: IdentityDeps, rows: (UserRow | SessionUser)[], ex: Executor = d.database.db): Promise<PublicUser[]> {
  const ids = [...new Set(rows.map((r) => r.customerId).filter((x): x is string => !!x))];
  const byId = new Map((ids.length ? await d.customers.summaries(ids, ex) : []).map((c) => [c.id, c]));
  return rows.map((u) => {
    const { customerId, ...user } = 'passwordHash' in u ? sessionUser(d, u) : u;
    return { ...user, customer: (customerId && byId.get(customerId)) || null };
  });
}

export async function getUser(d: IdentityDeps, id: string, ex: Executor = d.database.db): Promise<PublicUser> {
  const [row] = await ex.select().from(users).where(eq(users.id, id));
  if (!row) throw userNotFound(id);
  return (await present(d, [row], ex))[0];
}

/** What the audit keeps of a user (never the password hash). */
export function snapshot(u: UserRow) {
  return {
    username: u.username,
    fullName: u.fullName,
    email: u.email,
    phone: u.phone,
    roles: u.roles,
    orgUnitId: u.orgUnitId,
    customerId: u.customerId,
    status: u.status,
  };
}

export async function assertUsernameFree(tx: Executor, username: string): Promise<void> {
  const [taken] = await tx
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.username}) = ${username.toLowerCase()}`);
  if (taken) throw identityError('USERNAME_TAKEN', { username });
}

export function assertOrgUnit(d: IdentityDeps, id: string | null | undefined): void {
  if (id && !d.units.get(id)) throw fail('VALIDATION_FAILED', { orgUnitId: id }, { vi: `không có đơn vị ${id}`, en: `unknown org unit ${id}` });
}

// ---- the staff directory, for other modules -------------------------------------------------------

/** Full names of users by id, for showing who did what. */
export async function namesOf(d: IdentityDeps, ids: (string | null | undefined)[], ex: Executor = d.database.db): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return new Map();
  const rows = await ex.select({ id: users.id, fullName: users.fullName }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.fullName]));
}

/** Who users are (name, unit, own customer), by id: for showing and checking the staff another module names. */
export async function userRefs(d: IdentityDeps, ids: string[], ex: Executor = d.database.db) {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return [];
  return ex
    .select({ id: users.id, username: users.username, fullName: users.fullName, orgUnitId: users.orgUnitId, customerId: users.customerId })
    .from(users)
    .where(inArray(users.id, wanted));
}

/** The accounts of one customer (the Meeting organisation makes them its administrators). */
export async function usersOfCustomer(customerId: string, ex: Executor) {
  return ex
    .select({ id: users.id, username: users.username, fullName: users.fullName, email: users.email, phone: users.phone, status: users.status })
    .from(users)
    .where(eq(users.customerId, customerId));
}

/** E-mail addresses of active users with `role` (optionally inside a unit's subtree or above it), for notifications. */
export async function emailsOfRole(d: IdentityDeps, role: string, underUnitId?: string | null, ex: Executor = d.database.db): Promise<string[]> {
  const unitPath = underUnitId ? d.units.get(underUnitId)?.path : undefined;
  const rows = await ex
    .select({ email: users.email, path: orgUnits.path })
    .from(users)
    .leftJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(and(sql`${role} = any(${users.roles})`, eq(users.status, 'active')));
  return rows.filter((r) => !unitPath || (r.path ?? '').startsWith(unitPath) || unitPath.startsWith(r.path ?? '~')).map((r) => r.email);
}
