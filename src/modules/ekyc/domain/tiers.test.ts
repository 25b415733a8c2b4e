import { describe, expect, it } from 'vitest';
import { EKYC_SAAS_PRICES } from '../../catalog/index.ts';
import { tiersReached } from './tiers.ts';

describe('the price tiers a month reached', () => {
  const tiers = EKYC_SAAS_PRICES.kind === 'volume' ? EKYC_SAAS_PRICES.tiers : [];
  const reached = (v: number) => tiersReached(tiers, v).findIndex((t) => t.reached);

  it('starts each tier after the previous one (seed 002: 1–5,000 … above 50,000)', () => {
    expect(tiersReached(tiers, 0).map((t) => [t.from, t.upTo, t.unitPriceVnd])).toEqual([
      [1, 5000, 1000n], [5001, 10000, 950n], [10001, 20000, 900n], [20001, 30000, 850n], [30001, 50000, 800n], [50001, null, 750n],
    ]);
  });

  it('marks the one tier the volume is in, at each bound', () => {
    expect([0, 1, 5000, 5001, 10000, 10001, 50000, 50001, 1_000_000].map(reached)).toEqual([0, 0, 0, 1, 1, 2, 4, 5, 5]);
  });
});
