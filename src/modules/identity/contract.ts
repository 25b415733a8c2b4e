import { z } from 'zod';
import { id, instantOut, pageQuery, paged, patchOf } from '../../shared/fields.ts';

/** Identity's HTTP contract: sign-in, own account and sessions, the org tree, user administration. */

/** SPEC B2. Codes are stable identifiers; labels live in the web dictionary and in `domain/roles.ts` for e-mails. */
export const ROLES = [
  'customer',
  'am',
  'kam',
  'agent',
  'approver_ctkv',
  'approver_ttcntt',
  'ops',
  'invoice_officer',
  'call_center',
  'product_ctkv',
  'gpth',
  'accountant',
  'admin',
  'clearing',
  'collector',
] as const;
export type Role = (typeof ROLES)[number];

export const ORG_UNIT_KINDS = ['corporation', 'center', 'department', 'regional_company', 'billing_center', 'agent'] as const;

/** An org unit as other records name it (a customer's managing unit, a user's unit). */
export const orgUnitRef = z.object({ id: z.string(), code: z.string(), name: z.string(), nameEn: z.string() });
/** The short form other contracts show (a contract's or a customer's unit). */
export const unitRef = orgUnitRef.pick({ id: true, code: true, name: true });
/** A staff member as other records name them (a customer's sales person). */
export const userRef = z.object({ id: z.string(), username: z.string(), fullName: z.string() });
export const orgUnit = orgUnitRef.extend({
  kind: z.enum(ORG_UNIT_KINDS),
  agentKind: z.enum(['reseller', 'commission']).nullable(),
  parentId: z.string().nullable(),
});

export const customerType = z.enum(['individual', 'enterprise']);
export const userStatus = z.enum(['active', 'disabled']);
export const locale = z.enum(['vi', 'en']);

export const publicUser = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  roles: z.array(z.string()),
  orgUnit: orgUnitRef.nullable(),
  customer: z.object({ id: z.string(), name: z.string(), type: customerType }).nullable(),
  status: userStatus,
  locale,
  createdAt: instantOut,
  lastLoginAt: instantOut.nullable(),
});
export const signedIn = z.object({ token: z.string(), csrfToken: z.string(), user: publicUser });
export const me = z.object({ user: publicUser, csrfToken: z.string(), permissions: z.array(z.string()), simulators: z.boolean() });
export const ownSession = z.object({
  id: z.string(),
  createdAt: instantOut,
  lastSeenAt: instantOut,
  expiresAt: instantOut,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});

const username = z.string().trim().min(3).max(50).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash, underscore');
const phone = z.string().trim().regex(/^(\+?84|0)\d{9,10}$/, 'Vietnamese phone number');
const email = z.email().max(200);
const password = z.string().min(1).max(200);
const fullName = z.string().trim().min(2).max(200);
const roles = z.array(z.enum(ROLES)).min(1).max(ROLES.length);

export const idParams = z.object({ id });
export const login = z.object({ username: z.string().trim().min(1).max(100), password }).strict();
export const registration = z.object({ username, password, fullName, email, phone }).strict();
export const forgotPassword = z.object({ email }).strict();
export const resetPassword = z.object({ token: z.string().min(20).max(100), password }).strict();
export const changePassword = z.object({ currentPassword: password, newPassword: password }).strict();
export const userQuery = z.object({ q: z.string().trim().max(100).optional(), ...pageQuery }).strict();
export const newUser = z
  .object({ username, password, fullName, email, phone: phone.optional(), roles, orgUnitId: id.optional(), customerId: id.optional() })
  .strict();
export const userPatch = patchOf({
  fullName: fullName.optional(),
  email: email.optional(),
  phone: phone.nullable().optional(),
  roles: roles.optional(),
  orgUnitId: id.nullable().optional(),
  status: userStatus.optional(),
  password: password.optional(),
});

export const accepted = z.object({ accepted: z.literal(true) });
export const ended = z.object({ ended: z.number().int() });
export const orgUnitList = z.object({ items: z.array(orgUnit) });
export const sessionList = z.object({ items: z.array(ownSession) });
export const usersPage = paged(publicUser);

export type OrgUnitRef = z.infer<typeof orgUnitRef>;
export type UnitRef = z.infer<typeof unitRef>;
export type UserRef = z.infer<typeof userRef>;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];
export type OrgUnit = z.infer<typeof orgUnit>;
export type User = z.infer<typeof publicUser>;
export type Me = z.infer<typeof me>;
export type SignedIn = z.infer<typeof signedIn>;
export type OwnSession = z.infer<typeof ownSession>;
export type Login = z.input<typeof login>;
export type Registration = z.input<typeof registration>;
export type NewUser = z.input<typeof newUser>;
export type UserPatch = z.input<typeof userPatch>;
export type ChangePassword = z.input<typeof changePassword>;

/** Sign-in with Google / Apple (OpenID Connect): the providers the login page offers (only those configured). */
export const OIDC_PROVIDERS = ['google', 'apple'] as const;
export const oidcProviderList = z.object({ items: z.array(z.object({ id: z.enum(OIDC_PROVIDERS), name: z.string() })) });
/** Any text: an unknown or disabled provider is 404 OIDC_PROVIDER_NOT_ENABLED, not a validation error. */
export const oidcProviderParams = z.object({ provider: z.string().min(1).max(100) });
/** `returnTo`: a path on this site to land on after signing in (default `/`). */
export const oidcStartQuery = z.object({ returnTo: z.string().max(2000).optional() });
/** What the provider sends back (query string; Apple: a form POST, which may also carry `user`). Other fields are ignored. */
export const oidcCallback = z.object({
  state: z.string().max(500).optional(),
  code: z.string().max(4000).optional(),
  error: z.string().max(500).optional(),
  error_description: z.string().max(2000).optional(),
});
export type OidcProviderList = z.infer<typeof oidcProviderList>;
