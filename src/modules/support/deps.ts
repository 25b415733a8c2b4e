import type { Database } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/context.ts';
import type { JobQueue } from '../../platform/jobs.ts';
import type { Logger } from '../../platform/log.ts';
import type { AuditLog } from '../audit/index.ts';
import type { CalendarService } from '../calendar/index.ts';
import type { CustomerService } from '../customers/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { NotificationService } from '../notifications/index.ts';
import type { PolicyCache } from './policy-cache.ts';

/** What the support module is built from (wired in app.ts). */
export interface SupportDeps {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  jobs: JobQueue;
  identity: IdentityService;
  customers: CustomerService;
  calendar: CalendarService;
  notifications: NotificationService;
  /** The customer and number of a contract (the contracts module owns contracts); with `ctx`, null unless that caller may see it. */
  contractOwner: (contractId: string, ctx?: Ctx) => Promise<{ customerId: string; number: string } | null>;
  publicBaseUrl: string;
  log?: Pick<Logger, 'error'>;
}

/** What every use case receives: the dependencies and the module's SLA policy cache. */
export interface Deps extends SupportDeps {
  policies: PolicyCache;
}
