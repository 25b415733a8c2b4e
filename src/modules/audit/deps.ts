import type { Database } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import type { CheckpointStore } from './checkpoints.ts';

export interface AuditDeps {
  database: Database;
  clock: Clock;
  /** Seals the chain (HMAC): kept outside the database. */
  key: string;
  /** Signs the checkpoints of the head. */
  checkpointKey: string;
  checkpoints: CheckpointStore;
}
