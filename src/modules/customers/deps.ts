import type { Database } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import type { AuditLog } from '../audit/index.ts';
import type { IdentityService } from '../identity/index.ts';

export interface CustomerDeps {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  /** The org tree, scope and staff (managing units and sales people). */
  identity: IdentityService;
}
