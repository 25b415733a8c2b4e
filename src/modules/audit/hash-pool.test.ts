import { afterAll, describe, expect, it } from 'vitest';
import { emptyHead, sealEntries } from './domain/chain.ts';
import { packedFirstBad, sealMac } from './domain/packed.ts';
import { entry } from './domain/test-entries.ts';
import { hashPool } from './hash-pool.ts';

const KEY = 'khóa kiểm toán '.repeat(5);

describe('verify in worker threads', () => {
  const pool = hashPool(KEY, 2);
  afterAll(() => pool.close());
  const es = Array.from({ length: 101 }, (_, i) => entry(i + 1));
  const rows = sealEntries(KEY, emptyHead(), es).seals.map((s, i) => ({ prevHash: s.prevHash, hash: s.hash, digest: es[i].digest }));
  const pack = (rs: typeof rows) => rs.map((r) => r.prevHash + r.hash + r.digest).join('');

  it('accepts packed seals whose HMACs and links hold, in any number, several batches at once', async () => {
    expect(await Promise.all([pack(rows), pack(rows.slice(0, 1)), '', pack(rows.slice(40))].map((d) => pool.firstBad(d)))).toEqual([-1, -1, -1, -1]);
  });

  it('names the first edited or unlinked seal as the thread-side check does, and refuses a different key', async () => {
    for (const at of [0, 50, 100]) {
      const edited = pack(rows.map((r, i) => (i === at ? { ...r, digest: rows[(at + 1) % 101].digest } : r)));
      expect(await pool.firstBad(edited)).toBe(at);
      expect(packedFirstBad(sealMac(KEY), edited)).toBe(at);
    }
    expect(await pool.firstBad(pack([...rows.slice(0, 30), ...rows.slice(31)]))).toBe(30);
    const other = hashPool('x'.repeat(32), 2);
    try {
      expect(await other.firstBad(pack(rows))).toBe(0);
    } finally {
      await other.close();
    }
  });
});
