import { afterAll, describe, expect, it } from 'vitest';
import { emptyHead, sealEntries } from './domain/chain.ts';
import { entry } from './domain/test-entries.ts';
import { hashPool } from './hash-pool.ts';

const KEY = 'k'.repeat(32);

describe('verify in worker threads', () => {
  const pool = hashPool(KEY, 2);
  afterAll(() => pool.close());
  const es = Array.from({ length: 101 }, (_, i) => entry(i + 1));
  const rows = sealEntries(KEY, emptyHead(), es).seals.map((s, i) => ({ prevHash: s.prevHash, hash: s.hash, covered: es[i].digest }));

  it('accepts seals whose HMACs hold, in any number of rows', async () => {
    expect(await pool.allValid(rows)).toBe(true);
    expect(await pool.allValid(rows.slice(0, 1))).toBe(true);
    expect(await pool.allValid([])).toBe(true);
  });

  it('refuses a batch with one edited entry, wherever it falls, and a different key', async () => {
    for (const at of [0, 50, 100]) expect(await pool.allValid(rows.map((r, i) => (i === at ? { ...r, covered: rows[(at + 1) % 101].covered } : r)))).toBe(false);
    const other = hashPool('x'.repeat(32), 2);
    try {
      expect(await other.allValid(rows)).toBe(false);
    } finally {
      await other.close();
    }
  });
});
