import type { Executor } from '../../db/client.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import type { IdentityDeps } from './deps.ts';
import { permissionsOf } from './domain/roles.ts';
import { csrfTokenFor, csrfTokenValid } from './domain/tokens.ts';
import { OidcClient } from './oidc-client.ts';
import { OrgUnits } from './org-units.ts';
import { seedDemoUsers } from './seed.ts';
import { actorOf, emailsOfRole, present, getUser, namesOf, userRefs, usersOfCustomer, type UserRow } from './queries.ts';
import type { OwnSession, PublicUser, SessionUser } from './types.ts';
import { authenticate } from './use-cases/authenticate.ts';
import { changePassword } from './use-cases/change-password.ts';
import { createUser, type NewUser } from './use-cases/create-user.ts';
import { listUsers, type UserQuery } from './use-cases/list-users.ts';
import { startOidcLogin } from './use-cases/oidc-start.ts';
import { finishOidcLogin, type OidcCallback } from './use-cases/oidc-sign-in.ts';
import { endOwnSessions, listOwnSessions } from './use-cases/own-sessions.ts';
import { register, type Registration } from './use-cases/register.ts';
import { requestPasswordReset } from './use-cases/request-password-reset.ts';
import { resetPassword } from './use-cases/reset-password.ts';
import { signIn } from './use-cases/sign-in.ts';
import { signOut } from './use-cases/sign-out.ts';
import { updateUser, type UserPatch } from './use-cases/update-user.ts';

/**
 * Identity: the org tree and scope, accounts, sign-in and sessions, passwords, and the staff directory other
 * modules ask (names, e-mails of a role). Its routes are in `routes.ts`, mounted by app.ts: this public API
 * does not import `http/`, which imports it.
 */
export function createIdentity(deps: Omit<IdentityDeps, 'units' | 'oidc'>) {
  const d: IdentityDeps = { ...deps, units: new OrgUnits(deps.database), oidc: new OidcClient(deps.settings.oidc?.providers ?? [], deps.clock) };
  const secret = d.settings.sessionSecret;
  return {
    // the org tree and scope
    loadOrgUnits: () => d.units.load(),
    orgUnitList: () => d.units.list(),
    orgUnitByCode: (code: string) => d.units.byCode(code),
    orgUnit: (id: string) => d.units.get(id),
    scopePathOf: (actor: Actor) => d.units.scopePathOf(actor),
    unitIdsInScope: (actor: Actor) => d.units.unitIdsInScope(actor),
    // sign-in and sessions
    login: (ctx: Ctx, username: string, password: string, meta?: { userAgent?: string }) => signIn(d, ctx, username, password, meta),
    authenticate: (token: string) => authenticate(d, token),
    logout: (ctx: Ctx, sessionId: string) => signOut(d, ctx, sessionId),
    sessionsOf: (auth: OwnSession) => listOwnSessions(d, auth),
    endSessions: (ctx: Ctx, auth: OwnSession, which: string | 'others') => endOwnSessions(d, ctx, auth, which),
    csrfTokenFor: (sessionId: string) => csrfTokenFor(secret, sessionId),
    csrfTokenValid: (sessionId: string, given: string | undefined) => csrfTokenValid(secret, sessionId, given),
    permissionsOf: (user: Pick<PublicUser, 'roles'>) => permissionsOf(user.roles),
    /** The signed-in user as /me shows it, with their customer. */
    publicUser: async (user: SessionUser) => (await present(d, [user]))[0],
    // sign-in with Google / Apple (OpenID Connect)
    oidcProviders: () => d.oidc.list(),
    startOidcLogin: (provider: string, returnTo?: string) => startOidcLogin(d, provider, returnTo),
    finishOidcLogin: (ctx: Ctx, provider: string, cb: OidcCallback, boundState: string | undefined, meta?: { userAgent?: string }) =>
      finishOidcLogin(d, ctx, provider, cb, boundState, meta),
    // own account
    register: (ctx: Ctx, r: Registration) => register(d, ctx, r),
    requestPasswordReset: (ctx: Ctx, email: string) => requestPasswordReset(d, ctx, email),
    resetPassword: (ctx: Ctx, token: string, password: string) => resetPassword(d, ctx, token, password),
    changePassword: (ctx: Ctx, auth: OwnSession, current: string, next: string) => changePassword(d, ctx, auth, current, next),
    // administration
    listUsers: (q: UserQuery) => listUsers(d, q),
    getUser: (id: string, ex?: Executor) => getUser(d, id, ex),
    createUser: (ctx: Ctx, u: NewUser, ex?: Executor) => createUser(d, ctx, u, ex),
    updateUser: (ctx: Ctx, id: string, patch: UserPatch) => updateUser(d, ctx, id, patch),
    actorOf: (user: PublicUser | UserRow) => actorOf(d, user),
    /** Demo customers and accounts (development only; the org tree must be loaded). */
    seedDemoUsers: (password: string) => seedDemoUsers(d, password),
    // the staff directory
    namesOf: (ids: (string | null | undefined)[], ex?: Executor) => namesOf(d, ids, ex),
    userRefs: (ids: string[], ex?: Executor) => userRefs(d, ids, ex),
    usersOfCustomer: (customerId: string, ex?: Executor) => usersOfCustomer(customerId, ex ?? d.database.db),
    emailsOfRole: (role: string, underUnitId?: string | null, ex?: Executor) => emailsOfRole(d, role, underUnitId, ex),
  };
}

export type IdentityService = ReturnType<typeof createIdentity>;

export type { CustomerAccounts } from './deps.ts';
export type { OidcProviderSettings } from './domain/oidc.ts';
export { hashPassword } from './queries.ts';
export type { Authenticated, PublicUser } from './types.ts';
export { ROLES, ROLE_LABELS, PERMISSIONS, hasPermission, withinScope, type Role, type Permission } from './domain/roles.ts';
export { seedOrgUnits, DEMO_USERS } from './seed.ts';
