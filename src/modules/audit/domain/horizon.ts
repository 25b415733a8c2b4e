/**
 * The sealing horizon, as PostgreSQL computes it (`pg_snapshot_xmin(pg_current_snapshot())`): the
 * oldest transaction still running, or the next transaction id when none is. Transaction ids are
 * handed out in increasing order, so no transaction below the horizon can still insert: an entry
 * whose xid is below it is committed (and visible) or rolled back for good, and it is safe to seal.
 */
export function horizonOf(running: readonly bigint[], nextXid: bigint): bigint {
  return running.reduce((min, x) => (x < min ? x : min), nextXid);
}

/** Whether an entry written by transaction `xid` may be sealed under `horizon`. */
export const sealable = (xid: bigint, horizon: bigint): boolean => xid < horizon;
