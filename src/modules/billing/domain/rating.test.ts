import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EKYC_SAAS_PRICES, priceQuote, type PriceModel } from '../../catalog/index.ts';
import { activeDays, prorate, rateMonth, type RatedContract } from './rating.ts';

const march = { first: '2026-03-01', last: '2026-03-31', days: 31 };
const ekyc: RatedContract = { model: EKYC_SAAS_PRICES, vatRate: 'KCT', quantity: 1, startDate: '2026-01-10', endDate: null };
const usage = (n: number) => new Map([['ekyc.request', BigInt(n)]]);
const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);

describe('rating a month of usage with the catalog (eKYC volume tiers, SPEC A2)', () => {
  // Every tier edge of the list price, on both sides.
  const edges = [1, 5_000, 5_001, 10_000, 10_001, 20_000, 20_001, 30_000, 30_001, 50_000, 50_001, 1_000_000];
  it.each(edges)('%i requests cost what POST /quotes gives for them', (n) => {
    const bill = rateMonth(ekyc, march, usage(n));
    const quote = priceQuote(EKYC_SAAS_PRICES, 'KCT', { quantity: n, periodMonths: 1 });
    expect(bill?.totalVnd).toBe(quote.totalVnd);
    expect(bill?.lines).toHaveLength(1);
    expect(bill?.lines[0]).toMatchObject({ kind: 'usage', metric: 'ekyc.request', quantity: n, unitPriceVnd: quote.unitPriceVnd });
  });

  it('prices the whole month at the tier reached: 5,000 at 1,000 đ, 5,001 at 950 đ', () => {
    expect(rateMonth(ekyc, march, usage(5_000))?.totalVnd).toBe(5_000_000n);
    expect(rateMonth(ekyc, march, usage(5_001))?.totalVnd).toBe(4_750_950n);
    expect(rateMonth(ekyc, march, usage(50_001))?.totalVnd).toBe(37_500_750n);
  });

  it('bills nothing for a month without usage, and no bill at all for a month the contract did not run', () => {
    expect(rateMonth(ekyc, march, new Map())).toEqual({ lines: [], subtotalVnd: 0n, vatVnd: 0n, totalVnd: 0n });
    expect(rateMonth({ ...ekyc, startDate: '2026-04-01' }, march, usage(10))).toBeNull();
    expect(rateMonth({ ...ekyc, endDate: '2026-02-28' }, march, usage(10))).toBeNull();
  });
});

describe('prorating a fixed monthly fee by days (first and last month)', () => {
  const flat: RatedContract = { model: { kind: 'flat', amountVnd: 3_100_000n }, vatRate: '10', quantity: 1, startDate: '2026-01-01', endDate: null };
  const months = [
    { first: '2026-02-01', last: '2026-02-28', days: 28 },
    { first: '2028-02-01', last: '2028-02-29', days: 29 },
    { first: '2026-04-01', last: '2026-04-30', days: 30 },
    { first: '2026-03-01', last: '2026-03-31', days: 31 },
  ];

  it.each(months)('a whole month of $days days is the whole fee; its last day alone is 1/$days', (m) => {
    expect(activeDays(flat, m)).toBe(m.days);
    expect(rateMonth(flat, m, new Map())?.subtotalVnd).toBe(3_100_000n);
    const lastDayOnly = { ...flat, startDate: m.last };
    expect(activeDays(lastDayOnly, m)).toBe(1);
    expect(rateMonth(lastDayOnly, m, new Map())?.subtotalVnd).toBe(prorate(3_100_000n, 1, m.days));
    const firstDayOnly = { ...flat, endDate: m.first };
    expect(rateMonth(firstDayOnly, m, new Map())?.lines[0].description).toBe(`Phí cố định hằng tháng (1/${m.days} ngày)`);
  });

  it('rounds half up to whole đồng', () => {
    expect(prorate(3_100_000n, 15, 31)).toBe(1_500_000n);
    expect(prorate(1_000n, 1, 28)).toBe(36n); // 35.71
    expect(prorate(100n, 1, 8)).toBe(13n); // 12.5 → 13
    expect(prorate(1_000n, 0, 30)).toBe(0n);
    expect(() => prorate(1_000n, 32, 31)).toThrow(RangeError);
  });

  it('adds VAT at the product rate: 10 % of a started month from the 17th of March (15 days)', () => {
    const bill = rateMonth({ ...flat, startDate: '2026-03-17' }, months[3], new Map());
    expect(bill).toMatchObject({ subtotalVnd: 1_500_000n, vatVnd: 150_000n, totalVnd: 1_650_000n });
  });
});

describe('a bill adds up', () => {
  const tiers = [{ upTo: 7, unitPriceVnd: 333n }, { upTo: 19, unitPriceVnd: 177n }, { upTo: null, unitPriceVnd: 91n }];
  const graduated: PriceModel = { kind: 'graduated', unit: 'request', tiers };

  it('its lines (amounts and VAT) sum to its total, for any usage and rate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000 }), fc.constantFrom('KCT', '0', '5', '8', '10' as const), fc.boolean(), (n, vatRate, volume) => {
        const model = volume ? EKYC_SAAS_PRICES : graduated;
        const bill = rateMonth({ ...ekyc, model, vatRate }, march, usage(n));
        if (!bill) return false;
        const linesTotal = sum(bill.lines.map((l) => l.amountVnd + l.vatVnd));
        const quoted = n > 0 ? priceQuote(model, vatRate, { quantity: n, periodMonths: 1 }).totalVnd : 0n;
        return linesTotal === bill.totalVnd && bill.subtotalVnd + bill.vatVnd === bill.totalVnd && bill.totalVnd === quoted;
      }),
      { numRuns: 300 },
    );
  });
});
