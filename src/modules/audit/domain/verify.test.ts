import { describe, expect, it } from 'vitest';
import { emptyHead, entryHash, GENESIS_HASH, sealEntries, type ChainHead } from './chain.ts';
import { bodyOf, digestOf, entry, fields } from './test-entries.ts';
import { signCheckpoint, checkpointSigned, parseCheckpoint } from './checkpoint.ts';
import { concludeVerify, initialVerifyState, verifyBatch, type SealedEntry } from './verify.ts';

const KEY = 'k'.repeat(32);
const CP_KEY = 'c'.repeat(32);

function sealed(n: number): { rows: SealedEntry[]; head: ChainHead } {
  const es = Array.from({ length: n }, (_, i) => entry(i + 1));
  const { seals, head } = sealEntries(KEY, emptyHead(), es);
  return { rows: seals.map((s, i) => ({ ...s, format: 2, covered: es[i].digest })), head };
}
const walk = (rows: SealedEntry[], anchorSeq?: number) => verifyBatch(KEY, initialVerifyState(), rows, anchorSeq);
const anchor = (head: ChainHead, seq = head.seq, hash = head.hash) => ({ value: signCheckpoint(CP_KEY, seq, hash, new Date('2026-03-02T02:00:00Z')), signed: true });

describe('verifying the sealed chain', () => {
  it('an intact chain verifies, in one batch or several, and matches its head and checkpoint', () => {
    const { rows, head } = sealed(10);
    const s = walk(rows, 10);
    expect(s).toMatchObject({ checked: 10, lastSeq: 10, lastHash: head.hash, anchorHash: head.hash });
    const half = verifyBatch(KEY, verifyBatch(KEY, initialVerifyState(), rows.slice(0, 4), 7), rows.slice(4), 7);
    expect(half.anchorHash).toBe(rows[6].hash);
    expect(concludeVerify(s, head, anchor(head), 10)).toEqual({ ok: true, checked: 10 });
    expect(concludeVerify(walk([]), emptyHead(), null, 0)).toEqual({ ok: true, checked: 0 });
  });

  it('names an edited entry, a deleted entry, a missing or reordered seal', () => {
    const { rows } = sealed(10);
    const edited = rows.map((r) => (r.seq === 6 ? { ...r, covered: digestOf(bodyOf({ ...fields(6), after: { n: 999 } })) } : r));
    expect(walk(edited).broken).toEqual({ reason: 'edited', seq: 6, entryId: 6 });
    const swappedIds = rows.map((r) => (r.seq === 4 ? { ...r, covered: rows[4].covered } : r));
    expect(walk(swappedIds).broken).toMatchObject({ reason: 'edited', seq: 4 });
    const deleted = rows.map((r) => (r.seq === 3 ? { ...r, covered: null } : r));
    expect(walk(deleted)).toMatchObject({ checked: 2, broken: { reason: 'deleted', seq: 3, entryId: 3 } });
    expect(walk(rows.filter((r) => r.seq !== 3)).broken).toEqual({ reason: 'unlinked', seq: 4, entryId: 4 });
    const reordered = [...rows.slice(0, 4), rows[5], rows[4], ...rows.slice(6)].map((r, i) => ({ ...r, seq: i + 1 }));
    expect(walk(reordered).broken).toMatchObject({ reason: 'unlinked', seq: 5 });
    expect(verifyBatch('x'.repeat(32), initialVerifyState(), rows).broken).toMatchObject({ reason: 'edited', seq: 1 });
  });

  it('a cut tail is caught by the head, and by the checkpoint when the head was rewound too', () => {
    const { rows, head } = sealed(10);
    const cut = walk(rows.slice(0, 8), 10);
    expect(concludeVerify(cut, head, anchor(head), 8).broken).toEqual({ reason: 'tail_cut', seq: 9 });
    const rewound: ChainHead = { seq: 8, hash: rows[7].hash, cursor: { xid: '108', id: 8 } };
    expect(concludeVerify(cut, rewound, null, 8)).toEqual({ ok: true, checked: 8 }); // what the database alone can tell
    expect(concludeVerify(cut, rewound, anchor(head), 8).broken).toEqual({ reason: 'tail_cut', seq: 9 });
  });

  it('a checkpoint for a different chain, or not signed with the key, is reported', () => {
    const { rows, head } = sealed(10);
    const s = walk(rows, 5);
    expect(concludeVerify(s, head, anchor(head, 5, 'f'.repeat(64)), 10).broken).toEqual({ reason: 'checkpoint_mismatch', seq: 5 });
    const forged = { ...signCheckpoint('z'.repeat(32), 10, head.hash, new Date()) };
    expect(checkpointSigned(CP_KEY, forged)).toBe(false);
    expect(concludeVerify(s, head, { value: forged, signed: false }, 10).broken).toMatchObject({ reason: 'checkpoint_forged' });
    const good = signCheckpoint(CP_KEY, 10, head.hash, new Date());
    expect(checkpointSigned(CP_KEY, good)).toBe(true);
    expect(checkpointSigned(CP_KEY, { ...good, seq: 11 })).toBe(false);
    expect(parseCheckpoint(JSON.stringify(good))).toEqual(good);
    expect(parseCheckpoint('{"seq":"1"}')).toBe('malformed');
    expect(parseCheckpoint('not json')).toBe('malformed');
  });

  it('entries sealed before the sealer (format 1) and after it (format 2) verify as one chain', () => {
    let prev = GENESIS_HASH;
    const legacy: SealedEntry[] = [1, 2, 3].map((id) => {
      const hash = entryHash(KEY, prev, fields(id));
      const row = { seq: id, entryId: id, prevHash: prev, hash, format: 1, covered: bodyOf(fields(id)) };
      prev = hash;
      return row;
    });
    const head: ChainHead = { seq: 3, hash: prev, cursor: { xid: '0', id: 3 } };
    const next = sealEntries(KEY, head, [entry(4), entry(5)]);
    const rows = [...legacy, ...next.seals.map((s) => ({ ...s, format: 2, covered: entry(s.entryId).digest }))];
    expect(concludeVerify(walk(rows), next.head, null, 5)).toEqual({ ok: true, checked: 5 });
    const edited = rows.map((r) => (r.seq === 2 ? { ...r, covered: bodyOf({ ...fields(2), actorName: 'someone' }) } : r));
    expect(walk(edited).broken).toEqual({ reason: 'edited', seq: 2, entryId: 2 });
  });

  it('an entry slipped in behind the cursor without a seal is reported', () => {
    const { rows, head } = sealed(10);
    expect(concludeVerify(walk(rows), head, null, 11, 42).broken).toEqual({ reason: 'inserted', seq: 11, entryId: 42 });
  });
});
