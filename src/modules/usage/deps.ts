import type { Database } from '../../db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import type { AuditLog } from '../audit/index.ts';
import type { ContractService } from '../contracts/index.ts';
import type { MeteredContract } from './domain/events.ts';

/** What the usage module is given by the composition root. */
export interface UsageModuleDeps {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  contracts: ContractService;
}

/** A resolved API key: its contract and what ingestion checks of it. */
export interface KeyHolder {
  keyId: string;
  contractId: string;
  contract: MeteredContract;
  /** Locked for debt by collection: the key is refused with SERVICE_LOCKED. */
  locked: boolean;
}

export interface Deps extends UsageModuleDeps {
  /** sha256 → the key's holder (null: no such live key) and when the entry stops being trusted. */
  keyCache: Map<string, { until: number; holder: KeyHolder | null }>;
}

/**
 * How long a resolved key (and its contract's state) is trusted in this process. Another process
 * revoking the key or suspending the contract takes effect here within this time.
 */
export const KEY_CACHE_MS = 5_000;
