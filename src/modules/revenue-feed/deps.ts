import type { Database } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import { systemCtx } from '../../platform/context.ts';
import type { JobQueue } from '../../platform/jobs.ts';
import type { BhttRecord } from '../../protocols/bhtt/protocol.ts';
import type { AuditLog } from '../audit/index.ts';
import type { ContractAmount } from './domain/records.ts';

/** BHTT as the feed sees it: store a record by its id (idempotent), read it back. */
export interface BhttPort {
  put(record: BhttRecord): Promise<void>;
  get(recordId: string): Promise<BhttRecord | null>;
}

/** Per contract, what a month billed (revenue), collected and earned in commissions. */
export interface FeedSources {
  revenue(period: string): Promise<ContractAmount[]>;
  collections(period: string): Promise<ContractAmount[]>;
  commissions(period: string): Promise<ContractAmount[]>;
}

export interface RevenueFeedDeps {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  jobs: JobQueue;
  bhtt: BhttPort;
  sources: FeedSources;
}

export const SYSTEM = systemCtx('system:bhtt');
