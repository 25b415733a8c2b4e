import { createHmac } from 'node:crypto';

/** Hash chain of the audit trail: each entry's hash covers its content and the previous hash. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  id: number;
  at: Date;
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
}

const SECRET_KEY = /pass(word)?|secret|token|hash/i;

/**
 * Makes a value JSON-safe and stable: bigint → string, Date → ISO, secrets removed, undefined dropped.
 * What is hashed is exactly what the jsonb column gives back.
 */
export function normalize(value: unknown): unknown {
  if (value === undefined) return null;
  return JSON.parse(
    JSON.stringify(value, (key, v) => {
      if (key && SECRET_KEY.test(key)) return undefined;
      if (typeof v === 'bigint') return v.toString();
      return v;
    }) ?? 'null',
  );
}

/** JSON with object keys sorted at every level, so equal data always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/**
 * The chain before ADR 0004 (format 1): the hash covers canonical JSON of the parsed fields.
 * HMAC keyed with a server secret: someone with only database access cannot re-seal an edited chain.
 */
export function entryHash(key: string, prevHash: string, f: ChainedFields): string {
  // Exactly the chained fields: a stored row also carries its own hashes, which must not feed back in.
  const body = canonicalJson({
    id: f.id,
    at: f.at.toISOString(),
    actorId: f.actorId,
    actorName: f.actorName,
    action: f.action,
    entityType: f.entityType,
    entityId: f.entityId,
    before: f.before,
    after: f.after,
    requestId: f.requestId,
    ip: f.ip,
  });
  return createHmac('sha256', key).update(prevHash).update('\n').update(body).digest('hex');
}

/**
 * The chain's head and the sealer's cursor. Entries are sealed in (transaction id, entry id) order:
 * every entry at or before `cursor` is sealed, and none can still appear there (see `horizon.ts`).
 */
export interface ChainHead {
  seq: number;
  hash: string;
  cursor: EntryPosition;
}

/** Where an entry sorts in the chain: its inserting transaction's xid8 (as text) and its id. */
export interface EntryPosition {
  xid: string;
  id: number;
}

export interface Seal {
  seq: number;
  entryId: number;
  prevHash: string;
  hash: string;
}

export const emptyHead = (): ChainHead => ({ seq: 0, hash: GENESIS_HASH, cursor: { xid: '0', id: 0 } });

/**
 * An entry as the sealer reads it: its position and the SHA-256 (hex) of its body, the text
 * PostgreSQL builds from the chained columns (`entryBody` in queries.ts: a JSON array, jsonb in its
 * canonical text). PostgreSQL digests it, so only 64 characters per entry travel and nothing is
 * parsed or re-serialised here: that keeps verify of 1 M entries fast. The key never leaves this process.
 */
export interface PendingEntry {
  id: number;
  xid: string;
  digest: string;
}

/** Format 2 (ADR 0004): HMAC-SHA256 of the previous hash, a newline and the digest of the entry's body. */
export function sealHash(key: string, prevHash: string, digest: string): string {
  return createHmac('sha256', key).update(`${prevHash}\n${digest}`).digest('hex');
}

/** The format-1 hash of an entry given its body text (the same fields, parsed back). */
export function legacyHash(key: string, prevHash: string, body: string): string {
  const [id, at, actorId, actorName, action, entityType, entityId, before, after, requestId, ip] = JSON.parse(body) as unknown[];
  return entryHash(key, prevHash, {
    id: id as number,
    at: new Date(at as string),
    actorId: actorId as string | null,
    actorName: actorName as string,
    action: action as string,
    entityType: entityType as string,
    entityId: entityId as string | null,
    before,
    after,
    requestId: requestId as string | null,
    ip: ip as string | null,
  });
}

/** Chains committed entries, given in (xid, id) order after the head's cursor, onto the head. */
export function sealEntries(key: string, head: ChainHead, batch: PendingEntry[]): { seals: Seal[]; head: ChainHead } {
  const seals: Seal[] = [];
  let { seq, hash, cursor } = head;
  for (const e of batch) {
    if (comparePositions({ xid: e.xid, id: e.id }, cursor) <= 0) throw new Error(`audit entry ${e.id} sorts before the sealed cursor`);
    const next = sealHash(key, hash, e.digest);
    seq += 1;
    seals.push({ seq, entryId: e.id, prevHash: hash, hash: next });
    hash = next;
    cursor = { xid: e.xid, id: e.id };
  }
  return { seals, head: { seq, hash, cursor } };
}

/** Orders positions as PostgreSQL orders the row (xid8, bigint). */
export function comparePositions(a: EntryPosition, b: EntryPosition): number {
  const x = BigInt(a.xid) - BigInt(b.xid);
  if (x !== 0n) return x < 0n ? -1 : 1;
  return a.id - b.id;
}
