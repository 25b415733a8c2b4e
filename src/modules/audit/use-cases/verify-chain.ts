import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { lane, withSharedSnapshot } from '../../../db/snapshot.ts';
import type { ChainHead } from '../domain/chain.ts';
import { checkpointSigned } from '../domain/checkpoint.ts';
import { foldPacked, packedComplete, packedFirstBad, sealMac, type PackedBatch } from '../domain/packed.ts';
import { concludeVerify, initialVerifyState, verifyBatch, type SealedEntry, type VerifyOutcome } from '../domain/verify.ts';
import type { AuditDeps } from '../deps.ts';
import { hashPool } from '../hash-pool.ts';
import { covered, entryDigest, entryDigest3, readHead } from '../queries.ts';

/** Positions per range: one statement each (fewer statements, less planning), packed into one value of about 5 MB. */
const BATCH = 25_000;
/** From this length on, worker threads check the HMACs; a shorter chain is checked in this thread. */
const PARALLEL_FROM = 50_000;
/** Connections reading at once (PostgreSQL; one snapshot), and batches asked for ahead of the one being folded. */
const READERS = 2;
const READS_IN_FLIGHT = 4;

export interface ChainCheck extends VerifyOutcome {
  /** Committed entries not sealed yet (their transactions were still running, or the sealer is behind). */
  pending: number;
  /** The checkpoint outside the database that was checked, if there is one. */
  checkpoint: { seq: number; at: string } | null;
}

/** A range of positions, read packed; `bad`: its check (-1 all HMACs and inner links hold), null when it is not packable. */
interface Read {
  from: number;
  to: number;
  result: Promise<{ packed: PackedBatch; bad: number | null }>;
}

/**
 * Walks the whole chain in seal order, then checks the head, the signed checkpoint outside the
 * database, and that nothing was slipped in behind the sealer. On PostgreSQL two connections read
 * disjoint ranges in one snapshot (so the head, the seals, the entries and the counts agree) while
 * worker threads check the HMACs of the ranges already read and this thread folds them in order.
 * Each range comes packed in one value (domain/packed.ts); a range that is not whole, holds a
 * format-1 seal or fails a check is read again row by row, and the row-by-row fold names the break.
 */
export async function verifyChain(d: AuditDeps, onProgress?: (checked: number, total: number) => void): Promise<ChainCheck> {
  // Read before the snapshot: a sealer that runs meanwhile writes its checkpoint after its commit, so this one is never ahead of the chain read.
  const stored = await d.checkpoints.read();
  const checkpoint = stored === null ? null : stored === 'malformed' ? { value: { seq: 0, hash: '', at: '', signature: '' }, signed: false } : { value: stored, signed: checkpointSigned(d.checkpointKey, stored) };
  const anchorSeq = checkpoint?.signed ? checkpoint.value.seq : undefined;

  return withSharedSnapshot(
    d.database,
    READERS,
    async (connections) => {
      const readers = connections.map(lane);
      const first = readers[0];
      const head = await first.run(readHead);
      // The counts behind and after the cursor are queued first on the last reader, ready when the walk ends.
      const counts = readers[readers.length - 1].run((ex) => d.database.rows<{ behind: string; pending: string }>(
        // Two counts, each an index-only scan of its side of the cursor (one filtered count would visit every entry twice).
        sql`
        select (select count(*) from audit.entries where (xid, id) <= (${head.cursor.xid}::xid8, ${head.cursor.id}::bigint))::text as behind,
               (select count(*) from audit.entries where (xid, id) > (${head.cursor.xid}::xid8, ${head.cursor.id}::bigint))::text as pending`,
        ex,
      ));
      counts.catch(() => {});
      const batch = d.verifyTuning?.range ?? BATCH;
      const pool = head.seq >= (d.verifyTuning?.workersFrom ?? PARALLEL_FROM) ? hashPool(d.key, READERS) : null;
      const mac = sealMac(d.key);
      let state = initialVerifyState();
      let turn = 0;
      const issue = (from: number, to: number): Read => {
        const reader = readers[turn++ % readers.length];
        const result = reader.run((ex) => readPacked(d, ex, from, to)).then(async (packed) => {
          if (!packedComplete(packed, to)) return { packed, bad: null };
          return { packed, bad: pool ? await pool.firstBad(packed.data) : packedFirstBad(mac, packed.data) };
        });
        result.catch(() => {});
        return { from, to, result };
      };
      try {
        const inFlight: Read[] = [];
        let nextFrom = 1;
        const refill = () => {
          while (inFlight.length < READS_IN_FLIGHT && nextFrom <= head.seq) {
            const to = Math.min(nextFrom + batch - 1, head.seq);
            inFlight.push(issue(nextFrom, to));
            nextFrom = to + 1;
          }
        };
        refill();
        while (inFlight.length > 0 && !state.broken) {
          const read = inFlight.shift()!;
          refill();
          const { packed, bad } = await read.result;
          const folded = bad === -1 ? foldPacked(state, packed, anchorSeq) : null;
          // Not packable, a check failed, or it does not continue the chain: row by row, which names the break.
          state = folded ?? verifyBatch(d.key, state, await first.run((ex) => readRows(d, ex, sql`s.seq between ${read.from} and ${read.to}`)), anchorSeq);
          onProgress?.(state.checked, head.seq);
        }
        await Promise.allSettled(inFlight.map((r) => r.result));
        // Whatever lies beyond the head (nothing, unless someone added seals).
        for (let after = head.seq; !state.broken; ) {
          const beyond = await first.run((ex) => readRows(d, ex, sql`s.seq > ${after}`));
          if (beyond.length === 0) break;
          state = verifyBatch(d.key, state, beyond, anchorSeq);
          after = beyond[beyond.length - 1].seq;
        }
      } finally {
        await pool?.close();
      }
      const [{ behind, pending }] = await counts;
      const intruder = Number(behind) === state.checked ? undefined : await first.run((ex) => unsealedBehind(d, ex, head));
      const outcome = concludeVerify(state, head, checkpoint, Number(behind), intruder);
      return { ...outcome, pending: Number(pending), checkpoint: checkpoint?.signed ? { seq: checkpoint.value.seq, at: checkpoint.value.at } : null };
    },
    // No parallel workers or JIT per statement (the readers are the parallelism; each range is compiled once and run once).
    { max_parallel_workers_per_gather: '0', jit: 'off' },
  );
}

/**
 * Each seal's entry looked up by its key: a lateral subquery that cannot be flattened (offset 0), so
 * the plan is the seals' index and one lookup per seal on both drivers, whatever the statistics (a
 * hash join would scan every entry for each range; on PGlite no setting can be set for verify alone).
 */
const byKey = sql.raw('lateral (select * from audit.entries e where e.id = s.entry_id offset 0) e');

/** The seals at positions from…to with their entries' digests, packed in one string (domain/packed.ts). */
async function readPacked(d: AuditDeps, ex: Executor, from: number, to: number): Promise<PackedBatch> {
  const [r] = await d.database.rows<{ n: number; present: number; odd: number; data: string | null }>(
    sql`
    select count(*)::int as n, count(e.id)::int as present,
           count(*) filter (where s.format not in (2, 3) or octet_length(s.prev_hash) <> 64 or octet_length(s.hash) <> 64)::int as odd,
           string_agg(s.prev_hash || s.hash || case when s.format = 3 then ${entryDigest3('e')} else ${entryDigest('e')} end, '' order by s.seq) as data
      from audit.seals s left join ${byKey} on true
     where s.seq between ${from} and ${to}`,
    ex,
  );
  return { from, count: r.n, present: r.present, odd: r.odd, data: r.data ?? '' };
}

/** Seals in `range`, in position order, each with what it covers of its entry (the row-by-row read). */
async function readRows(d: AuditDeps, ex: Executor, range: SQL): Promise<SealedEntry[]> {
  const limit = d.verifyTuning?.range ?? BATCH;
  const rows = await d.database.rows<{ seq: string; entry_id: string; prev_hash: string; hash: string; format: number; covered: string | null }>(
    sql`
    select s.seq::text, s.entry_id::text, s.prev_hash, s.hash, s.format, ${covered('s', 'e')} as covered
      from audit.seals s left join ${byKey} on true
     where ${range} order by s.seq limit ${limit}`,
    ex,
  );
  return rows.map((r) => ({ seq: Number(r.seq), entryId: Number(r.entry_id), prevHash: r.prev_hash, hash: r.hash, format: r.format, covered: r.covered }));
}

async function unsealedBehind(d: AuditDeps, ex: Executor, head: ChainHead): Promise<number | undefined> {
  const [row] = await d.database.rows<{ id: string }>(
    sql`
    select e.id::text from audit.entries e
     where (e.xid, e.id) <= (${head.cursor.xid}::xid8, ${head.cursor.id}::bigint)
       and not exists (select 1 from audit.seals s where s.entry_id = e.id)
     order by e.id limit 1`,
    ex,
  );
  return row ? Number(row.id) : undefined;
}
