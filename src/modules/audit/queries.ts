import { eq, sql, type SQL } from 'drizzle-orm';
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

/** The format the sealer writes now (ADR 0004): seals of formats 1 and 2 keep verifying as they were made. */
export const SEAL_FORMAT = 3;

/**
 * Format 2's body text: a JSON array of the chained columns, the instant in UTC to the microsecond
 * (`to_char`), jsonb in its own canonical text. Also what format 1 (parsed back in Node) reads.
 */
export const entryBody = (e: string) =>
  sql.raw(`json_build_array(${e}.id, to_char(${e}.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), ${e}.actor_id, ${e}.actor_name,
    ${e}.action, ${e}.entity_type, ${e}.entity_id, ${e}.before, ${e}.after, ${e}.request_id, ${e}.ip)::text`);

/**
 * Format 3's body text: the same columns as a row value in PostgreSQL's own text form (record_out),
 * the instant as seconds since the epoch (numeric, to the microsecond: no time zone or date style
 * setting enters it). record_out quotes a field that is empty or holds a quote, backslash, comma,
 * parenthesis or white space (doubling quotes and backslashes inside) and writes NULL as nothing, so
 * the text reads back into exactly one row (record_in): two different entries never share a body.
 * About 15 % cheaper for PostgreSQL to build than format 2's JSON array (no to_char, no JSON escaping).
 */
export const entryBody3 = (e: string) =>
  sql.raw(`row(${e}.id, extract(epoch from ${e}.at), ${e}.actor_id, ${e}.actor_name, ${e}.action, ${e}.entity_type, ${e}.entity_id,
    ${e}.before, ${e}.after, ${e}.request_id, ${e}.ip)::text`);

/** What a format-2 seal covers: the SHA-256 (hex) of the entry's format-2 body text, computed by PostgreSQL. */
export const entryDigest = (e: string) => sql`encode(sha256(convert_to(${entryBody(e)}, 'UTF8')), 'hex')`;

/** What a format-3 seal covers: the SHA-256 (hex) of the entry's format-3 body text. */
export const entryDigest3 = (e: string) => sql`encode(sha256(textsend(${entryBody3(e)})), 'hex')`;

/** What the seal `s` covers of its entry `e`, by the seal's format (format 1: the body text itself; null when the entry is gone). */
export const covered = (s: string, e: string): SQL =>
  sql`case when ${sql.raw(e)}.id is null then null when ${sql.raw(s)}.format = 1 then ${entryBody(e)} when ${sql.raw(s)}.format = 3 then ${entryDigest3(e)} else ${entryDigest(e)} end`;
