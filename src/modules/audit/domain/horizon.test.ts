import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { comparePositions, emptyHead, sealEntries, type ChainHead } from './chain.ts';
import { horizonOf, sealable } from './horizon.ts';
import { entry } from './test-entries.ts';

const KEY = 'k'.repeat(32);

describe('the sealing horizon', () => {
  it('is the oldest running transaction, or the next xid when none runs', () => {
    expect(horizonOf([], 50n)).toBe(50n);
    expect(horizonOf([48n, 44n, 49n], 50n)).toBe(44n);
    expect(sealable(43n, 44n)).toBe(true);
    expect(sealable(44n, 44n)).toBe(false);
  });

  /**
   * A model of many transactions: each begins (taking the next xid), writes entries, and commits or
   * rolls back, interleaved at random with sealer rounds that take the committed entries after the
   * cursor and below the horizon. Whatever the interleaving, no committed entry ever lands at or
   * before the cursor (it would be lost to the chain), and in the end every committed entry is sealed
   * exactly once, in (xid, id) order, and no rolled-back one is.
   */
  it('never lets a committed entry land behind the sealed cursor', () => {
    type Step = { kind: 'begin' } | { kind: 'write'; t: number } | { kind: 'end'; t: number; commit: boolean } | { kind: 'seal' };
    const step = fc.oneof(
      fc.constant<Step>({ kind: 'begin' }),
      fc.nat(20).map<Step>((t) => ({ kind: 'write', t })),
      fc.record({ t: fc.nat(20), commit: fc.boolean() }).map<Step>(({ t, commit }) => ({ kind: 'end', t, commit })),
      fc.constant<Step>({ kind: 'seal' }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 200 }), (steps) => {
        let nextXid = 100n;
        let nextId = 1;
        const running = new Map<bigint, number[]>();
        const committed: { xid: bigint; id: number }[] = [];
        const sealedIds: number[] = [];
        let head: ChainHead = emptyHead();
        const seal = () => {
          const h = horizonOf([...running.keys()], nextXid);
          const batch = committed
            .filter((e) => sealable(e.xid, h) && comparePositions({ xid: String(e.xid), id: e.id }, head.cursor) > 0)
            .sort((a, b) => comparePositions({ xid: String(a.xid), id: a.id }, { xid: String(b.xid), id: b.id }));
          const r = sealEntries(KEY, head, batch.map((e) => entry(e.id, String(e.xid))));
          head = r.head;
          sealedIds.push(...r.seals.map((s) => s.entryId));
        };
        const tx = (t: number) => [...running.keys()][t % Math.max(running.size, 1)];
        for (const s of steps) {
          if (s.kind === 'begin') running.set(nextXid++, []);
          else if (s.kind === 'seal') seal();
          else if (running.size > 0) {
            const xid = tx(s.t);
            if (s.kind === 'write') running.get(xid)!.push(nextId++);
            else {
              const ids = running.get(xid)!;
              running.delete(xid);
              if (s.commit) {
                for (const id of ids) {
                  // The invariant: a committing entry always sorts after everything already sealed.
                  expect(comparePositions({ xid: String(xid), id }, head.cursor)).toBeGreaterThan(0);
                  committed.push({ xid, id });
                }
              }
            }
          }
        }
        for (const xid of [...running.keys()]) running.delete(xid);
        seal();
        const expected = [...committed].sort((a, b) => comparePositions({ xid: String(a.xid), id: a.id }, { xid: String(b.xid), id: b.id })).map((e) => e.id);
        expect(sealedIds).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
