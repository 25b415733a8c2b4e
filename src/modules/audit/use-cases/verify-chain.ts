import { asc, eq, gt, sql } from 'drizzle-orm';
import { entries, seals } from '../db/schema.ts';
import type { ChainedFields, ChainHead } from '../domain/chain.ts';
import { checkpointSigned } from '../domain/checkpoint.ts';
import { concludeVerify, initialVerifyState, verifyBatch, type SealedEntry, type VerifyOutcome } from '../domain/verify.ts';
import type { AuditDeps } from '../deps.ts';
import { chainedColumns, readHead } from '../queries.ts';

const BATCH = 10_000;

export interface ChainCheck extends VerifyOutcome {
  /** Committed entries not sealed yet (their transactions were still running, or the sealer is behind). */
  pending: number;
  /** The checkpoint outside the database that was checked, if there is one. */
  checkpoint: { seq: number; at: string } | null;
}

/**
 * Walks the whole chain in seal order (the next batch is read while this one is hashed), then checks
 * the head, the signed checkpoint outside the database, and that nothing was slipped in behind the sealer.
 */
export async function verifyChain(d: AuditDeps, onProgress?: (checked: number, total: number) => void): Promise<ChainCheck> {
  const db = d.database.db;
  const head = await readHead(db);
  const stored = await d.checkpoints.read();
  const checkpoint = stored === null ? null : stored === 'malformed' ? { value: { seq: 0, hash: '', at: '', signature: '' }, signed: false } : { value: stored, signed: checkpointSigned(d.checkpointKey, stored) };
  const anchorSeq = checkpoint?.signed ? checkpoint.value.seq : undefined;

  const read = (after: number) =>
    db
      .select({ seq: seals.seq, entryId: seals.entryId, prevHash: seals.prevHash, hash: seals.hash, entry: chainedColumns })
      .from(seals)
      .leftJoin(entries, eq(entries.id, seals.entryId))
      .where(gt(seals.seq, after))
      .orderBy(asc(seals.seq))
      .limit(BATCH) as Promise<SealedEntry[]>;

  let state = initialVerifyState();
  let batch = await read(0);
  while (batch.length > 0 && !state.broken) {
    const following = batch.length === BATCH ? read(batch[batch.length - 1].seq) : Promise.resolve([]);
    state = verifyBatch(d.key, state, batch.map(present), anchorSeq);
    onProgress?.(state.checked, head.seq);
    batch = await following;
  }

  const [{ behind, pending }] = await d.database.rows<{ behind: string; pending: string }>(sql`
    select count(*) filter (where (xid, id) <= (${head.cursor.xid}::xid8, ${head.cursor.id}::bigint))::text as behind,
           count(*) filter (where (xid, id) > (${head.cursor.xid}::xid8, ${head.cursor.id}::bigint))::text as pending
      from audit.entries`);
  const intruder = Number(behind) === state.checked ? undefined : await unsealedBehind(d, head);
  const outcome = concludeVerify(state, head, checkpoint, Number(behind), intruder);
  return { ...outcome, pending: Number(pending), checkpoint: checkpoint?.signed ? { seq: checkpoint.value.seq, at: checkpoint.value.at } : null };
}

/** A left join fills a missing entry's columns with nulls: that is a deleted entry. */
const present = (row: SealedEntry): SealedEntry => ({ ...row, entry: row.entry && (row.entry as ChainedFields).id !== null ? row.entry : null });

async function unsealedBehind(d: AuditDeps, head: ChainHead): Promise<number | undefined> {
  const [row] = await d.database.rows<{ id: string }>(sql`
    select e.id::text from audit.entries e
     where (e.xid, e.id) <= (${head.cursor.xid}::xid8, ${head.cursor.id}::bigint)
       and not exists (select 1 from audit.seals s where s.entry_id = e.id)
     order by e.id limit 1`);
  return row ? Number(row.id) : undefined;
}
