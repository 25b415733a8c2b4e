import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { chainHead } from './db/schema.ts';
import { emptyHead, type ChainHead } from './domain/chain.ts';

/** The head row (the migration writes it; an empty chain's head if it is somehow missing). */
export async function readHead(ex: Executor): Promise<ChainHead> {
  const [h] = await ex
    .select({ seq: chainHead.lastSeq, hash: chainHead.lastHash, xid: sql<string>`${chainHead.cursorXid}::text`, id: chainHead.cursorId })
    .from(chainHead)
    .where(eq(chainHead.id, 1));
  return h ? { seq: h.seq, hash: h.hash, cursor: { xid: h.xid, id: h.id } } : emptyHead();
}

/**
 * The text an entry is sealed over, built by PostgreSQL the same way on every read: a JSON array of
 * the chained columns, the instant in UTC to the microsecond, jsonb in its own canonical text.
 */
export const entryBody = (e: string) =>
  sql.raw(`json_build_array(${e}.id, to_char(${e}.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), ${e}.actor_id, ${e}.actor_name,
    ${e}.action, ${e}.entity_type, ${e}.entity_id, ${e}.before, ${e}.after, ${e}.request_id, ${e}.ip)::text`);

/** What a format-2 seal covers: the SHA-256 (hex) of the entry's body text, computed by PostgreSQL. */
export const entryDigest = (e: string) => sql`encode(sha256(convert_to(${entryBody(e)}, 'UTF8')), 'hex')`;
