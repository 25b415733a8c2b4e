import type { Database } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import type { JobQueue } from '../../platform/jobs.ts';
import type { AuditLog } from '../audit/index.ts';
import type { CatalogService } from '../catalog/index.ts';
import type { ContractService } from '../contracts/index.ts';
import type { CustomerService } from '../customers/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { NotificationService } from '../notifications/index.ts';
import type { LiveMeetings } from './live-ports.ts';

export interface MeetingSettings {
  publicBaseUrl: string;
  /** Signs join tokens (HMAC-SHA256). */
  joinSecret: string;
}

/** What the composition root gives the module. */
export interface MeetingModuleDeps {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  jobs: JobQueue;
  catalog: CatalogService;
  contracts: ContractService;
  customers: CustomerService;
  identity: IdentityService;
  notifications: NotificationService;
  settings: MeetingSettings;
  /** Outgoing webhook calls (tests pass their own). */
  fetch?: typeof fetch;
}

/** The one object every use case receives: the deps and the live layer once app.ts attaches it. */
export interface Deps extends MeetingModuleDeps {
  live: { current: LiveMeetings | null };
}

/** The Meeting product's code in the catalog. */
export const MEETING_PRODUCT = 'MEETING';

/** What the pages say when no Janus answers. */
export const JANUS_HINT = 'apt-get install janus';
