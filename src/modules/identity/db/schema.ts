import { sql } from 'drizzle-orm';
import { index, integer, pgSchema, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const identitySchema = pgSchema('identity');
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const orgUnits = identitySchema.table('org_units', {
  id: text('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  kind: text('kind', {
    enum: ['corporation', 'center', 'department', 'regional_company', 'billing_center', 'agent'],
  }).notNull(),
  /** Agent kind: reseller (đại lý bao tiêu) or commission agent (đại lý hưởng chi phí phát triển duy trì). */
  agentKind: text('agent_kind', { enum: ['reseller', 'commission'] }),
  parentId: text('parent_id'),
  /** Materialised path of ids, `/ou_a/ou_b/`: scope checks are one prefix comparison. */
  path: text('path').notNull(),
  createdAt: instant('created_at').notNull(),
});

export const users = identitySchema.table(
  'users',
  {
    id: text('id').primaryKey(),
    username: text('username').notNull(),
    fullName: text('full_name').notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    passwordHash: text('password_hash').notNull(),
    roles: text('roles').array().notNull(),
    orgUnitId: text('org_unit_id'),
    customerId: text('customer_id'),
    locale: text('locale', { enum: ['vi', 'en'] }).notNull().default('vi'),
    status: text('status', { enum: ['active', 'disabled'] }).notNull().default('active'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: instant('locked_until'),
    lastLoginAt: instant('last_login_at'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('users_username_idx').on(sql`lower(${t.username})`)],
);

export const sessions = identitySchema.table(
  'sessions',
  {
    id: text('id').primaryKey(),
    /** sha256 of the bearer token; the token itself is never stored. */
    tokenHash: text('token_hash').notNull().unique(),
    userId: text('user_id').notNull(),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    lastSeenAt: instant('last_seen_at').notNull(),
    revokedAt: instant('revoked_at'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Forgotten-password links: single use, short-lived; only the sha256 of the token is stored. */
export const passwordResets = identitySchema.table(
  'password_resets',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: text('user_id').notNull(),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
    ip: text('ip'),
  },
  (t) => [index('password_resets_user_idx').on(t.userId)],
);

/** A Google or Apple account (its `sub`) linked to one of our users: later sign-ins match by subject. */
export const externalIdentities = identitySchema.table(
  'external_identities',
  {
    provider: text('provider').notNull(),
    subject: text('subject').notNull(),
    userId: text('user_id').notNull(),
    /** The verified e-mail the link was made by (for the audit and support; never matched again). */
    email: text('email'),
    createdAt: instant('created_at').notNull(),
    lastLoginAt: instant('last_login_at'),
  },
  (t) => [primaryKey({ columns: [t.provider, t.subject], name: 'external_identities_pkey' }), index('external_identities_user_idx').on(t.userId)],
);

/**
 * An OpenID Connect sign-in on its way through the provider (state, nonce, PKCE verifier, where to go after):
 * in the database, so whichever process receives the callback finds it; single use, 10 minutes.
 */
export const oidcLogins = identitySchema.table(
  'oidc_logins',
  {
    /** sha256 of the `state` sent to the provider. */
    stateHash: text('state_hash').primaryKey(),
    provider: text('provider').notNull(),
    nonce: text('nonce').notNull(),
    codeVerifier: text('code_verifier').notNull(),
    returnTo: text('return_to').notNull(),
    createdAt: instant('created_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
  },
  (t) => [index('oidc_logins_expires_idx').on(t.expiresAt)],
);
