import type { Database, Executor } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import type { AuditLog } from '../audit/index.ts';
import type { OidcProviderSettings } from './domain/oidc.ts';
import type { OidcClient } from './oidc-client.ts';
import type { OrgUnits } from './org-units.ts';
import type { CustomerSummary, CustomerType, PublicUser } from './types.ts';

/** A customer made together with its first account (self-registration, the demo seed). */
export interface AccountCustomer {
  id: string;
  type: CustomerType;
  name: string;
  email: string;
  phone: string;
  taxCode?: string | null;
  address?: string | null;
  managingUnitId?: string | null;
  createdAt: Date;
}

/**
 * What identity needs of the customers module. Customers depend on identity (scope, staff), so this port,
 * wired in app.ts, keeps the dependency one-way.
 */
export interface CustomerAccounts {
  summaries(ids: string[], ex: Executor): Promise<CustomerSummary[]>;
  exists(id: string, ex: Executor): Promise<boolean>;
  /** The e-mail of a customer that already has this e-mail, or a phone with the same last nine digits. */
  contactTaken(email: string, phone: string, ex: Executor): Promise<{ email: string | null } | undefined>;
  /** Inserts the row only; the caller audits it. */
  insert(tx: Executor, customer: AccountCustomer): Promise<void>;
}

export interface IdentitySettings {
  sessionSecret: string;
  sessionHours: number;
  /** Called inside the creating transaction of a new account (not for seeded ones): the welcome e-mail. */
  onAccountCreated?: (tx: Executor, user: PublicUser) => Promise<void>;
  /** Called inside the transaction that stores a reset link: the e-mail carrying `token`. */
  onPasswordResetRequested?: (tx: Executor, user: PublicUser, token: string, expiresAt: Date) => Promise<void>;
  /** Sign-in with Google / Apple: the providers configured (none: off) and this site's address for redirect URIs. */
  oidc?: { publicBaseUrl: string; providers: OidcProviderSettings[] };
}

export interface IdentityDeps {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  customers: CustomerAccounts;
  units: OrgUnits;
  oidc: OidcClient;
  settings: IdentitySettings;
}
