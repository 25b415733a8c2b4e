import { describe, expect, it } from 'vitest';
import { canonicalJson, entryHash, GENESIS_HASH, initialVerifyState, normalize, verifyBatch, type StoredEntry } from './chain.ts';

const KEY = 'k'.repeat(32);

function chain(n: number): StoredEntry[] {
  const out: StoredEntry[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const f = { id: i, at: new Date(Date.UTC(2026, 0, 1, 0, i)), actorId: 'usr_1', actorName: 'admin', action: 'user.updated', entityType: 'user', entityId: `usr_${i}`, before: { n: i - 1 }, after: { n: i }, requestId: null, ip: null };
    const hash = entryHash(KEY, prev, f);
    out.push({ ...f, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('audit hash chain', () => {
  it('canonical JSON ignores key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
  });

  it('normalises bigints and dates and drops secrets', () => {
    expect(normalize({ amount: 10n, at: new Date('2026-01-01T00:00:00Z'), password: 'x', passwordHash: 'y', token: 'z', name: 'a' })).toEqual({ amount: '10', at: '2026-01-01T00:00:00.000Z', name: 'a' });
    expect(normalize(undefined)).toBeNull();
  });

  it('an intact chain verifies, in one batch or several', () => {
    const entries = chain(10);
    expect(verifyBatch(KEY, initialVerifyState(), entries)).toEqual({ checked: 10, lastId: 10, lastHash: entries[9].hash });
    const half = verifyBatch(KEY, initialVerifyState(), entries.slice(0, 4));
    expect(verifyBatch(KEY, half, entries.slice(4))).toMatchObject({ checked: 10 });
  });

  it('an edited field, a removed entry or a different key breaks it at the right place', () => {
    const edited = chain(10);
    edited[5] = { ...edited[5], after: { n: 999 } };
    expect(verifyBatch(KEY, initialVerifyState(), edited)).toMatchObject({ checked: 5, firstBrokenId: 6 });

    const removed = chain(10).filter((e) => e.id !== 3);
    expect(verifyBatch(KEY, initialVerifyState(), removed)).toMatchObject({ checked: 2, firstBrokenId: 4 });

    expect(verifyBatch('x'.repeat(32), initialVerifyState(), chain(3))).toMatchObject({ checked: 0, firstBrokenId: 1 });
  });
});
