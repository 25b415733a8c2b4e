import type { Database } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import { systemCtx } from '../../platform/context.ts';
import type { JobQueue } from '../../platform/jobs.ts';
import type { AuditLog } from '../audit/index.ts';
import type { BillingService } from '../billing/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { ContractService } from '../contracts/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { CollectedPayment, DoneRefund } from '../payments/index.ts';

/** What the commissions module is given by the composition root. */
export interface CommissionsDeps {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  jobs: JobQueue;
  contracts: Pick<ContractService, 'row' | 'invoiceLine'>;
  catalog: Pick<CatalogService, 'product'>;
  billing: Pick<BillingService, 'bill'>;
  identity: Pick<IdentityService, 'userRefs' | 'orgUnit'>;
  /** The payments ledger: money collected and refunded in [from, to). */
  ledger: (from: Date, to: Date) => Promise<{ payments: CollectedPayment[]; refunds: DoneRefund[] }>;
}

/** Who acts when accruals are computed. */
export const SYSTEM = systemCtx('system:commissions');
