import type { Database, Executor } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import { toLocalDate } from '../../platform/calendar.ts';
import { systemCtx, type Ctx } from '../../platform/context.ts';
import type { JobQueue } from '../../platform/jobs.ts';
import type { AuditLog } from '../audit/index.ts';
import type { CalendarService } from '../calendar/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { CustomerService } from '../customers/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { NotificationService } from '../notifications/index.ts';

/** The account a provisioning created: what the customer signs in with, and where. */
export interface ServiceAccount {
  accountRef: string;
  accessUrl?: string;
}

/**
 * Per-product provisioning (eKYC and Meeting modules plug in here); without one, ops does it by hand.
 * Called by a job, never inside a transaction; `idempotencyKey` (contract id + step) is the same on
 * every retry, so the product creates one account however often it is asked.
 */
export interface ProvisioningRequest {
  idempotencyKey: string;
  contractId: string;
  number: string;
  customerId: string;
  quantity: number;
}

export interface ProvisioningPort {
  provision(request: ProvisioningRequest): Promise<ServiceAccount | 'manual'>;
  /** The account an earlier call with this key created, if any: asked before every retry. */
  lookup?(idempotencyKey: string): Promise<ServiceAccount | null>;
}

export type PaymentLinkFn = (
  tx: Executor,
  p: { contractId: string; amendmentId?: string; customerId: string; amountVnd: bigint; description: string },
) => Promise<string>;

/** What the module is built from: the platform and the public APIs of the modules it calls. */
export interface ContractModuleDeps {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  jobs: JobQueue;
  catalog: CatalogService;
  customers: CustomerService;
  identity: IdentityService;
  calendar: CalendarService;
  notifications: NotificationService;
  publicBaseUrl: string;
}

/** What other modules plug in after the module is built (payments, product modules). */
export interface ContractPorts {
  provisioning: Map<string, ProvisioningPort>;
  /** Where the customer pays: the portal page until the payments module gives a signed VNPay link. */
  paymentLink: PaymentLinkFn;
  /** Refuses an online order's total the gateway could never take. */
  checkOnlineTotal: (totalVnd: bigint) => void;
  /** Checks run before a suspended service resumes, inside its transaction (collection refuses a service locked for debt). */
  resumeGuards: ResumeGuard[];
  /** Product modules told of every saved change of a contract (the Meeting organisation follows its contract). */
  serviceListeners: ServiceListener[];
}

/** What changed on a contract, as a product module needs it (its quantity and status after the change). */
export interface ServiceChange {
  /** The audit action of the change: contract.activated, contract.amended, contract.suspended, contract.resumed, contract.terminated, contract.expired, … */
  action: string;
  contractId: string;
  productId: string;
  customerId: string;
  status: string;
  quantity: number;
}

/**
 * Runs inside the change's transaction, after the contract row is saved: database writes and job
 * enqueues only (no network I/O); a throw rolls the change back.
 */
export type ServiceListener = (tx: Executor, change: ServiceChange) => Promise<void>;

/** Throws (an AppError with its code) when the contract's service may not resume now. */
export type ResumeGuard = (tx: Executor, contractId: string) => Promise<void>;

/** The one object every use case receives. */
export interface Deps extends ContractModuleDeps {
  ports: ContractPorts;
}

/** Today's business date in Asia/Ho_Chi_Minh. */
export const today = (d: Deps): string => toLocalDate(d.clock.now());

/** Who acts in the module's jobs (expiry, reminders, provisioning outcomes). */
export const SYSTEM: Ctx = systemCtx('system:contracts');
