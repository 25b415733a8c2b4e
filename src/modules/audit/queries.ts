import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { chainHead, entries } from './db/schema.ts';
import { emptyHead, type ChainHead } from './domain/chain.ts';

/** The head row (the migration writes it; an empty chain's head if it is somehow missing). */
export async function readHead(ex: Executor): Promise<ChainHead> {
  const [h] = await ex
    .select({ seq: chainHead.lastSeq, hash: chainHead.lastHash, xid: sql<string>`${chainHead.cursorXid}::text`, id: chainHead.cursorId })
    .from(chainHead)
    .where(eq(chainHead.id, 1));
  return h ? { seq: h.seq, hash: h.hash, cursor: { xid: h.xid, id: h.id } } : emptyHead();
}

/** The entry columns the chain covers, as the sealer and verify read them. */
export const chainedColumns = {
  id: entries.id,
  at: entries.at,
  actorId: entries.actorId,
  actorName: entries.actorName,
  action: entries.action,
  entityType: entries.entityType,
  entityId: entries.entityId,
  before: entries.before,
  after: entries.after,
  requestId: entries.requestId,
  ip: entries.ip,
};
