import { sql } from 'drizzle-orm';
import { bulkInsert } from '../../../db/bulk.ts';
import { chainHead } from '../db/schema.ts';
import { sealEntries, type ChainHead } from '../domain/chain.ts';
import { checkpointSigned, signCheckpoint } from '../domain/checkpoint.ts';
import type { AuditDeps } from '../deps.ts';
import { entryDigest3, readHead, SEAL_FORMAT } from '../queries.ts';

const BATCH = 5_000;

export interface SealResult {
  /** Entries chained by this call. */
  sealed: number;
  /** Set when sealing was refused: the head in the database does not extend the checkpoint outside it. */
  refused?: string;
}

/**
 * Chains the committed entries behind the horizon onto the head, in (xid, id) order, batch by batch,
 * then writes a signed checkpoint of the new head outside the database. One sealer at a time across
 * processes (a try-lock: a busy one means another process is sealing now). Business transactions
 * never wait for it.
 */
export async function sealPending(d: AuditDeps): Promise<SealResult> {
  let sealed = 0;
  for (;;) {
    const round = await sealRound(d);
    if (round.refused) return { sealed, refused: round.refused };
    sealed += round.sealed;
    if (round.head) await d.checkpoints.write(signCheckpoint(d.checkpointKey, round.head.seq, round.head.hash, d.clock.now()));
    if (round.sealed < BATCH) return { sealed };
  }
}

async function sealRound(d: AuditDeps): Promise<{ sealed: number; head?: ChainHead; refused?: string }> {
  const anchor = await d.checkpoints.read();
  return d.database.db.transaction(async (tx) => {
    const [{ locked }] = await d.database.rows<{ locked: boolean }>(sql`select pg_try_advisory_xact_lock(hashtext('audit.sealer')) as locked`, tx);
    if (!locked) return { sealed: 0 };
    const head = await readHead(tx);
    // Never extend (nor re-checkpoint) a chain whose head went backwards: that would bury the evidence.
    if (anchor === 'malformed' || (anchor && !checkpointSigned(d.checkpointKey, anchor))) return { sealed: 0, refused: 'the checkpoint is not signed with the checkpoint key' };
    if (anchor && anchor.seq > 0) {
      const [at] = await d.database.rows<{ hash: string }>(sql`select hash from audit.seals where seq = ${anchor.seq}`, tx);
      if (anchor.seq > head.seq || at?.hash !== anchor.hash) return { sealed: 0, refused: `the chain no longer extends checkpoint ${anchor.seq}` };
    }
    // One statement, one snapshot: the horizon and the entries read with it agree.
    const rows = await d.database.rows<{ id: string; xid: string; digest: string }>(
      sql`select e.id::text, e.xid::text, ${entryDigest3('e')} as digest from audit.entries e
           where (e.xid, e.id) > (${head.cursor.xid}::xid8, ${head.cursor.id}::bigint)
             and e.xid < pg_snapshot_xmin(pg_current_snapshot())
           order by e.xid, e.id limit ${BATCH}`,
      tx,
    );
    const batch = rows.map((r) => ({ id: Number(r.id), xid: r.xid, digest: r.digest }));
    if (batch.length === 0) return { sealed: 0 };
    const next = sealEntries(d.key, head, batch);
    await bulkInsert(tx, 'audit.seals', {
      seq: ['bigint', next.seals.map((s) => s.seq)],
      entry_id: ['bigint', next.seals.map((s) => s.entryId)],
      prev_hash: ['text', next.seals.map((s) => s.prevHash)],
      hash: ['text', next.seals.map((s) => s.hash)],
      format: ['int', next.seals.map(() => SEAL_FORMAT)],
    });
    await tx
      .update(chainHead)
      .set({ lastSeq: next.head.seq, lastHash: next.head.hash, count: next.head.seq, cursorXid: next.head.cursor.xid, cursorId: next.head.cursor.id })
      .where(sql`${chainHead.id} = 1`);
    return { sealed: batch.length, head: next.head };
  });
}
