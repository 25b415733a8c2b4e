import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { newId } from '../../../platform/ids.ts';
import { REQUEST_ID_RE, type Kind, type Outcome } from '../contract.ts';
import { requests } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { ekycError } from '../errors.ts';
import type { Caller } from './authorize-caller.ts';

/** The metric every eKYC call is billed by (SPEC A2). */
export const EKYC_METRIC = 'ekyc.request';
const DAY_MS = 86_400_000;

export interface Computed<T> {
  response: T;
  outcome: Outcome;
  reasons: string[];
  /** Writes what else belongs to the request (its encrypted images) in the request's transaction. */
  persist?: (tx: Executor, rowId: string) => Promise<void>;
}

/**
 * One metered eKYC call, idempotent per request id (the `Idempotency-Key` header; one is made up when
 * absent): a resend with the same id and body returns the stored answer and is not counted again; the
 * same id with another body is refused. The work runs outside any transaction (OCR takes seconds);
 * the request row, its images and the audit entry are written in one short transaction; then the
 * usage event (transactionId `ekyc:<request id>`, itself idempotent) is sent. A crash between the two
 * is healed by the caller's retry, which re-sends the event of the stored request.
 */
export async function metered<T>(
  d: Deps,
  caller: Caller,
  p: { requestId: string | undefined; kind: Kind; fingerprint: unknown; rowId?: string },
  compute: (rowId: string, requestId: string) => Promise<Computed<T>>,
): Promise<{ response: T; requestId: string; rowId: string }> {
  if (p.requestId !== undefined && !REQUEST_ID_RE.test(p.requestId)) throw ekycError('EKYC_REQUEST_ID_INVALID');
  const started = d.clock.now();
  const requestId = p.requestId ?? newId('request', started);
  const bodyHash = createHash('sha256').update(p.kind).update(JSON.stringify(p.fingerprint)).digest('hex');

  const earlier = await storedRequest(d, caller.contractId, requestId);
  if (earlier) return replay(d, caller, earlier, bodyHash);

  const rowId = p.rowId ?? newId('ekycRequest', started);
  const t0 = performance.now();
  const computed = await compute(rowId, requestId);
  const durationMs = Math.round(performance.now() - t0);
  const now = d.clock.now();
  const row = {
    id: rowId,
    contractId: caller.contractId,
    customerId: caller.customerId,
    requestId,
    kind: p.kind,
    bodyHash,
    outcome: computed.outcome,
    reasons: computed.reasons,
    response: computed.response as unknown,
    durationMs,
    apiKeyId: caller.apiKeyId,
    createdAt: now,
    eraseAfter: new Date(now.getTime() + d.settings.retentionDays * DAY_MS),
  };
  const inserted = await d.database.db.transaction(async (tx) => {
    const [r] = await tx.insert(requests).values(row).onConflictDoNothing().returning({ id: requests.id });
    if (!r) return false; // the same request id, sent twice at once: the other one won
    await computed.persist?.(tx, rowId);
    await d.audit.record(tx, caller.ctx, {
      action: 'ekyc.request',
      entityType: 'ekyc_request',
      entityId: rowId,
      after: { contractId: caller.contractId, requestId, kind: p.kind, outcome: computed.outcome, reasons: computed.reasons },
    });
    return true;
  });
  if (!inserted) {
    const winner = await storedRequest(d, caller.contractId, requestId);
    if (winner) return replay(d, caller, winner, bodyHash);
    // No request with this id: the row id was taken, which only a liveness challenge's reserved id can be.
    throw ekycError('EKYC_CHALLENGE_USED');
  }
  await meter(d, caller.contractId, requestId, now);
  return { response: computed.response, requestId, rowId };
}

async function storedRequest(d: Deps, contractId: string, requestId: string) {
  const [r] = await d.database.db.select().from(requests).where(and(eq(requests.contractId, contractId), eq(requests.requestId, requestId)));
  return r ?? null;
}

async function replay<T>(d: Deps, caller: Caller, r: typeof requests.$inferSelect, bodyHash: string) {
  if (r.bodyHash !== bodyHash) throw ekycError('EKYC_REQUEST_ID_REUSED');
  if (r.erasedAt || r.response === null) throw ekycError('EKYC_REQUEST_ERASED');
  await meter(d, caller.contractId, r.requestId, r.createdAt);
  return { response: r.response as T, requestId: r.requestId, rowId: r.id };
}

/** One usage event per request; a repeat is a duplicate the usage module counts once. */
async function meter(d: Deps, contractId: string, requestId: string, at: Date) {
  await d.usage.ingestFor(contractId, { events: [{ transactionId: `ekyc:${requestId}`, metric: EKYC_METRIC, timestamp: at.toISOString() }] });
}
