import type { Database } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import { systemCtx } from '../../platform/context.ts';
import type { JobQueue } from '../../platform/jobs.ts';
import type { BhttRecord } from '../../protocols/bhtt/protocol.ts';
import type { AuditLog } from '../audit/index.ts';
import type { BillingService } from '../billing/index.ts';
import type { CommissionService } from '../commissions/index.ts';
import type { ContractService } from '../contracts/index.ts';
import type { CollectedPayment, DoneRefund } from '../payments/index.ts';

/** BHTT as the feed sees it: store a record by its id (idempotent), read it back. */
export interface BhttPort {
  put(record: BhttRecord): Promise<void>;
  get(recordId: string): Promise<BhttRecord | null>;
}

export interface RevenueFeedDeps {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  jobs: JobQueue;
  bhtt: BhttPort;
  /** Where a month's figures come from: the bills, the payments ledger, the commission accruals. */
  billing: Pick<BillingService, 'billsOfPeriod'>;
  contracts: Pick<ContractService, 'numbersOf'>;
  ledger: (from: Date, to: Date) => Promise<{ payments: CollectedPayment[]; refunds: DoneRefund[] }>;
  commissions: Pick<CommissionService, 'totalsByContract'>;
}

export const SYSTEM = systemCtx('system:bhtt');
