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

/** The caller's own session and account, for the "my account" use cases. */
export type OwnSession = Pick<Authenticated, 'sessionId' | 'user'>;
