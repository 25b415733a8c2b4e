import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A signed note of the chain's head, kept outside the database: whoever rewinds `audit.chain_head`
 * after deleting the newest entries cannot move it back without the key, so verify notices.
 */
export interface Checkpoint {
  seq: number;
  hash: string;
  at: string;
  signature: string;
}

const body = (c: Omit<Checkpoint, 'signature'>) => `qldv-audit-checkpoint\n${c.seq}\n${c.hash}\n${c.at}`;
const sign = (key: string, c: Omit<Checkpoint, 'signature'>) => createHmac('sha256', key).update(body(c)).digest('hex');

export function signCheckpoint(key: string, seq: number, hash: string, at: Date): Checkpoint {
  const c = { seq, hash, at: at.toISOString() };
  return { ...c, signature: sign(key, c) };
}

export function checkpointSigned(key: string, c: Checkpoint): boolean {
  const expected = Buffer.from(sign(key, c), 'hex');
  const given = Buffer.from(typeof c.signature === 'string' ? c.signature : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Reads a checkpoint file's text; anything that is not a well-formed checkpoint is reported as such. */
export function parseCheckpoint(text: string): Checkpoint | 'malformed' {
  try {
    const c = JSON.parse(text) as Partial<Checkpoint>;
    const ok = Number.isSafeInteger(c.seq) && (c.seq ?? -1) >= 0 && typeof c.hash === 'string' && typeof c.at === 'string' && typeof c.signature === 'string';
    return ok ? { seq: c.seq!, hash: c.hash!, at: c.at!, signature: c.signature! } : 'malformed';
  } catch {
    return 'malformed';
  }
}

/** The checkpoint key: configured, or derived from the audit key (a separate purpose, a separate key). */
export const deriveCheckpointKey = (auditKey: string): string => createHmac('sha256', auditKey).update('qldv-audit-checkpoint-key').digest('hex');
