import type { RejectionCode } from '../contract.ts';
import { isMetric } from './metrics.ts';
import { periodOf } from './period.ts';

export interface IncomingEvent {
  transactionId: string;
  metric: string;
  timestamp: string;
  quantity?: number;
  properties?: Record<string, unknown>;
}

/** What ingestion knows of the contract behind the API key. */
export interface MeteredContract {
  status: string;
  /** Local date the service started; null before activation. */
  startDate: string | null;
  /** The last local day of service of a terminated contract (its usage until then is still billed). */
  terminationDate: string | null;
}

export interface AcceptedEvent {
  index: number;
  transactionId: string;
  metric: string;
  occurredAt: Date;
  period: string;
  quantity: number;
  properties: Record<string, unknown> | null;
}

/** An ISO 8601 instant with its offset ('Z' or ±hh:mm): a time without a zone would be read in the server's zone. */
const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
/** Clocks drift: a few minutes ahead of ours is still now. */
const FUTURE_TOLERANCE_MS = 5 * 60_000;
const EARLIEST = Date.UTC(2000, 0, 1);
const OFFSET_MS = 7 * 3_600_000;

/**
 * Splits a batch into events to store and events refused with a code, in memory and in order: the
 * contract's state first (it refuses everything), then metric, timestamp and start date. Closed
 * periods are decided by the insert itself (see `ingestEvents`).
 */
export function screenEvents(
  events: IncomingEvent[],
  c: MeteredContract,
  now: Date,
): { accepted: AcceptedEvent[]; rejected: { index: number; code: RejectionCode }[] } {
  const accepted: AcceptedEvent[] = [];
  const rejected: { index: number; code: RejectionCode }[] = [];
  const contractCode = contractRefusal(c);
  events.forEach((e, index) => {
    const code = contractCode ?? eventRefusal(e, c, now);
    if (code) {
      rejected.push({ index, code });
      return;
    }
    const occurredAt = new Date(e.timestamp);
    accepted.push({
      index,
      transactionId: e.transactionId,
      metric: e.metric,
      occurredAt,
      period: periodOf(occurredAt),
      quantity: e.quantity ?? 1,
      properties: e.properties ?? null,
    });
  });
  return { accepted, rejected };
}

function contractRefusal(c: MeteredContract): RejectionCode | null {
  if (c.status === 'active' || (c.status === 'terminated' && c.terminationDate)) return null; // the latter: checked per event
  if (c.status === 'suspended') return 'CONTRACT_SUSPENDED';
  if (['terminated', 'expired', 'cancelled', 'rejected'].includes(c.status)) return 'CONTRACT_TERMINATED';
  return 'BEFORE_CONTRACT_START'; // not yet active
}

function eventRefusal(e: IncomingEvent, c: MeteredContract, now: Date): RejectionCode | null {
  if (!isMetric(e.metric)) return 'UNKNOWN_METRIC';
  const ms = INSTANT_RE.test(e.timestamp) ? Date.parse(e.timestamp) : NaN;
  if (!Number.isFinite(ms) || ms < EARLIEST || ms > now.getTime() + FUTURE_TOLERANCE_MS) return 'INVALID_TIMESTAMP';
  const localDate = new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
  if (!c.startDate || localDate < c.startDate) return 'BEFORE_CONTRACT_START';
  if (c.status === 'terminated' && c.terminationDate && localDate > c.terminationDate) return 'CONTRACT_TERMINATED';
  return null;
}
