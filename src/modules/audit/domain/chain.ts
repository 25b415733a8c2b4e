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

/** HMAC keyed with a server secret: someone with only database access cannot re-seal an edited chain. */
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

export interface StoredEntry extends ChainedFields {
  prevHash: string;
  hash: string;
}

export interface VerifyState {
  lastId: number | null;
  lastHash: string;
  checked: number;
  firstBrokenId?: number;
}

export const initialVerifyState = (): VerifyState => ({ lastId: null, lastHash: GENESIS_HASH, checked: 0 });

/** Folds a batch of entries (in id order) into the verification state; stops at the first break. */
export function verifyBatch(key: string, state: VerifyState, batch: StoredEntry[]): VerifyState {
  let s = { ...state };
  for (const e of batch) {
    if (s.firstBrokenId !== undefined) break;
    const linked = e.prevHash === s.lastHash;
    const sealed = entryHash(key, e.prevHash, e) === e.hash;
    if (!linked || !sealed) {
      s.firstBrokenId = e.id;
      break;
    }
    s = { ...s, lastId: e.id, lastHash: e.hash, checked: s.checked + 1 };
  }
  return s;
}
