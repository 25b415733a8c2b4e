/** Shapes of the /api/v1 contract used by the UI. Money is a decimal string, instants ISO 8601 UTC. */

// One list of roles for server and UI.
export { ROLES, type Role } from '../../../src/modules/identity/domain/roles.ts';

export type { Paged } from '@shared/fields.ts';

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

// ---------- catalog ----------

export type VatRate = 'KCT' | '0' | '5' | '8' | '10';
export type Edition = 'saas' | 'on_premise';
export type Billing = 'prepaid' | 'postpaid';

export interface PriceTier {
  /** Inclusive upper bound of the tier; null = no upper bound (the last tier). */
  upTo: number | null;
  unitPriceVnd: string;
}

export interface PriceBracket {
  upTo: number | null;
  /** Price per unit per month, keyed by period in months ("1", "6", "12"). */
  pricesVnd: Record<string, string>;
}

export type PriceModel =
  | { kind: 'volume' | 'graduated'; unit: string; tiers: PriceTier[]; periods?: number[] }
  | { kind: 'per_unit_period'; unit: string; periods: number[]; brackets: PriceBracket[] }
  | { kind: 'flat'; amountVnd: string; periods?: number[]; unit?: string }
  | { kind: 'quote' };

export interface PriceRef {
  id: string;
  version: number;
  effectiveFrom: string;
  model: PriceModel;
}

export interface PriceVersion extends PriceRef {
  createdAt: string;
  createdBy: string | null;
}

export interface Plan {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  edition: Edition;
  billing: Billing;
  periods: number[];
  currentPrice: PriceRef | null;
}

export interface Product {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  description: string | null;
  vatRate: VatRate;
  agentCommissionBp: number;
  amCommissionBp: number;
  status: 'active' | 'retired';
  plans: Plan[];
}

export interface TrialPolicy {
  product: string;
  limitFrom: string;
  meetingMinutesLimit: number;
}

export interface QuoteLine {
  description: string;
  quantity: number;
  months: number;
  unitPriceVnd: string;
  amountVnd: string;
}

export interface Quote {
  product: unknown;
  plan: unknown;
  priceVersion: unknown;
  unitPriceVnd: string;
  subtotalVnd: string;
  vatRate: VatRate;
  vatVnd: string;
  totalVnd: string;
  periodMonths: number | null;
  lines: QuoteLine[];
}

// ---------- customers ----------

export type CustomerType = 'individual' | 'enterprise';

export interface CustomerContact {
  name: string;
  position?: string;
  email?: string;
  phone?: string;
}

export interface Customer {
  id: string;
  type: CustomerType;
  name: string;
  taxCode: string | null;
  email: string;
  phone: string;
  address: string | null;
  managingUnit: { id: string; code: string; name: string } | null;
  salesUser: { id: string; username: string; fullName: string } | null;
  contacts: CustomerContact[];
  createdAt: string;
}

// ---------- contracts ----------

export const CONTRACT_STATUSES = [
  'draft',
  'awaiting_payment',
  'pending_approval',
  'provisioning',
  'active',
  'suspended',
  'expired',
  'terminated',
  'cancelled',
  'rejected',
] as const;
export type ContractStatus = (typeof CONTRACT_STATUSES)[number];

export const CONTRACT_ACTIONS = [
  'submit',
  'approve',
  'reject',
  'record_payment',
  'complete_provisioning',
  'cancel',
  'terminate',
  'suspend',
  'resume',
  'renew',
  'amend',
] as const;
export type ContractAction = (typeof CONTRACT_ACTIONS)[number];

export type Channel = 'self_service' | 'am' | 'agent';
export type TaskKind =
  | 'declare'
  | 'approve_ctkv'
  | 'approve_ttcntt'
  | 'provision'
  | 'configure_amendment'
  | 'configure_termination'
  | 'renew';

export interface UnitRef {
  id: string;
  code: string;
  name: string;
}

export interface ContractSummary {
  id: string;
  number: string;
  status: ContractStatus;
  customer: { id: string; name: string; type: CustomerType };
  product: { code: string; name: string; nameEn: string };
  plan: { code: string; name: string };
  channel: Channel;
  billing: Billing;
  quantity: number;
  periodMonths: number;
  totalVnd: string;
  startDate: string | null;
  endDate: string | null;
  sellingUnit: UnitRef | null;
  createdAt: string;
}

export interface ContractTask {
  id: string;
  kind: TaskKind;
  status: 'open' | 'done' | 'cancelled';
  openedAt: string;
  dueAt: string;
  doneAt: string | null;
  doneBy: string | null;
  overdue: boolean;
}

export type AmendmentKind = 'upgrade' | 'add_package' | 'adjust';

export interface Amendment {
  id: string;
  kind: AmendmentKind;
  status: string;
  quantity: number;
  periodMonths: number;
  changeDate: string;
  creditVnd: string;
  chargeVnd: string;
  netVnd: string;
  createdAt: string;
  // Also sent by the server (not in the written contract): the quantity before, VAT-inclusive amount due, proration.
  fromQuantity?: number;
  payableVnd?: string;
  note?: string | null;
  settlement?: { totalDays: number; usedDays: number; remainingDays: number; creditVnd: string; chargeVnd: string; netVnd: string };
}

export interface TimelineEntry {
  id: string | number;
  at: string;
  actorName: string | null;
  action: string;
  before: unknown;
  after: unknown;
}

export interface Approval {
  by: string | null;
  byName: string | null;
  at: string | null;
}

/** What the customer can use: the account and link once provisioned; before that, when they are expected. */
export type ServiceAccess =
  | { status: 'provisioning'; expectedBy: string | null; accountRef: null; accessUrl: null }
  | { status: 'ready'; expectedBy: null; accountRef: string; accessUrl: string | null };

export interface ContractDetail extends ContractSummary {
  kind: 'new' | 'renewal';
  parentId: string | null;
  unitPriceVnd: string;
  subtotalVnd: string;
  vatRate: VatRate;
  vatVnd: string;
  signedDate: string | null;
  managingUnit: UnitRef | null;
  salesUser: { id: string; fullName: string } | null;
  /** Only the approvals this contract's flow has; null: does not apply (self-service has none). */
  approvals: {
    ctkv: (Approval & { required: boolean }) | null;
    ttcntt: (Approval & { required: boolean }) | null;
  };
  /** Null before payment (or approval) and for contracts that never got an account. */
  service: ServiceAccess | null;
  paidAt: string | null;
  paymentRef: string | null;
  activatedAt: string | null;
  accountRef: string | null;
  accessUrl: string | null;
  rejectionReason: string | null;
  terminatedAt: string | null;
  terminationReason: string | null;
  settlement: { refundVnd: string; explanation: string; usedMonths?: number; usedValueVnd?: string } | null;
  terminationDate?: string | null;
  /** The price model signed on (periods for renewals). */
  priceModel?: PriceModel;
  note: string | null;
  tasks: ContractTask[];
  amendments: Amendment[];
  allowedActions: ContractAction[];
  timeline: TimelineEntry[];
}

export interface TerminationQuote {
  date: string;
  usedMonths: number;
  repricedPeriodMonths: number;
  usedValueVnd: string;
  refundVnd: string;
  explanation: string;
}

export interface Task {
  id: string;
  kind: TaskKind;
  amendmentId?: string | null;
  status: 'open' | 'done' | 'cancelled';
  contract: { id: string; number: string; customerName: string; productCode: string };
  unit: UnitRef | null;
  openedAt: string;
  dueAt: string;
  doneAt: string | null;
  overdue: boolean;
}

// ---------- on-premise quotes ----------

export type OnpremQuoteStatus = 'draft' | 'submitted' | 'approved' | 'rejected' | 'used';

export interface OnpremQuote {
  id: string;
  number: string;
  customer: { id: string; name: string };
  product: { code: string; name: string } | null;
  description: string;
  lines: { description: string; quantity: number; unitPriceVnd: string; amountVnd: string }[];
  totalVnd: string;
  validUntil: string;
  status: OnpremQuoteStatus;
  createdBy: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
}
