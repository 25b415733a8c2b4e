/**
 * Price models of the catalog and the quotes they produce (SPEC A1–A3, A5).
 * Pure: no clock, no db, no env. Money is `bigint` đồng from end to end — no float ever touches an
 * amount — and travels as decimal strings in JSON (jsonb columns, the API).
 */
import { fail, type Bilingual } from '../../../platform/errors.ts';
import type { PriceModelJson } from '../contract.ts';
import { catalogError } from '../errors.ts';
import { formatVnd, percentOf } from '../../../platform/money.ts';

/** A quantity band: `upTo` is inclusive; the last band has `upTo: null` (no upper bound). */
export interface Tier {
  upTo: number | null;
  unitPriceVnd: bigint;
}

export type PriceModel =
  /** The quantity (the month's total) picks ONE tier whose price applies to every unit (eKYC, SPEC A2). */
  | { kind: 'volume'; unit: string; tiers: Tier[]; periods?: number[] }
  /** Each tier prices only the units that fall inside it. */
  | { kind: 'graduated'; unit: string; tiers: Tier[]; periods?: number[] }
  /** Prepaid price per unit per month, by quantity bracket and billing period in months (Meeting, SPEC A3). */
  | {
      kind: 'per_unit_period';
      unit: string;
      periods: number[];
      brackets: { upTo: number | null; pricesVnd: Record<number, bigint> }[];
    }
  /** A fixed fee per month; the quantity must be 1. */
  | { kind: 'flat'; amountVnd: bigint; periods?: number[] }
  /** On-Premise: negotiated, priced by an approved quote, never by a table. */
  | { kind: 'quote' };

/** VAT treatment (SPEC A5): 'KCT' = "không chịu thuế", not subject to VAT (Meeting is software); else a rate in %. */
export type VatRate = 'KCT' | '0' | '5' | '8' | '10';

export interface QuoteLine {
  /** Vietnamese: what documents print. */
  description: string;
  /** The same in English, for the UI in English. */
  descriptionEn: string;
  quantity: number;
  months: number;
  unitPriceVnd: bigint; // per unit per month
  amountVnd: bigint; // quantity × unitPriceVnd × months
}

export interface Quote {
  /**
   * The per-unit-per-month price that applied. volume: the tier reached; per_unit_period: the
   * bracket × period price; flat: the amount; graduated: the price of the highest tier reached (the
   * marginal price — an average would not be a whole number of đồng; `lines` carry the detail).
   */
  unitPriceVnd: bigint;
  subtotalVnd: bigint; // the whole prepaid period, before VAT
  vatRate: VatRate;
  vatVnd: bigint;
  totalVnd: bigint;
  periodMonths: number;
  lines: QuoteLine[];
}

// ---- the seed price lists ----------------------------------------------------------------------

/** eKYC Cloud SaaS (seed 002 §4a): per request, the month's total volume picks the price of every request. */
export const EKYC_SAAS_PRICES: PriceModel = deepFreeze({
  kind: 'volume',
  unit: 'request',
  periods: [1],
  tiers: [
    { upTo: 5_000, unitPriceVnd: 1_000n },
    { upTo: 10_000, unitPriceVnd: 950n },
    { upTo: 20_000, unitPriceVnd: 900n },
    { upTo: 30_000, unitPriceVnd: 850n },
    { upTo: 50_000, unitPriceVnd: 800n },
    { upTo: null, unitPriceVnd: 750n },
  ],
});

/** MobiFone Meeting Cloud SaaS (seed 004 "phương án giá dịch vụ"): per room per month, prepaid for 1, 6 or 12 months. */
export const MEETING_SAAS_PRICES: PriceModel = deepFreeze({
  kind: 'per_unit_period',
  unit: 'room',
  periods: [1, 6, 12],
  brackets: [
    { upTo: 4, pricesVnd: { 1: 500_000n, 6: 450_000n, 12: 400_000n } },
    { upTo: 10, pricesVnd: { 1: 450_000n, 6: 400_000n, 12: 350_000n } },
    { upTo: null, pricesVnd: { 1: 400_000n, 6: 350_000n, 12: 300_000n } },
  ],
});

// ---- periods and validation --------------------------------------------------------------------

/** Billing periods in months, ascending. Tables without `periods` bill monthly; a quote has none (the deal fixes the term). */
export function offeredPeriods(model: PriceModel): number[] {
  if (model.kind === 'quote') return [];
  const periods = model.kind === 'per_unit_period' ? model.periods : (model.periods ?? [1]);
  return [...periods].sort((a, b) => a - b);
}

/** The largest price a table may hold: 18 digits, what the JSON form (and a Postgres bigint) can carry. */
const MAX_PRICE_VND = 999_999_999_999_999_999n;

/** Throws INVALID_PRICE_MODEL, naming the offending field, unless `model` can price every positive quantity. */
export function validatePriceModel(model: PriceModel): void {
  if (!isRecord(model)) invalid('', { vi: 'phải là một đối tượng', en: 'must be an object' });
  switch (model.kind) {
    case 'volume':
    case 'graduated':
      checkUnit(model.unit);
      checkBands('tiers', model.tiers, (tier, path) => checkPrice(tier.unitPriceVnd, `${path}.unitPriceVnd`));
      if (model.periods !== undefined) checkPeriods(model.periods);
      return;
    case 'per_unit_period': {
      checkUnit(model.unit);
      const periods = checkPeriods(model.periods);
      checkBands('brackets', model.brackets, (bracket, path) => {
        if (!isRecord(bracket.pricesVnd)) invalid(`${path}.pricesVnd`, { vi: 'phải là một đối tượng giá theo kỳ', en: 'must be an object of prices by period' });
        for (const key of Object.keys(bracket.pricesVnd)) {
          if (!periods.some((p) => String(p) === key)) invalid(`${path}.pricesVnd.${key}`, { vi: `có giá cho kỳ ${key} tháng, kỳ này không được cung cấp`, en: `has a price for period ${key}, which is not offered` });
        }
        for (const p of periods) {
          if (!Object.hasOwn(bracket.pricesVnd, p)) invalid(`${path}.pricesVnd.${p}`, { vi: `thiếu giá cho kỳ ${p} tháng`, en: `missing the price for the ${p}-month period` });
          checkPrice(bracket.pricesVnd[p], `${path}.pricesVnd.${p}`);
        }
      });
      return;
    }
    case 'flat':
      checkPrice(model.amountVnd, 'amountVnd');
      if (model.periods !== undefined) checkPeriods(model.periods);
      return;
    case 'quote':
      return;
    default: {
      const kind = JSON.stringify((model as { kind?: unknown }).kind) ?? 'undefined';
      invalid('kind', { vi: `loại bảng giá không xác định ${kind}`, en: `unknown kind ${kind}` });
    }
  }
}

function invalid(path: string, problem: Bilingual): never {
  throw catalogError('INVALID_PRICE_MODEL', { path, problem });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkUnit(unit: unknown): void {
  if (typeof unit !== 'string' || unit.trim() === '') invalid('unit', { vi: 'phải ghi đơn vị bán, ví dụ "request" hoặc "room"', en: 'must name the unit sold, e.g. "request" or "room"' });
}

function checkPrice(price: unknown, path: string): void {
  if (typeof price !== 'bigint' || price < 0n || price > MAX_PRICE_VND) invalid(path, { vi: 'phải là số đồng nguyên, không âm', en: 'must be a whole number of đồng, at least 0' });
}

/** Periods: a non-empty list of distinct positive whole months. Returns them for the caller's checks. */
function checkPeriods(periods: unknown): number[] {
  if (!Array.isArray(periods) || periods.length === 0) invalid('periods', { vi: 'phải có ít nhất một kỳ (số tháng)', en: 'must list at least one period in months' });
  periods.forEach((p, i) => {
    if (!Number.isSafeInteger(p) || p < 1) invalid(`periods[${i}]`, { vi: 'phải là số tháng nguyên dương', en: 'must be a positive whole number of months' });
    if (periods.indexOf(p) !== i) invalid(`periods[${i}]`, { vi: `kỳ ${p} tháng bị lặp lại`, en: `period ${p} is listed twice` });
  });
  return periods;
}

/**
 * Bands (tiers, brackets) must cover 1..∞ without gaps or overlaps: bounds strictly ascending positive
 * integers, and only the last one unbounded, so that every positive quantity falls in exactly one band.
 */
function checkBands<B extends { upTo: number | null }>(name: string, bands: B[], checkBand: (band: B, path: string) => void): void {
  if (!Array.isArray(bands) || bands.length === 0) invalid(name, { vi: 'phải có ít nhất một bậc', en: 'must have at least one band' });
  let previous = 0;
  bands.forEach((band, i) => {
    const path = `${name}[${i}]`;
    if (!isRecord(band)) invalid(path, { vi: 'phải là một đối tượng', en: 'must be an object' });
    const last = i === bands.length - 1;
    if (last && band.upTo !== null) invalid(`${path}.upTo`, { vi: 'bậc cuối phải không giới hạn (upTo null) để mọi số lượng đều có giá', en: 'the last band must be unbounded (upTo null) so that every quantity has a price' });
    if (!last) {
      if (band.upTo === null) invalid(`${path}.upTo`, { vi: 'chỉ bậc cuối được không giới hạn', en: 'only the last band may be unbounded' });
      if (!Number.isSafeInteger(band.upTo) || band.upTo < 1) invalid(`${path}.upTo`, { vi: 'phải là số nguyên dương', en: 'must be a positive whole number' });
      if (band.upTo <= previous) invalid(`${path}.upTo`, { vi: `phải lớn hơn cận trên của bậc trước (${previous})`, en: `must be greater than the previous bound ${previous}` });
      previous = band.upTo;
    }
    checkBand(band, path);
  });
}

// ---- quoting -----------------------------------------------------------------------------------

/**
 * Prices `quantity` units for a prepaid period: subtotal = (the price of `quantity` for one month) ×
 * months, VAT on top. The period defaults to 1 month where the model offers it, except for
 * per_unit_period tables whose price depends on the period the buyer must choose.
 */
export function priceQuote(model: PriceModel, vatRate: VatRate, req: { quantity: number; periodMonths?: number }): Quote {
  const months = chosenPeriod(model, req.periodMonths);
  const { unitPriceVnd, bands } = monthlyBands(model, checkQuantity(model, req.quantity), months);
  const lines = bands.map(
    (b): QuoteLine => ({ ...b, months, amountVnd: BigInt(b.quantity) * b.unitPriceVnd * BigInt(months) }),
  );
  const subtotalVnd = lines.reduce((sum, l) => sum + l.amountVnd, 0n);
  const vatVnd = vatOf(subtotalVnd, vatRate);
  return { unitPriceVnd, subtotalVnd, vatRate, vatVnd, totalVnd: subtotalVnd + vatVnd, periodMonths: months, lines };
}

/**
 * The price of `quantity` units for ONE month at the `periodMonths` price (before VAT). Early
 * termination re-prices the used months with it.
 */
export function monthlySubtotalVnd(model: PriceModel, req: { quantity: number; periodMonths: number }): bigint {
  const months = chosenPeriod(model, req.periodMonths);
  const { bands } = monthlyBands(model, checkQuantity(model, req.quantity), months);
  return bands.reduce((sum, b) => sum + BigInt(b.quantity) * b.unitPriceVnd, 0n);
}

const VAT_BASIS_POINTS: Record<VatRate, number> = { KCT: 0, '0': 0, '5': 500, '8': 800, '10': 1_000 };

/**
 * VAT on `subtotal`, rounded half up to whole đồng. KCT (not subject to VAT) and 0 % both add nothing;
 * they differ only on the invoice, which is why they stay distinct rates.
 */
export function vatOf(subtotal: bigint, rate: VatRate): bigint {
  if (!Object.hasOwn(VAT_BASIS_POINTS, rate)) {
    throw fail('VALIDATION_FAILED', { vatRate: String(rate) }, { vi: `thuế suất GTGT không xác định ${String(rate)}`, en: `unknown VAT rate ${String(rate)}` });
  }
  return percentOf(subtotal, VAT_BASIS_POINTS[rate]);
}

/** A band's share of one month: how many units, at which price. */
interface MonthlyBand {
  description: string;
  descriptionEn: string;
  quantity: number;
  unitPriceVnd: bigint;
}

function monthlyBands(model: PriceModel, quantity: number, months: number): { unitPriceVnd: bigint; bands: MonthlyBand[] } {
  switch (model.kind) {
    case 'volume': {
      const { band, from } = bandOf(model.tiers, quantity);
      const description = `Bậc ${rangeLabel(from, band.upTo, model.unit)}/tháng: đơn giá áp dụng cho toàn bộ sản lượng`;
      const descriptionEn = `Tier ${rangeLabelEn(from, band.upTo, model.unit)}/month: one unit price for the whole volume`;
      return { unitPriceVnd: band.unitPriceVnd, bands: [{ description, descriptionEn, quantity, unitPriceVnd: band.unitPriceVnd }] };
    }
    case 'graduated': {
      const bands: MonthlyBand[] = [];
      let from = 1;
      for (const tier of model.tiers) {
        const to = tier.upTo === null ? quantity : Math.min(quantity, tier.upTo);
        const description = `Bậc ${rangeLabel(from, tier.upTo, model.unit)}/tháng (lũy tiến)`;
        const descriptionEn = `Tier ${rangeLabelEn(from, tier.upTo, model.unit)}/month (graduated)`;
        bands.push({ description, descriptionEn, quantity: to - from + 1, unitPriceVnd: tier.unitPriceVnd });
        if (tier.upTo === null || quantity <= tier.upTo) break;
        from = tier.upTo + 1;
      }
      return { unitPriceVnd: bands[bands.length - 1].unitPriceVnd, bands };
    }
    case 'per_unit_period': {
      const { band, from } = bandOf(model.brackets, quantity);
      const unitPriceVnd = band.pricesVnd[months];
      const description = `Bậc ${rangeLabel(from, band.upTo, model.unit)}, kỳ thanh toán ${months} tháng`;
      const descriptionEn = `Tier ${rangeLabelEn(from, band.upTo, model.unit)}, ${months}-month billing period`;
      return { unitPriceVnd, bands: [{ description, descriptionEn, quantity, unitPriceVnd }] };
    }
    case 'flat':
      return { unitPriceVnd: model.amountVnd, bands: [{ description: 'Phí cố định hằng tháng', descriptionEn: 'Fixed monthly fee', quantity, unitPriceVnd: model.amountVnd }] };
    case 'quote':
      throw quoteRequired();
  }
}

/** The band holding `quantity` and the first quantity it covers (validated bands always have one). */
function bandOf<B extends { upTo: number | null }>(bands: B[], quantity: number): { band: B; from: number } {
  const i = bands.findIndex((b) => b.upTo === null || quantity <= b.upTo);
  return { band: bands[i], from: i === 0 ? 1 : (bands[i - 1].upTo as number) + 1 };
}

function checkQuantity(model: PriceModel, quantity: number): number {
  if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity) || quantity < 1) {
    throw catalogError('INVALID_QUANTITY', { quantity: String(quantity) });
  }
  if (model.kind === 'flat' && quantity !== 1) {
    throw catalogError('INVALID_QUANTITY', { quantity: String(quantity), flat: true });
  }
  return quantity;
}

/** Validates the model (a quote has no table) and settles the period. */
function chosenPeriod(model: PriceModel, requested: number | undefined | null): number {
  if (model.kind === 'quote') throw quoteRequired();
  validatePriceModel(model);
  const offered = offeredPeriods(model);
  if (requested === undefined || requested === null) {
    // Meeting's price depends on the period, so guessing one would quote a price nobody chose.
    if (model.kind === 'per_unit_period' || !offered.includes(1)) {
      throw catalogError('PERIOD_REQUIRED', { offered });
    }
    return 1;
  }
  if (!offered.includes(requested)) {
    throw catalogError('PERIOD_NOT_OFFERED', { periodMonths: String(requested), offered });
  }
  return requested;
}

const quoteRequired = () => catalogError('QUOTE_REQUIRED', {});

const UNIT_LABELS_VI: Record<string, string> = { request: 'request', room: 'phòng họp' };

/** "1–5.000 request", "trên 50.000 request" (the seed's wording for the open-ended band). */
function rangeLabel(from: number, upTo: number | null, unit: string): string {
  const label = Object.hasOwn(UNIT_LABELS_VI, unit) ? UNIT_LABELS_VI[unit] : unit;
  return upTo === null ? `trên ${groupDigits(from - 1)} ${label}` : `${groupDigits(from)}–${groupDigits(upTo)} ${label}`;
}

const UNIT_LABELS_EN: Record<string, string> = { request: 'requests', room: 'meeting rooms' };

/** "1–5,000 requests", "over 50,000 requests". */
function rangeLabelEn(from: number, upTo: number | null, unit: string): string {
  const label = Object.hasOwn(UNIT_LABELS_EN, unit) ? UNIT_LABELS_EN[unit] : unit;
  const n = (x: number) => String(x).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return upTo === null ? `over ${n(from - 1)} ${label}` : `${n(from)}–${n(upTo)} ${label}`;
}

/** Vietnamese digit grouping (formatVnd without the đồng sign). */
const groupDigits = (n: number) => formatVnd(BigInt(n)).replace(' ₫', '');

// ---- JSON (jsonb columns, the API) -------------------------------------------------------------

/** The model with every bigint as a decimal string; validates first so that nothing unreadable is stored. */
export function priceModelToJson(m: PriceModel): PriceModelJson {
  validatePriceModel(m);
  const periods = (p: number[] | undefined) => (p === undefined ? {} : { periods: [...p] });
  switch (m.kind) {
    case 'volume':
    case 'graduated':
      return { kind: m.kind, unit: m.unit, tiers: m.tiers.map((t) => ({ upTo: t.upTo, unitPriceVnd: t.unitPriceVnd.toString() })), ...periods(m.periods) };
    case 'per_unit_period':
      return {
        kind: m.kind,
        unit: m.unit,
        periods: [...m.periods],
        brackets: m.brackets.map((b) => ({
          upTo: b.upTo,
          pricesVnd: Object.fromEntries(m.periods.map((p) => [String(p), b.pricesVnd[p].toString()])),
        })),
      };
    case 'flat':
      return { kind: m.kind, amountVnd: m.amountVnd.toString(), ...periods(m.periods) };
    case 'quote':
      return { kind: m.kind };
  }
}

/**
 * Reads a model back from JSON, strictly: unknown keys, numbers where a money string belongs, or
 * anything `validatePriceModel` refuses throw INVALID_PRICE_MODEL with the path of the fault.
 */
export function priceModelFromJson(j: unknown): PriceModel {
  const o = jsonObject(j, '');
  // Shapes and money strings are checked here; bounds, units and periods by validatePriceModel below.
  let model: PriceModel;
  switch (o.kind) {
    case 'volume':
    case 'graduated':
      onlyKeys(o, '', ['kind', 'unit', 'tiers', 'periods']);
      model = {
        kind: o.kind,
        unit: o.unit as string,
        tiers: jsonArray(o.tiers, 'tiers').map((t, i) => {
          const tier = jsonObject(t, `tiers[${i}]`, ['upTo', 'unitPriceVnd']);
          return { upTo: jsonBound(tier.upTo, `tiers[${i}].upTo`), unitPriceVnd: jsonMoney(tier.unitPriceVnd, `tiers[${i}].unitPriceVnd`) };
        }),
        ...(o.periods === undefined ? {} : { periods: jsonPeriods(o.periods) }),
      };
      break;
    case 'per_unit_period':
      onlyKeys(o, '', ['kind', 'unit', 'periods', 'brackets']);
      model = {
        kind: o.kind,
        unit: o.unit as string,
        periods: jsonPeriods(o.periods),
        brackets: jsonArray(o.brackets, 'brackets').map((b, i) => {
          const bracket = jsonObject(b, `brackets[${i}]`, ['upTo', 'pricesVnd']);
          const prices = jsonObject(bracket.pricesVnd, `brackets[${i}].pricesVnd`);
          const pricesVnd: Record<number, bigint> = {};
          for (const [key, value] of Object.entries(prices)) {
            if (!/^[1-9]\d*$/.test(key)) invalid(`brackets[${i}].pricesVnd.${key}`, { vi: 'khoá phải là số tháng của kỳ', en: 'keys must be periods in months' });
            pricesVnd[Number(key)] = jsonMoney(value, `brackets[${i}].pricesVnd.${key}`);
          }
          return { upTo: jsonBound(bracket.upTo, `brackets[${i}].upTo`), pricesVnd };
        }),
      };
      break;
    case 'flat':
      onlyKeys(o, '', ['kind', 'amountVnd', 'periods']);
      model = { kind: o.kind, amountVnd: jsonMoney(o.amountVnd, 'amountVnd'), ...(o.periods === undefined ? {} : { periods: jsonPeriods(o.periods) }) };
      break;
    case 'quote':
      onlyKeys(o, '', ['kind']);
      model = { kind: 'quote' };
      break;
    default:
      invalid('kind', { vi: `phải là một trong volume, graduated, per_unit_period, flat, quote; nhận được ${JSON.stringify(o.kind) ?? 'không có gì'}`, en: `must be one of volume, graduated, per_unit_period, flat, quote; got ${JSON.stringify(o.kind) ?? 'nothing'}` });
  }
  validatePriceModel(model);
  return model;
}

/** A plain object; with `keys`, no other key is allowed. */
function jsonObject(v: unknown, path: string, keys?: string[]): Record<string, unknown> {
  if (!isRecord(v)) invalid(path, { vi: 'phải là một đối tượng', en: 'must be an object' });
  if (keys) onlyKeys(v, path, keys);
  return v;
}

function onlyKeys(o: Record<string, unknown>, path: string, keys: string[]): void {
  const extra = Object.keys(o).find((k) => !keys.includes(k));
  if (extra !== undefined) invalid(path ? `${path}.${extra}` : extra, { vi: 'trường không được phép', en: 'unknown field' });
}

function jsonArray(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) invalid(path, { vi: 'phải là một mảng', en: 'must be an array' });
  return v;
}

function jsonBound(v: unknown, path: string): number | null {
  if (v === null) return null;
  if (typeof v !== 'number') invalid(path, { vi: 'phải là số nguyên, hoặc null nếu không giới hạn', en: 'must be a whole number, or null for no upper bound' });
  return v;
}

function jsonPeriods(v: unknown): number[] {
  return jsonArray(v, 'periods').map((p, i) => {
    if (typeof p !== 'number') invalid(`periods[${i}]`, { vi: 'phải là số tháng', en: 'must be a number of months' });
    return p;
  });
}

/** Money in JSON is a decimal string of whole đồng ("1000"), never a number: JSON numbers are floats. */
function jsonMoney(v: unknown, path: string): bigint {
  if (typeof v !== 'string' || !/^(0|[1-9]\d{0,17})$/.test(v)) invalid(path, { vi: 'phải là chuỗi chữ số (đồng nguyên), ví dụ "1000"', en: 'must be a string of digits (whole đồng), e.g. "1000"' });
  return BigInt(v);
}

/** The seed tables are shared constants: freezing them stops a caller from repricing everyone by accident. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
