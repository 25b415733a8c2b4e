import { sql, type SQL } from 'drizzle-orm';
import type { ChainHead } from '../domain/chain.ts';
import { checkpointSigned } from '../domain/checkpoint.ts';
import { concludeVerify, initialVerifyState, verifyBatch, type SealedEntry, type VerifyOutcome } from '../domain/verify.ts';
import type { AuditDeps } from '../deps.ts';
import { hashPool } from '../hash-pool.ts';
import { entryBody, entryDigest, readHead } from '../queries.ts';

const BATCH = 10_000;
const PARALLEL_FROM = 50_000;
const READS_IN_FLIGHT = 3;

export interface ChainCheck extends VerifyOutcome {
  /** Committed entries not sealed yet (their transactions were still running, or the sealer is behind). */
  pending: number;
  /** The checkpoint outside the database that was checked, if there is one. */
  checkpoint: { seq: number; at: string } | null;
}

/**
 * Walks the whole chain in seal order (the next batches are read while this one is hashed), then checks
 * the head, the signed checkpoint outside the database, and that nothing was slipped in behind the sealer.
 */
export async function verifyChain(d: AuditDeps, onProgress?: (checked: number, total: number) => void): Promise<ChainCheck> {
  const head = await readHead(d.database.db);
  const stored = await d.checkpoints.read();
  const checkpoint = stored === null ? null : stored === 'malformed' ? { value: { seq: 0, hash: '', at: '', signature: '' }, signed: false } : { value: stored, signed: checkpointSigned(d.checkpointKey, stored) };
  const anchorSeq = checkpoint?.signed ? checkpoint.value.seq : undefined;

  const read = async (range: SQL): Promise<SealedEntry[]> => {
    const rows = await d.database.rows<{ seq: string; entry_id: string; prev_hash: string; hash: string; format: number; covered: string | null }>(sql`
      select s.seq::text, s.entry_id::text, s.prev_hash, s.hash, s.format, case when e.id is null then null when s.format = 1 then ${entryBody('e')} else ${entryDigest('e')} end as covered
        from audit.seals s left join audit.entries e on e.id = s.entry_id
       where ${range} order by s.seq limit ${BATCH}`);
    return rows.map((r) => ({ seq: Number(r.seq), entryId: Number(r.entry_id), prevHash: r.prev_hash, hash: r.hash, format: r.format, covered: r.covered }));
  };
  // Positions run 1…head: the batches up to the head are read by position, several at once (on
  // PostgreSQL each on its own connection, so the database's share runs in parallel too), and folded
  // in order; then whatever lies beyond the head (nothing, unless someone added seals).
  const ranges: SQL[] = [];
  for (let from = 1; from <= head.seq; from += BATCH) ranges.push(sql`s.seq between ${from} and ${Math.min(from + BATCH - 1, head.seq)}`);
  const inFlight = ranges.splice(0, READS_IN_FLIGHT).map(read);

  // A long chain is hashed by worker threads; a short one in this thread.
  const pool = head.seq >= PARALLEL_FROM ? hashPool(d.key) : null;
  let state = initialVerifyState();
  try {
    const fold = async (batch: SealedEntry[]) => {
      const sealed = batch.filter((r): r is SealedEntry & { covered: string } => r.format === 2 && r.covered !== null);
      // All valid: the fold checks only links, positions and format-1 rows; any mismatch: it re-hashes to name the entry.
      const macsChecked = pool !== null && (await pool.allValid(sealed));
      state = verifyBatch(d.key, state, batch, anchorSeq, macsChecked);
      onProgress?.(state.checked, head.seq);
    };
    while (inFlight.length > 0 && !state.broken) {
      const batch = await inFlight.shift()!;
      const next = ranges.shift();
      if (next) inFlight.push(read(next));
      await fold(batch);
    }
    await Promise.allSettled(inFlight);
    for (let after = head.seq; !state.broken; ) {
      const beyond = await read(sql`s.seq > ${after}`);
      if (beyond.length === 0) break;
      await fold(beyond);
      after = beyond[beyond.length - 1].seq;
    }
  } finally {
    await pool?.close();
  }

  const [{ behind, pending }] = await d.database.rows<{ behind: string; pending: string }>(sql`
    select count(*) filter (where (xid, id) <= (${head.cursor.xid}::xid8, ${head.cursor.id}::bigint))::text as behind,
           count(*) filter (where (xid, id) > (${head.cursor.xid}::xid8, ${head.cursor.id}::bigint))::text as pending
      from audit.entries`);
  const intruder = Number(behind) === state.checked ? undefined : await unsealedBehind(d, head);
  const outcome = concludeVerify(state, head, checkpoint, Number(behind), intruder);
  return { ...outcome, pending: Number(pending), checkpoint: checkpoint?.signed ? { seq: checkpoint.value.seq, at: checkpoint.value.at } : null };
}

async function unsealedBehind(d: AuditDeps, head: ChainHead): Promise<number | undefined> {
  const [row] = await d.database.rows<{ id: string }>(sql`
    select e.id::text from audit.entries e
     where (e.xid, e.id) <= (${head.cursor.xid}::xid8, ${head.cursor.id}::bigint)
       and not exists (select 1 from audit.seals s where s.entry_id = e.id)
     order by e.id limit 1`);
  return row ? Number(row.id) : undefined;
}
