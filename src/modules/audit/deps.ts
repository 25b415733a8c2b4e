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
  /** Verify's positions per range read and the chain length from which worker threads check the HMACs (tests make them small). */
  verifyTuning?: { range?: number; workersFrom?: number };
}
