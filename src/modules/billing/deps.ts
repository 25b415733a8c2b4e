import type { Database, Executor } from '../../db/client.ts';
import { toLocalDate } from '../../platform/calendar.ts';
import type { Clock } from '../../platform/clock.ts';
import { systemCtx, type Ctx } from '../../platform/context.ts';
import type { JobQueue } from '../../platform/jobs.ts';
import type { AuditLog } from '../audit/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { ContractService } from '../contracts/index.ts';
import type { CustomerService } from '../customers/index.ts';
import type { NotificationService } from '../notifications/index.ts';
import type { PaymentService } from '../payments/index.ts';
import type { UsageService } from '../usage/index.ts';
import type { bills } from './db/schema.ts';

export type BillRow = typeof bills.$inferSelect;

/** Called inside the transaction that records money on a bill (collection reopens services, commissions accrue). */
export type BillPaidListener = (tx: Executor, ctx: Ctx, bill: BillRow, p: { paymentId: string; amountVnd: bigint; paidAt: Date }) => Promise<void>;

/** What the billing module is given by the composition root. */
export interface BillingModuleDeps {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  jobs: JobQueue;
  catalog: CatalogService;
  contracts: ContractService;
  customers: CustomerService;
  notifications: NotificationService;
  payments: PaymentService;
  usage: UsageService;
  publicBaseUrl: string;
  /** Days from issue to due date. */
  dueDays?: number;
}

export interface Deps extends BillingModuleDeps {
  paidListeners: BillPaidListener[];
}

export const SYSTEM = systemCtx('system:billing');
export const today = (d: Pick<Deps, 'clock'>) => toLocalDate(d.clock.now());
