import { and, eq, isNull, sql } from 'drizzle-orm';
import type { IngestResult, UsageBatch } from '../contract.ts';
import { apiKeys, serviceLocks } from '../db/schema.ts';
import { KEY_CACHE_MS, type Deps, type KeyHolder } from '../deps.ts';
import { screenEvents, type AcceptedEvent } from '../domain/events.ts';
import { usageError } from '../errors.ts';
import { hashKey } from './manage-api-keys.ts';

/**
 * A batch of usage events from the holder of an API key (up to 1,000), built for volume: screened in
 * memory, then ONE statement inserts the new events (ON CONFLICT on (contract, transactionId) skips
 * repeats), adds them to the monthly totals and reads the contract's closed period under a share lock,
 * so a bill run closing that month waits for the batch instead of missing it.
 */
export async function ingestEvents(d: Deps, apiKey: string | undefined, batch: UsageBatch): Promise<IngestResult> {
  const holder = apiKey ? await resolveKey(d, apiKey) : null;
  if (!holder) throw usageError('API_KEY_INVALID');
  if (holder.locked) throw usageError('SERVICE_LOCKED');
  return ingestFor(d, holder, batch);
}

/**
 * A contract's events metered by a product module itself (eKYC counts its own calls), screened as any
 * batch; the module has already refused a locked or suspended contract's caller.
 */
export async function ingestForContract(d: Deps, contractId: string, batch: UsageBatch): Promise<IngestResult> {
  const c = await d.contracts.row(contractId);
  const holder: KeyHolder = { keyId: '', contractId: c.id, contract: { status: c.status, startDate: c.startDate, terminationDate: c.terminationDate }, locked: false };
  return ingestFor(d, holder, batch);
}

async function ingestFor(d: Deps, holder: KeyHolder, batch: UsageBatch): Promise<IngestResult> {
  const { accepted, rejected } = screenEvents(batch.events, holder.contract, d.clock.now());
  if (accepted.length === 0) return { accepted: 0, duplicates: 0, rejected };
  const { inserted, closedThrough } = await insertEvents(d, holder.contractId, accepted);
  let open = 0;
  for (const e of accepted) {
    if (e.period <= closedThrough) rejected.push({ index: e.index, code: 'PERIOD_CLOSED' });
    else open++;
  }
  rejected.sort((a, b) => a.index - b.index);
  return { accepted: inserted, duplicates: open - inserted, rejected };
}

async function insertEvents(d: Deps, contractId: string, events: AcceptedEvent[]): Promise<{ inserted: number; closedThrough: string }> {
  // One array parameter per column (a bare JS array would be spread into a list of parameters).
  const arr = (f: (e: AcceptedEvent) => string | null) => sql`${sql.param(events.map(f))}::text[]`;
  const [row] = await d.database.rows<{ inserted: number; closed: string }>(sql`
    with gate as (
      select coalesce((select closed_through from usage.closed_periods where contract_id = ${contractId} for share), '') as closed
    ), ins as (
      insert into usage.events (contract_id, transaction_id, metric, occurred_at, period, quantity, properties, received_at)
      select ${contractId}, u.t, u.m, u.o::timestamptz, u.p, u.q::bigint, u.pr::jsonb, ${d.clock.now().toISOString()}::timestamptz
        from unnest(${arr((e) => e.transactionId)}, ${arr((e) => e.metric)}, ${arr((e) => e.occurredAt.toISOString())},
                    ${arr((e) => e.period)}, ${arr((e) => String(e.quantity))}, ${arr((e) => (e.properties ? JSON.stringify(e.properties) : null))})
             as u(t, m, o, p, q, pr), gate
       where u.p > gate.closed
      on conflict (contract_id, transaction_id) do nothing
      returning metric, period, quantity
    ), totals as (
      insert into usage.monthly (contract_id, period, metric, events, quantity_sum, quantity_max)
      select ${contractId}, period, metric, count(*), sum(quantity), max(quantity) from ins group by period, metric order by period, metric
      on conflict (contract_id, period, metric) do update
        set events = usage.monthly.events + excluded.events,
            quantity_sum = usage.monthly.quantity_sum + excluded.quantity_sum,
            quantity_max = greatest(usage.monthly.quantity_max, excluded.quantity_max)
    )
    select (select count(*) from ins)::int as inserted, (select closed from gate) as closed`);
  return { inserted: Number(row.inserted), closedThrough: row.closed };
}

/** The live key's holder, from this process's short cache or the database (see KEY_CACHE_MS). */
export async function resolveKey(d: Deps, apiKey: string): Promise<KeyHolder | null> {
  const hash = hashKey(apiKey);
  const now = Date.now();
  const cached = d.keyCache.get(hash);
  if (cached && cached.until > now) return cached.holder;
  const [key] = await d.database.db
    .select({ id: apiKeys.id, contractId: apiKeys.contractId })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hash), isNull(apiKeys.revokedAt)));
  let holder: KeyHolder | null = null;
  if (key) {
    const c = await d.contracts.row(key.contractId);
    const [lock] = await d.database.db.select({ id: serviceLocks.contractId }).from(serviceLocks).where(eq(serviceLocks.contractId, c.id));
    const contract = { status: c.status, startDate: c.startDate, terminationDate: c.terminationDate };
    holder = { keyId: key.id, contractId: c.id, contract, locked: !!lock };
  }
  if (d.keyCache.size > 10_000) d.keyCache.clear(); // unknown keys are cached too: bound the map
  d.keyCache.set(hash, { until: now + KEY_CACHE_MS, holder });
  return holder;
}
