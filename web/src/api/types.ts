/** Shapes of the /api/v1 contract used by the UI. Money is a decimal string, instants ISO 8601 UTC. */

// One list of roles for server and UI.
export { ROLES, type Role } from '../../../src/modules/identity/domain/roles.ts';

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface OrgUnitRef {
  id: string;
  code: string;
  name: string;
  nameEn: string;
}

export type OrgUnitKind = 'corporation' | 'center' | 'department' | 'regional_company' | 'billing_center' | 'agent';

export interface OrgUnit extends OrgUnitRef {
  kind: OrgUnitKind;
  parentId: string | null;
}

export interface User {
  id: string;
  username: string;
  fullName: string;
  email: string;
  phone: string | null;
  roles: string[];
  orgUnit: OrgUnitRef | null;
  customer: { id: string; name: string; type: 'individual' | 'enterprise' } | null;
  status: string;
  locale: string;
}

export interface Me {
  user: User;
  csrfToken: string;
  permissions: string[];
  simulators: boolean;
}

export interface AuthResponse {
  token: string;
  csrfToken: string;
  user: User;
}

export interface Holiday {
  date: string;
  name: string;
  nameEn: string;
  kind: 'statutory' | 'substitute';
}

export interface CalendarOverride {
  id: string;
  date: string;
  kind: 'off' | 'work';
  name: string;
  createdAt: string;
}

export interface WorkingHours {
  weekdays: number[];
  windows: { start: string; end: string }[];
}

export interface AuditEntry {
  id: string | number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
}

export interface AuditVerify {
  ok: boolean;
  checked: number;
  firstBrokenId?: string | number;
}

export type MessageStatus = 'queued' | 'sent' | 'delivered' | 'failed' | 'received';

export interface OutboxMessage {
  id: string;
  channel: 'email' | 'sms';
  direction: 'out' | 'in';
  to: string;
  from: string;
  subject: string | null;
  body: string | null;
  html: string | null;
  status: MessageStatus;
  attempts: number;
  error: string | null;
  createdAt: string;
  sentAt: string | null;
}
