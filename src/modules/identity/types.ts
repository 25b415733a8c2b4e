import type { Actor } from '../../platform/context.ts';

export type CustomerType = 'individual' | 'enterprise';

/** A customer as an account shows it. */
export interface CustomerSummary {
  id: string;
  name: string;
  type: CustomerType;
}

export interface PublicUser {
  id: string;
  username: string;
  fullName: string;
  email: string;
  phone: string | null;
  roles: string[];
  orgUnit: { id: string; code: string; name: string; nameEn: string } | null;
  customer: CustomerSummary | null;
  status: 'active' | 'disabled';
  locale: 'vi' | 'en';
  createdAt: Date;
  lastLoginAt: Date | null;
}

/** The signed-in user as every request knows it: the account without its customer's summary (read only for /me). */
export type SessionUser = Omit<PublicUser, 'customer'> & { customerId: string | null };

export interface SignedIn {
  token: string;
  csrfToken: string;
  user: PublicUser;
}

export interface Authenticated {
  sessionId: string;
  user: SessionUser;
  actor: Actor;
}

/** The caller's own session and account, for the "my account" use cases. */
export type OwnSession = Pick<Authenticated, 'sessionId' | 'user'>;
