import { createHash } from 'node:crypto';
import type { ChainedFields, PendingEntry } from './chain.ts';

/** An audit entry's fields for the unit tests. */
export const fields = (id: number): ChainedFields => ({
  id,
  at: new Date(Date.UTC(2026, 0, 1, 0, id)),
  actorId: 'usr_1',
  actorName: 'admin',
  action: 'user.updated',
  entityType: 'user',
  entityId: `usr_${id}`,
  before: { n: id - 1 },
  after: { n: id },
  requestId: null,
  ip: null,
});

/** The body text PostgreSQL builds for those fields (queries.ts `entryBody`), spacing aside. */
export const bodyOf = (f: ChainedFields): string =>
  JSON.stringify([f.id, f.at.toISOString().replace('Z', '000Z'), f.actorId, f.actorName, f.action, f.entityType, f.entityId, f.before, f.after, f.requestId, f.ip]);

/** An entry as the sealer reads it, written by transaction `xid`. */
export const entry = (id: number, xid = String(100 + id)): PendingEntry => ({ id, xid, digest: digestOf(bodyOf(fields(id))) });

/** What PostgreSQL's `entryDigest` gives for a body text. */
export const digestOf = (body: string): string => createHash('sha256').update(body, 'utf8').digest('hex');
