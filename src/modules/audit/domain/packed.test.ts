import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { emptyHead, GENESIS_HASH, sealEntries, sealHash } from './chain.ts';
import { foldPacked, packedComplete, packedFirstBad, sealMac, type PackedBatch } from './packed.ts';
import { entry } from './test-entries.ts';
import { initialVerifyState, verifyBatch } from './verify.ts';

const KEY = 'k'.repeat(32);
const es = Array.from({ length: 25 }, (_, i) => entry(i + 1));
const seals = sealEntries(KEY, emptyHead(), es).seals.map((s, i) => ({ ...s, digest: es[i].digest }));
const pack = (rows: { prevHash: string; hash: string; digest: string }[]) => rows.map((r) => r.prevHash + r.hash + r.digest).join('');
const batch = (from: number, to: number, data = pack(seals.slice(from - 1, to))): PackedBatch => ({ from, count: to - from + 1, present: to - from + 1, odd: 0, data });

describe('packed batches of seals (verify)', () => {
  it('the keyed HMAC answers what createHmac does, for short, block-sized, long and non-ASCII keys', () => {
    for (const key of ['k', 'k'.repeat(64), 'x'.repeat(65), 'khóa bí mật của kiểm toán', 'z'.repeat(200)]) {
      const mac = sealMac(key);
      for (const s of seals.slice(0, 3)) expect(mac(s.prevHash, s.digest)).toBe(createHmac('sha256', key).update(`${s.prevHash}\n${s.digest}`).digest('hex'));
    }
    expect(sealMac(KEY)(seals[0].prevHash, seals[0].digest)).toBe(sealHash(KEY, seals[0].prevHash, seals[0].digest));
    expect(sealMac(KEY)('ab', seals[0].digest)).toBe('');
  });

  it('an intact batch holds; the first seal edited, unlinked or sealed with another key is named', () => {
    const mac = sealMac(KEY);
    expect(packedFirstBad(mac, pack(seals))).toBe(-1);
    expect(packedFirstBad(mac, '')).toBe(-1);
    for (const at of [0, 7, 24]) {
      const edited = seals.map((s, i) => (i === at ? { ...s, digest: seals[(at + 1) % 25].digest } : s));
      expect(packedFirstBad(mac, pack(edited))).toBe(at);
    }
    // Two seals swapped, each still with its own valid HMAC: the links do not meet.
    const swapped = [...seals.slice(0, 5), seals[6], seals[5], ...seals.slice(7)];
    expect(packedFirstBad(mac, pack(swapped))).toBe(5);
    expect(packedFirstBad(mac, pack(seals.filter((_, i) => i !== 10)))).toBe(10);
    expect(packedFirstBad(sealMac('x'.repeat(32)), pack(seals))).toBe(0);
  });

  it('folds batches that continue the chain (the same state as row by row), and refuses one that does not', () => {
    const rows = seals.map((s) => ({ ...s, format: 3, covered: s.digest }));
    const byRows = verifyBatch(KEY, initialVerifyState(), rows, 12);
    const first = foldPacked(initialVerifyState(), batch(1, 10), 12)!;
    const both = foldPacked(first, batch(11, 25), 12);
    expect(both).toEqual(byRows);
    expect(both).toMatchObject({ checked: 25, lastSeq: 25, lastHash: seals[24].hash, anchorHash: seals[11].hash });
    expect(foldPacked(initialVerifyState(), batch(11, 25))).toBeNull();
    expect(foldPacked(first, batch(12, 25))).toBeNull();
    expect(foldPacked({ ...first, lastHash: GENESIS_HASH }, batch(11, 25))).toBeNull();
    expect(foldPacked({ ...first, broken: { reason: 'edited', seq: 3 } }, batch(11, 25))).toBeNull();
  });

  it('a batch with a missing position, a missing entry or an odd seal is not packable', () => {
    expect(packedComplete(batch(1, 10), 10)).toBe(true);
    expect(packedComplete({ ...batch(1, 10), count: 9 }, 10)).toBe(false);
    expect(packedComplete({ ...batch(1, 10), present: 9 }, 10)).toBe(false);
    expect(packedComplete({ ...batch(1, 10), odd: 1 }, 10)).toBe(false);
    expect(packedComplete({ ...batch(1, 10), data: pack(seals.slice(0, 10)).slice(1) }, 10)).toBe(false);
  });
});
