import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import argon2 from 'argon2';
import { and, asc, count, desc, eq, gt, ilike, inArray, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { advisoryXactLock, type Database, type Executor } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { AuditLog } from '../audit/index.ts';
import { customers, orgUnits, passwordResets, sessions, users } from './db/schema.ts';
import { isLocked, lockEnd, MAX_FAILED_LOGINS, passwordProblem, RESET_LINK_MINUTES } from './domain/passwords.ts';
import { permissionsOf, scopeRootPath, withinScope, type Role } from './domain/roles.ts';

type UserRow = typeof users.$inferSelect;
type OrgUnitRow = typeof orgUnits.$inferSelect;

const ARGON2 = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export interface PublicUser {
  id: string;
  username: string;
  fullName: string;
  email: string;
  phone: string | null;
  roles: string[];
  orgUnit: { id: string; code: string; name: string; nameEn: string } | null;
  customer: { id: string; name: string; type: 'individual' | 'enterprise' } | null;
  status: 'active' | 'disabled';
  locale: 'vi' | 'en';
  createdAt: Date;
  lastLoginAt: Date | null;
}

export interface NewUser {
  username: string;
  password: string;
  fullName: string;
  email: string;
  phone?: string;
  roles: Role[];
  orgUnitId?: string;
  customerId?: string;
}

export interface UserPatch {
  fullName?: string;
  email?: string;
  phone?: string | null;
  roles?: Role[];
  orgUnitId?: string | null;
  status?: 'active' | 'disabled';
  password?: string;
}

export interface Registration {
  username: string;
  password: string;
  fullName: string;
  email: string;
  phone: string;
}

export interface SignedIn {
  token: string;
  csrfToken: string;
  user: PublicUser;
}

export interface Authenticated {
  sessionId: string;
  user: PublicUser;
  actor: Actor;
}

export const hashPassword = (password: string) => argon2.hash(password, ARGON2);

export class IdentityService {
  private units = new Map<string, OrgUnitRow>();
  /** Verified against when the username is unknown, so timing does not reveal which usernames exist. */
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly opts: {
      sessionSecret: string;
      sessionHours: number;
      /** Called inside the creating transaction of a new account (not for seeded ones): the welcome e-mail. */
      onAccountCreated?: (tx: Executor, user: PublicUser) => Promise<void>;
      /** Called inside the transaction that stores a reset link: the e-mail carrying `token`. */
      onPasswordResetRequested?: (tx: Executor, user: PublicUser, token: string, expiresAt: Date) => Promise<void>;
    },
  ) {}

  // ---- org units --------------------------------------------------------------------------------

  async loadOrgUnits(): Promise<void> {
    const rows = await this.database.db.select().from(orgUnits).orderBy(asc(orgUnits.path));
    this.units = new Map(rows.map((u) => [u.id, u]));
  }

  orgUnitList(): OrgUnitRow[] {
    return [...this.units.values()];
  }

  orgUnitByCode(code: string): OrgUnitRow | undefined {
    return this.orgUnitList().find((u) => u.code === code);
  }

  orgUnit(id: string): OrgUnitRow | undefined {
    return this.units.get(id);
  }

  /** The path prefix that bounds what `actor` may see (their regional company, center or agent). */
  scopePathOf(actor: Actor): string | null {
    const unit = actor.orgUnitId ? this.units.get(actor.orgUnitId) : undefined;
    return unit ? scopeRootPath(unit, (id) => this.units.get(id)) : null;
  }

  /** Ids of the units `actor` reaches; null when their roles reach every unit. */
  unitIdsInScope(actor: Actor): string[] | null {
    const scope = this.scopePathOf(actor);
    if (withinScope(actor, scope, '/')) return null;
    return scope ? this.orgUnitList().filter((u) => u.path.startsWith(scope)).map((u) => u.id) : [];
  }

  // ---- sign-in and sessions -----------------------------------------------------------------------

  /**
   * Unknown, locked and disabled accounts and a wrong password all get the same answer after one
   * argon2 verification, so neither the reply nor its timing tells which usernames exist; the audit
   * keeps the real reason. Failures are counted in SQL, so parallel guesses cannot escape the lock.
   */
  async login(ctx: Ctx, username: string, password: string, meta: { userAgent?: string } = {}): Promise<SignedIn> {
    const now = this.clock.now();
    const [user] = await this.database.db
      .select()
      .from(users)
      .where(sql`lower(${users.username}) = ${username.trim().toLowerCase()}`);
    const ok = await argon2.verify(user?.passwordHash ?? (await this.fakeHash()), password).catch(() => false);
    const refuse = async (reason: 'unknown_user' | 'locked' | 'disabled', after?: object) => {
      await this.audit.record(this.database.db, ctx, {
        action: reason === 'unknown_user' ? 'auth.login_failed' : 'auth.login_refused',
        entityType: 'user',
        entityId: user?.id,
        after: { ...(user ? {} : { username: username.slice(0, 100) }), reason, ...after },
      });
      return new AppError('INVALID_CREDENTIALS');
    };
    if (!user) throw await refuse('unknown_user');
    if (isLocked(user.lockedUntil, now)) throw await refuse('locked', { lockedUntil: user.lockedUntil });
    if (!ok) throw await this.countFailure(ctx, user.id, now);
    if (user.status !== 'active') throw await refuse('disabled');
    return this.database.db.transaction(async (tx) => {
      // Only if no parallel failure locked the account meanwhile.
      const [opened] = await tx
        .update(users)
        .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: now })
        .where(and(eq(users.id, user.id), notLockedAt(now)))
        .returning({ id: users.id });
      if (!opened) throw new AppError('INVALID_CREDENTIALS');
      const signedIn = await this.openSession(tx, user, ctx, meta.userAgent);
      await this.audit.record(tx, { ...ctx, actor: this.actorOf(user) }, {
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
      });
      return signedIn;
    });
  }

  /** One more failure, counted atomically; the MAX_FAILED_LOGINS-th in a row locks the account. */
  private async countFailure(ctx: Ctx, userId: string, now: Date): Promise<AppError> {
    const reached = sql`${users.failedLogins} + 1 >= ${MAX_FAILED_LOGINS}`;
    await this.database.db.transaction(async (tx) => {
      const [after] = await tx
        .update(users)
        .set({
          failedLogins: sql`case when ${reached} then 0 else ${users.failedLogins} + 1 end`,
          lockedUntil: sql`case when ${reached} then ${lockEnd(now).toISOString()}::timestamptz else null end`,
        })
        .where(and(eq(users.id, userId), notLockedAt(now)))
        .returning({ failedLogins: users.failedLogins, lockedUntil: users.lockedUntil });
      await this.audit.record(tx, ctx, {
        action: after?.lockedUntil ? 'auth.locked' : after ? 'auth.login_failed' : 'auth.login_refused',
        entityType: 'user',
        entityId: userId,
        after: after ?? { reason: 'locked' },
      });
    });
    return new AppError('INVALID_CREDENTIALS');
  }

  private async openSession(tx: Executor, user: UserRow, ctx: Ctx, userAgent?: string): Promise<SignedIn> {
    const now = this.clock.now();
    const token = randomBytes(32).toString('base64url');
    const id = newId('session', now);
    await tx.insert(sessions).values({
      id,
      tokenHash: sha256(token),
      userId: user.id,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.opts.sessionHours * 3_600_000),
      ip: ctx.ip ?? null,
      userAgent: userAgent?.slice(0, 300) ?? null,
    });
    const [publicUser] = await this.withCustomers([user], tx);
    return { token, csrfToken: this.csrfTokenFor(id), user: publicUser };
  }

  /** Resolves a bearer token or session cookie; null when unknown, expired, revoked or disabled. */
  async authenticate(token: string): Promise<Authenticated | null> {
    if (!token || token.length > 200) return null;
    const now = this.clock.now();
    const [row] = await this.database.db
      .select({ session: sessions, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.tokenHash, sha256(token)), isNull(sessions.revokedAt)));
    if (!row || row.session.expiresAt <= now || row.user.status !== 'active') return null;
    if (now.getTime() - row.session.lastSeenAt.getTime() > 60_000) {
      await this.database.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.session.id));
    }
    const [user] = await this.withCustomers([row.user]);
    return { sessionId: row.session.id, user, actor: this.actorOf(row.user) };
  }

  async logout(ctx: Ctx, sessionId: string): Promise<void> {
    await this.database.db.transaction(async (tx) => {
      await tx.update(sessions).set({ revokedAt: this.clock.now() }).where(eq(sessions.id, sessionId));
      await this.audit.record(tx, ctx, { action: 'auth.logout', entityType: 'session', entityId: sessionId });
    });
  }

  // ---- own account: password and sessions -------------------------------------------------------

  /**
   * "Forgot password": e-mails each active account with this address a single-use link that expires
   * after RESET_LINK_MINUTES. The caller learns nothing: the answer is the same whether any account matched.
   */
  async requestPasswordReset(ctx: Ctx, email: string): Promise<void> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + RESET_LINK_MINUTES * 60_000);
    const found = await this.database.db
      .select()
      .from(users)
      .where(and(sql`lower(${users.email}) = ${email.trim().toLowerCase()}`, eq(users.status, 'active')))
      .limit(5);
    if (found.length === 0) {
      await this.audit.record(this.database.db, ctx, { action: 'auth.password_reset_requested', entityType: 'user', after: { email: email.slice(0, 200), reason: 'unknown_email' } });
      return;
    }
    for (const user of found) {
      const token = randomBytes(32).toString('base64url');
      await this.database.db.transaction(async (tx) => {
        // One link at a time: a new request voids the older ones.
        await tx.update(passwordResets).set({ usedAt: now }).where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)));
        await tx.insert(passwordResets).values({ id: newId('passwordReset', now), tokenHash: sha256(token), userId: user.id, createdAt: now, expiresAt, ip: ctx.ip ?? null });
        await this.audit.record(tx, ctx, { action: 'auth.password_reset_requested', entityType: 'user', entityId: user.id, after: { expiresAt } });
        const [publicUser] = await this.withCustomers([user], tx);
        await this.opts.onPasswordResetRequested?.(tx, publicUser, token, expiresAt);
      });
    }
  }

  /** Sets a new password from an e-mailed link: once, before it expires; every session of the account ends. */
  async resetPassword(ctx: Ctx, token: string, password: string): Promise<void> {
    const now = this.clock.now();
    const [link] = await this.database.db
      .select({ userId: passwordResets.userId, username: users.username })
      .from(passwordResets)
      .innerJoin(users, eq(users.id, passwordResets.userId))
      .where(and(eq(passwordResets.tokenHash, sha256(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now), eq(users.status, 'active')));
    if (!link) throw new AppError('RESET_LINK_INVALID');
    checkPassword(password, link.username);
    const passwordHash = await hashPassword(password);
    await this.database.db.transaction(async (tx) => {
      // Claimed in the writing statement, so two uses of the same link cannot both succeed.
      const [claimed] = await tx
        .update(passwordResets)
        .set({ usedAt: now })
        .where(and(eq(passwordResets.tokenHash, sha256(token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
        .returning({ userId: passwordResets.userId });
      if (!claimed) throw new AppError('RESET_LINK_INVALID');
      await this.setPassword(tx, claimed.userId, passwordHash, now);
      await tx.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.userId, claimed.userId), isNull(sessions.revokedAt)));
      await this.audit.record(tx, ctx, { action: 'user.password_reset_by_link', entityType: 'user', entityId: claimed.userId, after: { passwordChanged: true, sessionsEnded: 'all' } });
    });
  }

  /** The signed-in user changes their password (the current one is required); their other sessions end. */
  async changePassword(ctx: Ctx, auth: Pick<Authenticated, 'sessionId' | 'user'>, current: string, next: string): Promise<void> {
    const [user] = await this.database.db.select().from(users).where(eq(users.id, auth.user.id));
    if (!user || !(await argon2.verify(user.passwordHash, current).catch(() => false))) throw new AppError('CURRENT_PASSWORD_WRONG');
    checkPassword(next, user.username);
    const passwordHash = await hashPassword(next);
    const now = this.clock.now();
    await this.database.db.transaction(async (tx) => {
      await this.setPassword(tx, user.id, passwordHash, now);
      await tx.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt), ne(sessions.id, auth.sessionId)));
      await this.audit.record(tx, ctx, { action: 'user.password_changed', entityType: 'user', entityId: user.id, after: { passwordChanged: true, sessionsEnded: 'others' } });
    });
  }

  /** A new password also voids any reset link still outstanding. */
  private async setPassword(tx: Executor, userId: string, passwordHash: string, now: Date): Promise<void> {
    await tx
      .update(users)
      .set({ passwordHash, failedLogins: 0, lockedUntil: null, updatedAt: now, version: sql`${users.version} + 1` })
      .where(eq(users.id, userId));
    await tx.update(passwordResets).set({ usedAt: now }).where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
  }

  /** The user's open sessions, newest activity first; `current` marks the one asking. */
  async sessionsOf(auth: Pick<Authenticated, 'sessionId' | 'user'>) {
    const now = this.clock.now();
    const rows = await this.database.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, auth.user.id), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
      .orderBy(desc(sessions.lastSeenAt))
      .limit(100);
    return rows.map((r) => ({ id: r.id, createdAt: r.createdAt, lastSeenAt: r.lastSeenAt, expiresAt: r.expiresAt, ip: r.ip, userAgent: r.userAgent, current: r.id === auth.sessionId }));
  }

  /** Signs the user out of one of their sessions (`sessionId`) or of every other one (`'others'`). */
  async endSessions(ctx: Ctx, auth: Pick<Authenticated, 'sessionId' | 'user'>, which: string | 'others'): Promise<number> {
    const now = this.clock.now();
    const own = and(eq(sessions.userId, auth.user.id), isNull(sessions.revokedAt));
    return this.database.db.transaction(async (tx) => {
      const ended = await tx
        .update(sessions)
        .set({ revokedAt: now })
        .where(and(own, which === 'others' ? ne(sessions.id, auth.sessionId) : eq(sessions.id, which)))
        .returning({ id: sessions.id });
      if (which !== 'others' && ended.length === 0) throw new AppError('NOT_FOUND', { session: which });
      await this.audit.record(tx, ctx, { action: 'auth.sessions_ended', entityType: 'user', entityId: auth.user.id, after: { sessions: ended.map((e) => e.id) } });
      return ended.length;
    });
  }

  csrfTokenFor(sessionId: string): string {
    return createHmac('sha256', this.opts.sessionSecret).update(`csrf:${sessionId}`).digest('base64url');
  }

  csrfTokenValid(sessionId: string, given: string | undefined): boolean {
    if (!given) return false;
    const a = Buffer.from(this.csrfTokenFor(sessionId));
    const b = Buffer.from(given);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  permissionsOf(user: PublicUser): string[] {
    return permissionsOf(user.roles);
  }

  // ---- self-registration (KHCN) -------------------------------------------------------------------

  async register(ctx: Ctx, r: Registration): Promise<SignedIn> {
    checkPassword(r.password, r.username);
    const passwordHash = await hashPassword(r.password);
    const now = this.clock.now();
    return this.database.db.transaction(async (tx) => {
      // One registration at a time: two at once with the same e-mail or phone would both find it free.
      await advisoryXactLock(tx, 'identity.register');
      await this.assertUsernameFree(tx, r.username);
      await this.assertContactFree(tx, r.email, r.phone);
      const customerId = newId('customer', now);
      await tx.insert(customers).values({
        id: customerId,
        type: 'individual',
        name: r.fullName,
        email: r.email,
        phone: r.phone,
        createdAt: now,
      });
      const [user] = await tx
        .insert(users)
        .values({
          id: newId('user', now),
          username: r.username,
          fullName: r.fullName,
          email: r.email,
          phone: r.phone,
          passwordHash,
          roles: ['customer'],
          customerId,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      const actorCtx = { ...ctx, actor: this.actorOf(user) };
      await this.audit.record(tx, actorCtx, { action: 'customer.registered', entityType: 'customer', entityId: customerId, after: { type: 'individual', name: r.fullName, email: r.email, phone: r.phone } });
      await this.audit.record(tx, actorCtx, { action: 'user.created', entityType: 'user', entityId: user.id, after: this.snapshot(user) });
      const signedIn = await this.openSession(tx, user, ctx);
      await this.opts.onAccountCreated?.(tx, signedIn.user);
      return signedIn;
    });
  }

  // ---- administration -----------------------------------------------------------------------------

  async listUsers(q: { q?: string; page: number; pageSize: number }) {
    const db = this.database.db;
    const cond: SQL | undefined = q.q
      ? or(ilike(users.username, `%${q.q}%`), ilike(users.fullName, `%${q.q}%`), ilike(users.email, `%${q.q}%`))
      : undefined;
    const [rows, [{ total }]] = await Promise.all([
      db
        .select()
        .from(users)
        .where(cond)
        .orderBy(asc(users.username))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      db.select({ total: count() }).from(users).where(cond),
    ]);
    return { items: await this.withCustomers(rows), total, page: q.page, pageSize: q.pageSize };
  }

  async getUser(id: string, ex: Executor = this.database.db): Promise<PublicUser> {
    const [row] = await ex.select().from(users).where(eq(users.id, id));
    if (!row) throw new AppError('NOT_FOUND', { user: id });
    return (await this.withCustomers([row], ex))[0];
  }

  async createUser(ctx: Ctx, u: NewUser, ex?: Executor): Promise<PublicUser> {
    checkPassword(u.password, u.username);
    this.assertOrgUnit(u.orgUnitId);
    const passwordHash = await hashPassword(u.password);
    return (ex ?? this.database.db).transaction(async (tx) => {
      const user = await this.insertUser(ctx, u, passwordHash, tx);
      await this.opts.onAccountCreated?.(tx, user);
      return user;
    });
  }

  /** Inserts a user whose password is already hashed (the seed hashes the shared demo password once). */
  async insertUser(ctx: Ctx, u: Omit<NewUser, 'password'>, passwordHash: string, ex: Executor = this.database.db): Promise<PublicUser> {
    const now = this.clock.now();
    return ex.transaction(async (tx) => {
      await this.assertUsernameFree(tx, u.username);
      if (u.customerId) await this.assertCustomer(tx, u.customerId);
      const [row] = await tx
        .insert(users)
        .values({
          id: newId('user', now),
          username: u.username,
          fullName: u.fullName,
          email: u.email,
          phone: u.phone ?? null,
          passwordHash,
          roles: [...new Set(u.roles)],
          orgUnitId: u.orgUnitId ?? null,
          customerId: u.customerId ?? null,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await this.audit.record(tx, ctx, { action: 'user.created', entityType: 'user', entityId: row.id, after: this.snapshot(row) });
      return (await this.withCustomers([row], tx))[0];
    });
  }

  async updateUser(ctx: Ctx, id: string, patch: UserPatch): Promise<PublicUser> {
    if (patch.password !== undefined) checkPassword(patch.password);
    if (patch.orgUnitId) this.assertOrgUnit(patch.orgUnitId);
    const passwordHash = patch.password !== undefined ? await hashPassword(patch.password) : undefined;
    const now = this.clock.now();
    return this.database.db.transaction(async (tx) => {
      const [before] = await tx.select().from(users).where(eq(users.id, id)).for('update');
      if (!before) throw new AppError('NOT_FOUND', { user: id });
      if (id === ctx.actor.id && (patch.status === 'disabled' || (patch.roles && !patch.roles.includes('admin')))) {
        throw new AppError('CONFLICT', { reason: 'admins cannot disable or demote themselves' }, 'cannot disable or demote yourself');
      }
      const { password: _omit, ...fields } = patch;
      const [after] = await tx
        .update(users)
        .set({
          ...fields,
          ...(patch.roles ? { roles: [...new Set(patch.roles)] } : {}),
          ...(passwordHash ? { passwordHash, failedLogins: 0, lockedUntil: null } : {}),
          updatedAt: now,
          version: before.version + 1,
        })
        .where(and(eq(users.id, id), eq(users.version, before.version)))
        .returning();
      if (!after) throw new AppError('CONFLICT');
      if (patch.status === 'disabled' || passwordHash) {
        // A disabled account or a reset password ends every open session.
        await tx.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.userId, id), isNull(sessions.revokedAt)));
      }
      await this.audit.record(tx, ctx, {
        action: passwordHash && Object.keys(fields).length === 0 ? 'user.password_reset' : 'user.updated',
        entityType: 'user',
        entityId: id,
        before: this.snapshot(before),
        after: { ...this.snapshot(after), ...(passwordHash ? { passwordChanged: true } : {}) },
      });
      return (await this.withCustomers([after], tx))[0];
    });
  }

  /** Full names of users by id, for showing who did what. */
  async namesOf(ids: (string | null | undefined)[], ex: Executor = this.database.db): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((x): x is string => !!x))];
    if (wanted.length === 0) return new Map();
    const rows = await ex.select({ id: users.id, fullName: users.fullName }).from(users).where(inArray(users.id, wanted));
    return new Map(rows.map((r) => [r.id, r.fullName]));
  }

  // ---- helpers ------------------------------------------------------------------------------------

  actorOf(user: Pick<UserRow, 'id' | 'username' | 'roles' | 'orgUnitId' | 'customerId'> | PublicUser): Actor {
    const orgUnitId = 'orgUnitId' in user ? user.orgUnitId : (user.orgUnit?.id ?? null);
    const customerId = 'customerId' in user ? user.customerId : (user.customer?.id ?? null);
    return {
      kind: 'user',
      id: user.id,
      name: user.username,
      roles: user.roles,
      orgUnitId,
      orgUnitPath: orgUnitId ? (this.units.get(orgUnitId)?.path ?? null) : null,
      customerId,
    };
  }

  private toPublic(u: UserRow, customer?: PublicUser['customer']): PublicUser {
    const unit = u.orgUnitId ? this.units.get(u.orgUnitId) : undefined;
    return {
      id: u.id,
      username: u.username,
      fullName: u.fullName,
      email: u.email,
      phone: u.phone,
      roles: u.roles,
      orgUnit: unit ? { id: unit.id, code: unit.code, name: unit.name, nameEn: unit.nameEn } : null,
      customer: customer ?? null,
      status: u.status,
      locale: u.locale,
      createdAt: u.createdAt,
      lastLoginAt: u.lastLoginAt,
    };
  }

  private async withCustomers(rows: UserRow[], ex: Executor = this.database.db): Promise<PublicUser[]> {
    const ids = [...new Set(rows.map((r) => r.customerId).filter((x): x is string => !!x))];
    const found = ids.length
      ? await ex
          .select({ id: customers.id, name: customers.name, type: customers.type })
          .from(customers)
          .where(sql`${customers.id} in (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`)
      : [];
    const byId = new Map(found.map((c) => [c.id, c]));
    return rows.map((r) => this.toPublic(r, r.customerId ? byId.get(r.customerId) : undefined));
  }

  private snapshot(u: UserRow) {
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

  private async assertUsernameFree(tx: Executor, username: string): Promise<void> {
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(sql`lower(${users.username}) = ${username.toLowerCase()}`);
    if (taken) throw new AppError('USERNAME_TAKEN', { username });
  }

  /** A self-registered account may not take an e-mail or phone already on another account or customer. */
  private async assertContactFree(tx: Executor, email: string, phone: string): Promise<void> {
    const lower = email.trim().toLowerCase();
    const tail = phone.replace(/\D/g, '').slice(-9);
    const samePhone = (col: typeof users.phone | typeof customers.phone) => sql`right(regexp_replace(coalesce(${col}, ''), '[^0-9]', '', 'g'), 9) = ${tail}`;
    const [user] = await tx
      .select({ email: users.email })
      .from(users)
      .where(or(sql`lower(${users.email}) = ${lower}`, samePhone(users.phone)))
      .limit(1);
    const [customer] = user ? [] : await tx
      .select({ email: customers.email })
      .from(customers)
      .where(or(sql`lower(${customers.email}) = ${lower}`, samePhone(customers.phone)))
      .limit(1);
    const taken = user ?? customer;
    if (taken) throw new AppError(taken.email?.toLowerCase() === lower ? 'EMAIL_TAKEN' : 'PHONE_TAKEN');
  }

  private assertOrgUnit(id: string | undefined): void {
    if (id && !this.units.has(id)) throw new AppError('VALIDATION_FAILED', { orgUnitId: id }, `unknown org unit ${id}`);
  }

  private async assertCustomer(tx: Executor, id: string): Promise<void> {
    const [c] = await tx.select({ id: customers.id }).from(customers).where(eq(customers.id, id));
    if (!c) throw new AppError('VALIDATION_FAILED', { customerId: id }, `unknown customer ${id}`);
  }

  private fakeHash(): Promise<string> {
    this.dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    return this.dummyHash;
  }
}

function checkPassword(password: string, username?: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw new AppError('WEAK_PASSWORD', { problem });
}

/** The account is not locked at `now` (checked again in the writing statement, not only when read). */
const notLockedAt = (now: Date) => or(isNull(users.lockedUntil), lte(users.lockedUntil, now));

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
