import { GENESIS_HASH, legacyHash, sealHash, type ChainHead } from './chain.ts';
import type { Checkpoint } from './checkpoint.ts';

/** A seal as verify reads it, with what its HMAC covers of the entry (null when the entry row is gone). */
export interface SealedEntry {
  seq: number;
  entryId: number;
  prevHash: string;
  hash: string;
  /** 1: sealed before ADR 0004 (canonical JSON of the parsed fields); 2: the digest of the body text. */
  format: number;
  /** Format 1: the entry's body text; format 2: its SHA-256 (hex). */
  covered: string | null;
}

/**
 * Why the chain is broken: an entry edited, deleted or inserted behind the sealer; seals out of
 * order or missing (a link does not meet); the newest entries cut off (the head or the checkpoint
 * outside the database is ahead of the chain); a head or checkpoint that does not match the chain.
 */
export type BreakReason = 'edited' | 'deleted' | 'unlinked' | 'inserted' | 'tail_cut' | 'head_mismatch' | 'checkpoint_mismatch' | 'checkpoint_forged';

export interface Break {
  reason: BreakReason;
  /** The chain position where it breaks. */
  seq: number;
  entryId?: number;
}

export interface VerifyState {
  lastSeq: number;
  lastHash: string;
  checked: number;
  /** The hash found at the checkpoint's position, once the walk passed it. */
  anchorHash?: string;
  broken?: Break;
}

export const initialVerifyState = (): VerifyState => ({ lastSeq: 0, lastHash: GENESIS_HASH, checked: 0 });

/**
 * Folds a batch of seals (in seq order) into the state; stops at the first break. `macsChecked`:
 * the format-2 HMACs of this batch were already found valid (in parallel, by the caller).
 */
export function verifyBatch(key: string, state: VerifyState, batch: SealedEntry[], anchorSeq?: number, macsChecked = false): VerifyState {
  const s = { ...state };
  for (const row of batch) {
    if (s.broken) break;
    const at = { seq: row.seq, entryId: row.entryId };
    if (row.seq !== s.lastSeq + 1 || row.prevHash !== s.lastHash) s.broken = { reason: 'unlinked', ...at };
    else if (row.covered === null) s.broken = { reason: 'deleted', ...at };
    else if (row.format === 1 ? legacyHash(key, row.prevHash, row.covered) !== row.hash : !macsChecked && sealHash(key, row.prevHash, row.covered) !== row.hash) s.broken = { reason: 'edited', ...at };
    if (s.broken) break;
    s.lastSeq = row.seq;
    s.lastHash = row.hash;
    s.checked += 1;
    if (row.seq === anchorSeq) s.anchorHash = row.hash;
  }
  return s;
}

export interface VerifyOutcome {
  ok: boolean;
  checked: number;
  broken?: Break;
}

/**
 * After the walk: the head in the database and the signed checkpoint outside it must both sit on
 * the chain walked (a cut tail, even with the head rewound, leaves the checkpoint ahead), and the
 * entries behind the sealer's cursor must be exactly those sealed (none inserted behind it).
 */
export function concludeVerify(
  s: VerifyState,
  head: ChainHead,
  checkpoint: { value: Checkpoint; signed: boolean } | null,
  entriesBehindCursor: number,
  unsealedBehindCursor?: number,
): VerifyOutcome {
  const result = (broken?: Break): VerifyOutcome => (broken ? { ok: false, checked: s.checked, broken } : { ok: true, checked: s.checked });
  if (s.broken) return result(s.broken);
  const next = s.lastSeq + 1;
  if (checkpoint && !checkpoint.signed) return result({ reason: 'checkpoint_forged', seq: checkpoint.value.seq });
  if (head.seq > s.lastSeq) return result({ reason: 'tail_cut', seq: next });
  if (head.seq !== s.lastSeq || head.hash !== s.lastHash) return result({ reason: 'head_mismatch', seq: head.seq });
  if (checkpoint && checkpoint.value.seq > s.lastSeq) return result({ reason: 'tail_cut', seq: next });
  if (checkpoint && checkpoint.value.seq > 0 && s.anchorHash !== checkpoint.value.hash) return result({ reason: 'checkpoint_mismatch', seq: checkpoint.value.seq });
  if (entriesBehindCursor !== s.checked) return result({ reason: 'inserted', seq: next, entryId: unsealedBehindCursor });
  return result();
}
