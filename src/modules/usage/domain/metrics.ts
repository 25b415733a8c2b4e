/**
 * The metrics customers may send and how a month of events becomes one quantity (Lago's
 * aggregations). Pure. `unique_count` counts distinct values of one property.
 */
export type Aggregation = { kind: 'count' } | { kind: 'sum' } | { kind: 'max' } | { kind: 'unique_count'; property: string };

export interface Metric {
  /** The product whose price model rates it. */
  product: string;
  aggregation: Aggregation;
}

export const METRICS: Readonly<Record<string, Metric>> = Object.freeze({
  'ekyc.request': { product: 'EKYC', aggregation: { kind: 'count' } },
});

export const isMetric = (name: string): boolean => Object.hasOwn(METRICS, name);

/** The metrics rated for a product. */
export const metricsOfProduct = (productCode: string): string[] => Object.keys(METRICS).filter((m) => METRICS[m].product === productCode);

/** A month's totals of one metric as the rollup keeps them. */
export interface MonthlyTotals {
  events: bigint;
  quantitySum: bigint;
  quantityMax: bigint;
}

/** The billed quantity from the rollup (unique counts are counted from the events themselves). */
export function aggregate(a: Aggregation, t: MonthlyTotals, uniqueCount = 0n): bigint {
  switch (a.kind) {
    case 'count':
      return t.events;
    case 'sum':
      return t.quantitySum;
    case 'max':
      return t.quantityMax;
    case 'unique_count':
      return uniqueCount;
  }
}
