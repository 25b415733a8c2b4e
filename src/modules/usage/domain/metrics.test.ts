import { describe, expect, it } from 'vitest';
import { aggregate, isMetric, metricsOfProduct } from './metrics.ts';

describe('metrics and their aggregations', () => {
  const month = { events: 7n, quantitySum: 40n, quantityMax: 12n };

  it('turns a month of events into one quantity: count, sum, max or unique count', () => {
    expect(aggregate({ kind: 'count' }, month)).toBe(7n);
    expect(aggregate({ kind: 'sum' }, month)).toBe(40n);
    expect(aggregate({ kind: 'max' }, month)).toBe(12n);
    expect(aggregate({ kind: 'unique_count', property: 'userId' }, month, 3n)).toBe(3n);
  });

  it('knows eKYC requests, rated for the EKYC product, and nothing else', () => {
    expect(isMetric('ekyc.request')).toBe(true);
    expect(isMetric('constructor')).toBe(false);
    expect(metricsOfProduct('EKYC')).toEqual(['ekyc.request']);
    expect(metricsOfProduct('MEETING')).toEqual([]);
  });
});
