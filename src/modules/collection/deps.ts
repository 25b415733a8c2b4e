import type { Database } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import { systemCtx } from '../../platform/context.ts';
import type { JobQueue } from '../../platform/jobs.ts';
import type { AuditLog } from '../audit/index.ts';
import type { BillingService } from '../billing/index.ts';
import type { CommissionService } from '../commissions/index.ts';
import type { ContractService } from '../contracts/index.ts';
import type { CustomerService } from '../customers/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { NotificationService } from '../notifications/index.ts';
import type { UsageService } from '../usage/index.ts';

/** What the collection module is given by the composition root. */
export interface CollectionDeps {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  jobs: JobQueue;
  contracts: Pick<ContractService, 'row' | 'suspend' | 'resume' | 'canSee' | 'numbersOf' | 'guardResume'>;
  customers: Pick<CustomerService, 'row'>;
  notifications: Pick<NotificationService, 'email' | 'sms'>;
  billing: Pick<BillingService, 'bill' | 'billsByStatus' | 'openBillsOf' | 'markOverdue' | 'markWrittenOff' | 'paidPaymentsOf'>;
  commissions: Pick<CommissionService, 'reverseWriteOff'>;
  identity: Pick<IdentityService, 'userRefs' | 'listUsers'>;
  usage: Pick<UsageService, 'lockService' | 'unlockService'>;
  publicBaseUrl: string;
}

/** Who acts when the daily evaluation takes a step. */
export const SYSTEM = systemCtx('system:collection');
