import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeOf } from '../../../platform/codes.test-util.ts';
import { isAppError } from '../../../platform/errors.ts';
import {
  EKYC_SAAS_PRICES,
  MEETING_SAAS_PRICES,
  monthlySubtotalVnd,
  offeredPeriods,
  priceModelFromJson,
  priceModelToJson,
  priceQuote,
  validatePriceModel,
  vatOf,
  type PriceModel,
  type Quote,
  type VatRate,
} from './pricing.ts';

/** The path and message of an INVALID_PRICE_MODEL refusal. */
function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isAppError(e) && e.code === 'INVALID_PRICE_MODEL') return e.message;
    throw e;
  }
  return 'accepted';
}

const ekyc = (quantity: number) => priceQuote(EKYC_SAAS_PRICES, 'KCT', { quantity });
const meeting = (quantity: number, periodMonths: number) => priceQuote(MEETING_SAAS_PRICES, 'KCT', { quantity, periodMonths });
const EKYC_TIERS = (EKYC_SAAS_PRICES as Extract<PriceModel, { kind: 'volume' }>).tiers;

describe('eKYC Cloud SaaS (seed 002 §4a, volume pricing)', () => {
  it('prices every bracket edge at the price of the bracket the month total reaches', () => {
    const cases: [number, bigint][] = [
      [1, 1_000n],
      [5_000, 1_000n],
      [5_001, 950n],
      [10_000, 950n],
      [10_001, 900n],
      [20_000, 900n],
      [20_001, 850n],
      [30_000, 850n],
      [30_001, 800n],
      [50_000, 800n],
      [50_001, 750n],
      [1_000_000, 750n],
    ];
    for (const [quantity, price] of cases) {
      const q = ekyc(quantity);
      expect(q.unitPriceVnd, `${quantity}`).toBe(price);
      expect(q.subtotalVnd, `${quantity}`).toBe(BigInt(quantity) * price);
      expect(q.periodMonths).toBe(1);
      expect(q.lines).toHaveLength(1);
    }
    expect(ekyc(5_001).subtotalVnd).toBe(4_750_950n);
    expect(ekyc(50_001).subtotalVnd).toBe(37_500_750n);
  });

  it('stays exact for the largest safe quantity (no float in between)', () => {
    expect(ekyc(Number.MAX_SAFE_INTEGER).subtotalVnd).toBe(9_007_199_254_740_991n * 750n);
  });

  it('names the bracket in the line, in the seed\'s words', () => {
    expect(ekyc(7_000).lines[0]).toEqual({
      description: 'Bậc 5.001–10.000 request/tháng: đơn giá áp dụng cho toàn bộ sản lượng',
      descriptionEn: 'Tier 5,001–10,000 requests/month: one unit price for the whole volume',
      quantity: 7_000,
      months: 1,
      unitPriceVnd: 950n,
      amountVnd: 6_650_000n,
    });
    expect(ekyc(60_000).lines[0].description).toBe('Bậc trên 50.000 request/tháng: đơn giá áp dụng cho toàn bộ sản lượng');
  });

  it('bills monthly by default and offers no other period', () => {
    expect(offeredPeriods(EKYC_SAAS_PRICES)).toEqual([1]);
    expect(priceQuote(EKYC_SAAS_PRICES, 'KCT', { quantity: 10, periodMonths: 1 })).toEqual(ekyc(10));
  });

  it('is not monotone across a bracket edge: 5,001 requests cost less than 5,000 (volume pricing as the seed states it)', () => {
    expect(ekyc(5_001).subtotalVnd).toBeLessThan(ekyc(5_000).subtotalVnd);
  });
});

describe('MobiFone Meeting Cloud SaaS (seed 004, per room per month, prepaid)', () => {
  const table: Record<number, [bigint, bigint, bigint]> = {
    1: [500_000n, 450_000n, 400_000n],
    4: [500_000n, 450_000n, 400_000n],
    5: [450_000n, 400_000n, 350_000n],
    10: [450_000n, 400_000n, 350_000n],
    11: [400_000n, 350_000n, 300_000n],
    100: [400_000n, 350_000n, 300_000n],
  };

  it('prices every bracket edge for 1, 6 and 12 months: rooms × price × months', () => {
    for (const [rooms, prices] of Object.entries(table)) {
      [1, 6, 12].forEach((months, i) => {
        const q = meeting(Number(rooms), months);
        expect(q.unitPriceVnd, `${rooms} rooms × ${months}`).toBe(prices[i]);
        expect(q.subtotalVnd, `${rooms} rooms × ${months}`).toBe(BigInt(rooms) * prices[i] * BigInt(months));
        expect(q.periodMonths).toBe(months);
      });
    }
  });

  it('5 rooms for 12 months = 5 × 350,000 × 12 = 21,000,000 đ, not subject to VAT', () => {
    const q = meeting(5, 12);
    expect(q).toEqual<Quote>({
      unitPriceVnd: 350_000n,
      subtotalVnd: 21_000_000n,
      vatRate: 'KCT',
      vatVnd: 0n,
      totalVnd: 21_000_000n,
      periodMonths: 12,
      lines: [{ description: 'Bậc 5–10 phòng họp, kỳ thanh toán 12 tháng', descriptionEn: 'Tier 5–10 meeting rooms, 12-month billing period', quantity: 5, months: 12, unitPriceVnd: 350_000n, amountVnd: 21_000_000n }],
    });
    expect(meeting(11, 1).lines[0].description).toBe('Bậc trên 10 phòng họp, kỳ thanh toán 1 tháng');
    expect(meeting(11, 1).lines[0].descriptionEn).toBe('Tier over 10 meeting rooms, 1-month billing period');
  });

  it('needs the period chosen and offers only 1, 6 and 12 months', () => {
    expect(offeredPeriods(MEETING_SAAS_PRICES)).toEqual([1, 6, 12]);
    expect(codeOf(() => priceQuote(MEETING_SAAS_PRICES, 'KCT', { quantity: 5 }))).toBe('PERIOD_REQUIRED');
    for (const p of [0, 2, 3, 24, 1.5, NaN]) {
      expect(codeOf(() => meeting(5, p)), `${p}`).toBe('PERIOD_NOT_OFFERED');
    }
  });

  it('gives the price of one month at a period\'s rate', () => {
    expect(monthlySubtotalVnd(MEETING_SAAS_PRICES, { quantity: 5, periodMonths: 6 })).toBe(2_000_000n);
    expect(monthlySubtotalVnd(EKYC_SAAS_PRICES, { quantity: 5_001, periodMonths: 1 })).toBe(4_750_950n);
  });
});

describe('graduated vs volume on the same tiers', () => {
  const graduated: PriceModel = { kind: 'graduated', unit: 'request', tiers: EKYC_TIERS, periods: [1] };

  it('prices each tier\'s share at its own price, one line per tier touched', () => {
    const q = priceQuote(graduated, 'KCT', { quantity: 12_000 });
    expect(q.lines.map((l) => [l.quantity, l.unitPriceVnd, l.amountVnd])).toEqual([
      [5_000, 1_000n, 5_000_000n],
      [5_000, 950n, 4_750_000n],
      [2_000, 900n, 1_800_000n],
    ]);
    expect(q.subtotalVnd).toBe(11_550_000n);
    expect(q.unitPriceVnd).toBe(900n); // the highest tier reached
    expect(q.lines[1].description).toBe('Bậc 5.001–10.000 request/tháng (lũy tiến)');
    expect(ekyc(12_000).subtotalVnd).toBe(10_800_000n); // volume: all 12,000 at 900
  });

  it('agrees with volume inside the first tier and splits exactly at an edge', () => {
    expect(priceQuote(graduated, 'KCT', { quantity: 5_000 }).lines).toHaveLength(1);
    expect(priceQuote(graduated, 'KCT', { quantity: 5_000 }).subtotalVnd).toBe(ekyc(5_000).subtotalVnd);
    expect(priceQuote(graduated, 'KCT', { quantity: 5_001 }).subtotalVnd).toBe(5_000_950n);
    expect(priceQuote(graduated, 'KCT', { quantity: 60_000 }).subtotalVnd).toBe(50_750_000n);
    expect(priceQuote(graduated, 'KCT', { quantity: 60_000 }).lines).toHaveLength(6);
  });
});

describe('VAT (SPEC A5)', () => {
  it('adds nothing for KCT and 0 %, and rounds half up to whole đồng otherwise', () => {
    expect(vatOf(4_750_950n, 'KCT')).toBe(0n);
    expect(vatOf(4_750_950n, '0')).toBe(0n);
    expect(vatOf(4_750_950n, '10')).toBe(475_095n);
    expect(vatOf(5n, '10')).toBe(1n); // 0.5 → 1
    expect(vatOf(14n, '10')).toBe(1n); // 1.4 → 1
    expect(vatOf(15n, '10')).toBe(2n); // 1.5 → 2
    expect(vatOf(10n, '5')).toBe(1n); // 0.5 → 1
    expect(vatOf(1_000_006n, '8')).toBe(80_000n); // 80,000.48 → 80,000
    expect(vatOf(1_000_007n, '8')).toBe(80_001n); // 80,000.56 → 80,001
  });

  it('puts VAT on top of the subtotal in a quote', () => {
    const kct = priceQuote(EKYC_SAAS_PRICES, 'KCT', { quantity: 5_001 });
    const ten = priceQuote(EKYC_SAAS_PRICES, '10', { quantity: 5_001 });
    expect([kct.vatVnd, kct.totalVnd]).toEqual([0n, 4_750_950n]);
    expect([ten.vatRate, ten.vatVnd, ten.totalVnd]).toEqual(['10', 475_095n, 5_226_045n]);
    const fee: PriceModel = { kind: 'flat', amountVnd: 15n };
    expect(priceQuote(fee, '10', { quantity: 1 })).toMatchObject({ subtotalVnd: 15n, vatVnd: 2n, totalVnd: 17n });
  });

  it('refuses an unknown rate', () => {
    expect(codeOf(() => vatOf(100n, '7' as VatRate))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => vatOf(100n, 'toString' as VatRate))).toBe('VALIDATION_FAILED');
  });
});

describe('refusals', () => {
  it('wants a positive safe whole quantity', () => {
    for (const quantity of [0, -1, 1.5, NaN, Infinity, 2 ** 60, '5' as unknown as number]) {
      expect(codeOf(() => ekyc(quantity)), String(quantity)).toBe('INVALID_QUANTITY');
      expect(codeOf(() => meeting(quantity, 12)), String(quantity)).toBe('INVALID_QUANTITY');
    }
  });

  it('sells a flat fee one at a time, monthly unless it lists periods', () => {
    const fee: PriceModel = { kind: 'flat', amountVnd: 2_000_000n };
    expect(priceQuote(fee, 'KCT', { quantity: 1 })).toMatchObject({ unitPriceVnd: 2_000_000n, subtotalVnd: 2_000_000n, periodMonths: 1 });
    expect(priceQuote({ ...fee, periods: [1, 12] }, 'KCT', { quantity: 1, periodMonths: 12 }).subtotalVnd).toBe(24_000_000n);
    expect(codeOf(() => priceQuote(fee, 'KCT', { quantity: 2 }))).toBe('INVALID_QUANTITY');
    expect(codeOf(() => priceQuote(fee, 'KCT', { quantity: 1, periodMonths: 12 }))).toBe('PERIOD_NOT_OFFERED');
    expect(codeOf(() => priceQuote({ ...fee, periods: [12] }, 'KCT', { quantity: 1 }))).toBe('PERIOD_REQUIRED');
  });

  it('refuses an unsupported period for eKYC', () => {
    expect(codeOf(() => priceQuote(EKYC_SAAS_PRICES, 'KCT', { quantity: 10, periodMonths: 12 }))).toBe('PERIOD_NOT_OFFERED');
  });

  it('sends On-Premise to a negotiated quote', () => {
    expect(codeOf(() => priceQuote({ kind: 'quote' }, 'KCT', { quantity: 1 }))).toBe('QUOTE_REQUIRED');
    expect(codeOf(() => monthlySubtotalVnd({ kind: 'quote' }, { quantity: 1, periodMonths: 1 }))).toBe('QUOTE_REQUIRED');
    expect(offeredPeriods({ kind: 'quote' })).toEqual([]);
  });

  it('refuses to quote from a broken table', () => {
    const broken = { kind: 'volume', unit: 'request', tiers: [{ upTo: 10, unitPriceVnd: 1n }] } as PriceModel;
    expect(codeOf(() => priceQuote(broken, 'KCT', { quantity: 11 }))).toBe('INVALID_PRICE_MODEL');
  });

  it('keeps the seed tables frozen', () => {
    expect(() => EKYC_TIERS.push({ upTo: null, unitPriceVnd: 1n })).toThrow(TypeError);
    expect(Object.isFrozen(EKYC_TIERS[0])).toBe(true);
  });
});

describe('validatePriceModel', () => {
  const tiers = (...t: [number | null, bigint][]) => t.map(([upTo, unitPriceVnd]) => ({ upTo, unitPriceVnd }));
  const volume = (t: ReturnType<typeof tiers>, extra: object = {}) => ({ kind: 'volume', unit: 'request', tiers: t, ...extra }) as PriceModel;
  const rooms = (brackets: unknown, periods: unknown = [1, 12]) => ({ kind: 'per_unit_period', unit: 'room', periods, brackets }) as PriceModel;

  it('accepts the seed tables and a plain one-tier table', () => {
    expect(() => validatePriceModel(EKYC_SAAS_PRICES)).not.toThrow();
    expect(() => validatePriceModel(MEETING_SAAS_PRICES)).not.toThrow();
    expect(() => validatePriceModel(volume(tiers([null, 0n])))).not.toThrow(); // a free service is a price
  });

  it('names what is wrong', () => {
    const cases: [PriceModel, string][] = [
      [volume([]), 'tiers: must have at least one band'],
      [volume(tiers([10, 1n], [10, 1n], [null, 1n])), 'tiers[1].upTo: must be greater than the previous bound 10'],
      [volume(tiers([10, 1n], [5, 1n], [null, 1n])), 'tiers[1].upTo: must be greater than the previous bound 10'],
      [volume(tiers([10, 1n], [20, 1n])), 'tiers[1].upTo: the last band must be unbounded (upTo null) so that every quantity has a price'],
      [volume(tiers([null, 1n], [null, 1n])), 'tiers[0].upTo: only the last band may be unbounded'],
      [volume(tiers([0, 1n], [null, 1n])), 'tiers[0].upTo: must be a positive whole number'],
      [volume(tiers([2.5, 1n], [null, 1n])), 'tiers[0].upTo: must be a positive whole number'],
      [volume(tiers([null, -1n])), 'tiers[0].unitPriceVnd: must be a whole number of đồng, at least 0'],
      [volume([{ upTo: null, unitPriceVnd: 1000 as unknown as bigint }]), 'tiers[0].unitPriceVnd: must be a whole number of đồng, at least 0'],
      [volume(tiers([null, 10n ** 18n])), 'tiers[0].unitPriceVnd: must be a whole number of đồng, at least 0'],
      [volume(tiers([null, 1n]), { unit: ' ' }), 'unit: must name the unit sold, e.g. "request" or "room"'],
      [volume(tiers([null, 1n]), { periods: [] }), 'periods: must list at least one period in months'],
      [volume(tiers([null, 1n]), { periods: [1, 0] }), 'periods[1]: must be a positive whole number of months'],
      [volume(tiers([null, 1n]), { periods: [1, 6, 1] }), 'periods[2]: period 1 is listed twice'],
      [rooms([{ upTo: null, pricesVnd: { 1: 1n } }]), 'brackets[0].pricesVnd.12: missing the price for the 12-month period'],
      [rooms([{ upTo: null, pricesVnd: { 1: 1n, 6: 1n, 12: 1n } }]), 'brackets[0].pricesVnd.6: has a price for period 6, which is not offered'],
      [rooms([{ upTo: null, pricesVnd: {} }], null), 'periods: must list at least one period in months'],
      [rooms([{ upTo: null }]), 'brackets[0].pricesVnd: must be an object of prices by period'],
      [{ kind: 'flat', amountVnd: -5n }, 'amountVnd: must be a whole number of đồng, at least 0'],
      [{ kind: 'tiered' } as unknown as PriceModel, 'kind: unknown kind "tiered"'],
      [null as unknown as PriceModel, 'must be an object'],
    ];
    for (const [model, message] of cases) {
      expect(refusal(() => validatePriceModel(model)), message).toBe(message);
    }
  });
});

describe('JSON form (jsonb, API)', () => {
  it('writes bigints as decimal strings', () => {
    expect(priceModelToJson(MEETING_SAAS_PRICES)).toEqual({
      kind: 'per_unit_period',
      unit: 'room',
      periods: [1, 6, 12],
      brackets: [
        { upTo: 4, pricesVnd: { 1: '500000', 6: '450000', 12: '400000' } },
        { upTo: 10, pricesVnd: { 1: '450000', 6: '400000', 12: '350000' } },
        { upTo: null, pricesVnd: { 1: '400000', 6: '350000', 12: '300000' } },
      ],
    });
    expect(priceModelToJson({ kind: 'flat', amountVnd: 1_500_000n })).toEqual({ kind: 'flat', amountVnd: '1500000' });
  });

  it('round-trips every kind through JSON text', () => {
    const models: PriceModel[] = [
      EKYC_SAAS_PRICES,
      MEETING_SAAS_PRICES,
      { kind: 'graduated', unit: 'request', tiers: EKYC_TIERS },
      { kind: 'flat', amountVnd: 999_999_999_999_999_999n, periods: [12, 1] },
      { kind: 'quote' },
    ];
    for (const m of models) {
      expect(priceModelFromJson(JSON.parse(JSON.stringify(priceModelToJson(m))))).toEqual(m);
    }
  });

  it('refuses malformed JSON with the path of the fault', () => {
    const ok = priceModelToJson(EKYC_SAAS_PRICES) as { tiers: object[] };
    const withTier0 = (tier: object) => ({ ...ok, tiers: [tier, ...ok.tiers.slice(1)] });
    const cases: [unknown, string][] = [
      [null, 'must be an object'],
      [[], 'must be an object'],
      ['volume', 'must be an object'],
      [{}, 'kind: must be one of volume, graduated, per_unit_period, flat, quote; got nothing'],
      [{ kind: 'tiered' }, 'kind: must be one of volume, graduated, per_unit_period, flat, quote; got "tiered"'],
      [{ ...ok, discount: '5' }, 'discount: unknown field'],
      [{ ...ok, tiers: undefined }, 'tiers: must be an array'],
      [withTier0({ upTo: 5000, unitPriceVnd: 1000 }), 'tiers[0].unitPriceVnd: must be a string of digits (whole đồng), e.g. "1000"'],
      ...['1.5', '-1', '01', '1e3', '', ' 1000', '1000000000000000000'].map(
        (price): [unknown, string] => [withTier0({ upTo: 5000, unitPriceVnd: price }), 'tiers[0].unitPriceVnd: must be a string of digits (whole đồng), e.g. "1000"'],
      ),
      [withTier0({ upTo: '5000', unitPriceVnd: '1000' }), 'tiers[0].upTo: must be a whole number, or null for no upper bound'],
      [withTier0({ unitPriceVnd: '1000' }), 'tiers[0].upTo: must be a whole number, or null for no upper bound'],
      [withTier0({ upTo: 5000, unitPriceVnd: '1000', note: 'x' }), 'tiers[0].note: unknown field'],
      [withTier0({ upTo: 20_000, unitPriceVnd: '1000' }), 'tiers[1].upTo: must be greater than the previous bound 20000'],
      [{ ...ok, periods: ['1'] }, 'periods[0]: must be a number of months'],
      [{ ...ok, periods: null }, 'periods: must be an array'],
      [{ kind: 'per_unit_period', unit: 'room', periods: [1], brackets: [{ upTo: null, pricesVnd: { one: '1' } }] }, 'brackets[0].pricesVnd.one: keys must be periods in months'],
      [{ kind: 'per_unit_period', unit: 'room', periods: [1], brackets: [{ upTo: null, pricesVnd: { '01': '1' } }] }, 'brackets[0].pricesVnd.01: keys must be periods in months'],
      [{ kind: 'per_unit_period', unit: 'room', periods: [1, 6], brackets: [{ upTo: null, pricesVnd: { 1: '1' } }] }, 'brackets[0].pricesVnd.6: missing the price for the 6-month period'],
      [{ kind: 'flat', amountVnd: 100 }, 'amountVnd: must be a string of digits (whole đồng), e.g. "1000"'],
      [{ kind: 'quote', amountVnd: '100' }, 'amountVnd: unknown field'],
    ];
    for (const [json, message] of cases) {
      expect(refusal(() => priceModelFromJson(json)), JSON.stringify(json)).toBe(message);
    }
  });
});

// ---- properties --------------------------------------------------------------------------------

const priceArb = fc.bigInt({ min: 0n, max: 10n ** 9n });
const periodsArb = fc.uniqueArray(fc.integer({ min: 1, max: 36 }), { minLength: 1, maxLength: 4 });
/** Ascending distinct bounds; the bands they make end with an unbounded one. */
const boundsArb = fc.uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 6 }).map((b) => [...b.sort((x, y) => x - y), null]);
const tiersArb = boundsArb.chain((bounds) =>
  fc.array(priceArb, { minLength: bounds.length, maxLength: bounds.length }).map((prices) => bounds.map((upTo, i) => ({ upTo, unitPriceVnd: prices[i] }))),
);
const volumeArb = fc.record({ kind: fc.constant('volume' as const), unit: fc.constant('request'), tiers: tiersArb, periods: fc.option(periodsArb, { nil: undefined }) });
const graduatedArb = fc.record({ kind: fc.constant('graduated' as const), unit: fc.constant('request'), tiers: tiersArb, periods: fc.option(periodsArb, { nil: undefined }) });
const perUnitPeriodArb = fc.tuple(periodsArb, boundsArb).chain(([periods, bounds]) =>
  fc
    .array(fc.array(priceArb, { minLength: periods.length, maxLength: periods.length }), { minLength: bounds.length, maxLength: bounds.length })
    .map((rows): PriceModel => ({
      kind: 'per_unit_period',
      unit: 'room',
      periods,
      brackets: bounds.map((upTo, i) => ({ upTo, pricesVnd: Object.fromEntries(periods.map((p, j) => [p, rows[i][j]])) })),
    })),
);
const flatArb = fc.record({ kind: fc.constant('flat' as const), amountVnd: priceArb, periods: fc.option(periodsArb, { nil: undefined }) });
const modelArb: fc.Arbitrary<PriceModel> = fc.oneof(volumeArb, graduatedArb, perUnitPeriodArb, flatArb);
const vatArb = fc.constantFrom<VatRate>('KCT', '0', '5', '8', '10');
/** A model with a request it can price. */
const requestArb = modelArb.chain((model) =>
  fc.record({
    model: fc.constant(model),
    vatRate: vatArb,
    quantity: model.kind === 'flat' ? fc.constant(1) : fc.integer({ min: 1, max: 2_000_000 }),
    periodMonths: fc.constantFrom(...offeredPeriods(model)),
  }),
);

describe('properties', () => {
  it('a quote is whole đồng, never negative, and adds up: lines → subtotal, subtotal + VAT → total', () => {
    fc.assert(
      fc.property(requestArb, ({ model, vatRate, quantity, periodMonths }) => {
        const q = priceQuote(model, vatRate, { quantity, periodMonths });
        const amounts = [q.unitPriceVnd, q.subtotalVnd, q.vatVnd, q.totalVnd, ...q.lines.flatMap((l) => [l.unitPriceVnd, l.amountVnd])];
        expect(amounts.every((a) => typeof a === 'bigint' && a >= 0n)).toBe(true);
        expect(q.totalVnd).toBe(q.subtotalVnd + q.vatVnd);
        expect(q.subtotalVnd).toBe(q.lines.reduce((s, l) => s + l.amountVnd, 0n));
        for (const l of q.lines) expect(l.amountVnd).toBe(BigInt(l.quantity) * l.unitPriceVnd * BigInt(l.months));
        expect(q.lines.reduce((s, l) => s + l.quantity, 0)).toBe(quantity);
        expect(q.subtotalVnd).toBe(monthlySubtotalVnd(model, { quantity, periodMonths }) * BigInt(periodMonths));
        expect(q.periodMonths).toBe(periodMonths);
      }),
    );
  });

  it('volume pricing is monotone within a tier', () => {
    const sameTier = volumeArb.chain((model) =>
      fc.nat({ max: model.tiers.length - 1 }).chain((i) => {
        const from = i === 0 ? 1 : (model.tiers[i - 1].upTo as number) + 1;
        const to = model.tiers[i].upTo ?? from + 1_000_000;
        return fc.tuple(fc.constant(model), fc.integer({ min: from, max: to }), fc.integer({ min: from, max: to }));
      }),
    );
    fc.assert(
      fc.property(sameTier, ([model, a, b]) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const price = (quantity: number) => priceQuote(model, 'KCT', { quantity, periodMonths: offeredPeriods(model)[0] });
        expect(price(lo).unitPriceVnd).toBe(price(hi).unitPriceVnd);
        expect(price(lo).subtotalVnd <= price(hi).subtotalVnd).toBe(true);
      }),
    );
  });

  it('graduated pricing is monotone everywhere', () => {
    fc.assert(
      fc.property(graduatedArb, fc.integer({ min: 1, max: 2_000_000 }), fc.integer({ min: 0, max: 100_000 }), (model, quantity, more) => {
        const price = (q: number) => priceQuote(model, 'KCT', { quantity: q, periodMonths: offeredPeriods(model)[0] }).subtotalVnd;
        expect(price(quantity) <= price(quantity + more)).toBe(true);
      }),
    );
  });

  it('every valid model survives a JSON round trip', () => {
    fc.assert(
      fc.property(fc.oneof(modelArb, fc.constant<PriceModel>({ kind: 'quote' })), (model) => {
        expect(priceModelFromJson(JSON.parse(JSON.stringify(priceModelToJson(model))))).toEqual(model);
      }),
    );
  });
});
