import type { ChainedFields } from './chain.ts';

/** An audit entry for the unit tests, written by transaction `xid`. */
export const entry = (id: number, xid = String(100 + id)): ChainedFields & { xid: string } => ({
  id,
  xid,
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
