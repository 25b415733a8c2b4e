/** A volume band as the catalog's price model keeps it (`upTo` inclusive, null: no bound). */
export interface Tier {
  upTo: number | null;
  unitPriceVnd: bigint;
}

/** The price tiers as the dashboard shows them: where each starts, and the one this month's volume reached. Pure. */
export function tiersReached(tiers: readonly Tier[], volume: number) {
  let from = 1;
  return tiers.map((t) => {
    const row = { from, upTo: t.upTo, unitPriceVnd: t.unitPriceVnd, reached: Math.max(volume, 1) >= from && (t.upTo === null || Math.max(volume, 1) <= t.upTo) };
    from = (t.upTo ?? from) + 1;
    return row;
  });
}
