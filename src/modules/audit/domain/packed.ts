import { hash } from 'node:crypto';
import type { VerifyState } from './verify.ts';

/**
 * A batch of format-2/3 seals as PostgreSQL packs it for verify: one string, for each seal in
 * position order its previous hash, its hash and the digest of its entry (64 hex characters each).
 * One value per batch instead of six per seal: nothing to parse per row, and one message to a worker.
 */
export const PACKED_WIDTH = 192;

export interface PackedBatch {
  /** The first position of the range read, and how many seals it holds. */
  from: number;
  count: number;
  /** Seals whose entry row exists. */
  present: number;
  /** Seals not packable (format 1 or unknown, a stored hash not 64 characters long). */
  odd: number;
  data: string;
}

/**
 * HMAC-SHA256 keyed once: the inner and outer pads are built here, and each message costs two
 * one-shot SHA-256 calls into reused buffers (about half of `createHmac`'s cost per call). Answers the
 * same hex as `createHmac('sha256', key).update(prev + '\n' + digest)` (`sealHash`).
 */
export function sealMac(key: string): (prevHash: string, digest: string) => string {
  let k = Buffer.from(key, 'utf8');
  if (k.length > 64) k = hash('sha256', k, 'buffer');
  const inner = Buffer.alloc(64 + 129);
  const outer = Buffer.alloc(64 + 32);
  for (let i = 0; i < 64; i++) {
    inner[i] = (k[i] ?? 0) ^ 0x36;
    outer[i] = (k[i] ?? 0) ^ 0x5c;
  }
  inner[128] = 0x0a;
  return (prevHash, digest) => {
    if (prevHash.length !== 64 || digest.length !== 64 || inner.write(prevHash, 64, 'latin1') !== 64 || inner.write(digest, 129, 'latin1') !== 64) return '';
    hash('sha256', inner, 'buffer').copy(outer, 64);
    return hash('sha256', outer, 'hex');
  };
}

/**
 * The index of the first seal of a packed batch whose HMAC fails or that does not link to the seal
 * before it in the batch; -1 when all hold. (hash-worker.mjs runs the same loop in worker threads.)
 */
export function packedFirstBad(mac: (prevHash: string, digest: string) => string, data: string): number {
  const n = data.length / PACKED_WIDTH;
  for (let i = 0; i < n; i++) {
    const at = i * PACKED_WIDTH;
    const prev = data.substring(at, at + 64);
    if (i > 0 && prev !== data.substring(at - 128, at - 64)) return i;
    if (mac(prev, data.substring(at + 128, at + 192)) !== data.substring(at + 64, at + 128)) return i;
  }
  return -1;
}

/** Whether a packed batch is complete and well formed for `to - from + 1` positions (else verify reads it row by row). */
export const packedComplete = (b: PackedBatch, to: number) =>
  b.count === to - b.from + 1 && b.present === b.count && b.odd === 0 && b.data.length === b.count * PACKED_WIDTH;

/**
 * Folds a packed batch whose HMACs and inner links were found valid into the state, when it continues
 * the chain (its first seal comes next and links to the last hash); null when it does not, and the
 * caller reads the range row by row to name the break.
 */
export function foldPacked(state: VerifyState, b: PackedBatch, anchorSeq?: number): VerifyState | null {
  if (state.broken || b.from !== state.lastSeq + 1 || b.count === 0 || b.data.substring(0, 64) !== state.lastHash) return null;
  const hashAt = (i: number) => b.data.substring(i * PACKED_WIDTH + 64, i * PACKED_WIDTH + 128);
  const s = { ...state, lastSeq: b.from + b.count - 1, lastHash: hashAt(b.count - 1), checked: state.checked + b.count };
  if (anchorSeq !== undefined && anchorSeq >= b.from && anchorSeq <= s.lastSeq) s.anchorHash = hashAt(anchorSeq - b.from);
  return s;
}
