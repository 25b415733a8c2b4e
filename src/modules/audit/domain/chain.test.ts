import { describe, expect, it } from 'vitest';
import { bodyOf, digestOf, entry, fields } from './test-entries.ts';
import { canonicalJson, comparePositions, emptyHead, entryHash, GENESIS_HASH, legacyHash, normalize, sealEntries, sealHash } from './chain.ts';

const KEY = 'k'.repeat(32);

describe('audit hash chain', () => {
  it('canonical JSON ignores key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
  });

  it('normalises bigints and dates and drops secrets', () => {
    expect(normalize({ amount: 10n, at: new Date('2026-01-01T00:00:00Z'), password: 'x', passwordHash: 'y', token: 'z', name: 'a' })).toEqual({ amount: '10', at: '2026-01-01T00:00:00.000Z', name: 'a' });
    expect(normalize(undefined)).toBeNull();
  });

  it('the hash covers the digest of the body text and the previous hash, under the key', () => {
    const body = bodyOf(fields(1));
    const h = sealHash(KEY, GENESIS_HASH, digestOf(body));
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(entry(1).digest).toBe(digestOf(body));
    expect(sealHash(KEY, GENESIS_HASH, digestOf(body.replace('"n":1', '"n":2')))).not.toBe(h);
    const body2 = digestOf(body);
    expect(sealHash(KEY, 'f'.repeat(64), body2)).not.toBe(h);
    expect(sealHash('x'.repeat(32), GENESIS_HASH, body2)).not.toBe(h);
    expect(sealHash(KEY, GENESIS_HASH, body2)).toBe(h);
  });

  it('entries sealed before the sealer (format 1) verify from the same body text', () => {
    const f = { ...fields(7), after: { b: 1, a: [1, { d: 2, c: 3 }] } };
    // The old hash was taken over the parsed fields, with the instant to the millisecond.
    expect(legacyHash(KEY, GENESIS_HASH, bodyOf(f))).toBe(entryHash(KEY, GENESIS_HASH, f));
    expect(legacyHash(KEY, GENESIS_HASH, bodyOf({ ...f, actorName: 'x' }))).not.toBe(entryHash(KEY, GENESIS_HASH, f));
  });

  it('sealing links each entry to the one before, at consecutive positions, and moves the cursor', () => {
    const { seals, head } = sealEntries(KEY, emptyHead(), [entry(1), entry(2), entry(3)]);
    expect(seals.map((s) => [s.seq, s.entryId])).toEqual([[1, 1], [2, 2], [3, 3]]);
    expect(seals[0].prevHash).toBe(GENESIS_HASH);
    expect(seals[1].prevHash).toBe(seals[0].hash);
    expect(head).toEqual({ seq: 3, hash: seals[2].hash, cursor: { xid: '103', id: 3 } });
    // Sealing in two rounds gives the same chain as in one.
    const first = sealEntries(KEY, emptyHead(), [entry(1)]);
    expect(sealEntries(KEY, first.head, [entry(2), entry(3)]).head).toEqual(head);
  });

  it('refuses an entry that sorts at or before the cursor (it would land inside the sealed range)', () => {
    const { head } = sealEntries(KEY, emptyHead(), [entry(5, '200')]);
    expect(() => sealEntries(KEY, head, [entry(4, '199')])).toThrow(/before the sealed cursor/);
    expect(() => sealEntries(KEY, head, [entry(5, '200')])).toThrow();
    expect(sealEntries(KEY, head, [entry(3, '201')]).head.cursor).toEqual({ xid: '201', id: 3 });
  });

  it('positions order by transaction id (as 64-bit numbers), then entry id', () => {
    expect(comparePositions({ xid: '9', id: 5 }, { xid: '10', id: 1 })).toBeLessThan(0);
    expect(comparePositions({ xid: '18446744073709551615', id: 1 }, { xid: '18446744073709551614', id: 9 })).toBeGreaterThan(0);
    expect(comparePositions({ xid: '10', id: 2 }, { xid: '10', id: 3 })).toBeLessThan(0);
    expect(comparePositions({ xid: '10', id: 3 }, { xid: '10', id: 3 })).toBe(0);
  });
});
