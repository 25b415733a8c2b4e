import type { Database } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import type { AuditLog } from '../audit/index.ts';
import type { ContractService } from '../contracts/index.ts';
import type { CustomerService } from '../customers/index.ts';
import type { ReceivedPayment } from '../payments/index.ts';
import type { SupportService } from '../support/index.ts';

/** What the feed reads: each source module's public API, each read scoped to the caller by that module. */
export interface FeedDeps {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  contracts: Pick<ContractService, 'listTasks' | 'idsSoldBy' | 'row' | 'canSee' | 'numbersOf'>;
  customers: Pick<CustomerService, 'idsManagedBy' | 'namesOf'>;
  support: Pick<SupportService, 'list'>;
  /** Payments received since a moment on some contracts or customers (payments' `paymentsReceived`). */
  paymentsReceived: (q: { since: Date; contractIds: string[]; customerIds: string[]; limit: number }) => Promise<ReceivedPayment[]>;
}
