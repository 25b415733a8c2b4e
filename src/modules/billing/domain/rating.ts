/**
 * A postpaid contract's bill for one month (SPEC C3, A2, A5). Pure. Usage is rated by the catalog's
 * own quote (`priceQuote`, what POST /api/v1/quotes gives for that quantity): there is no second
 * pricing engine here. Fixed monthly fees are prorated by the days the contract ran in the month.
 */
import { monthlySubtotalVnd, offeredPeriods, priceQuote, vatOf, type PriceModel, type VatRate } from '../../catalog/index.ts';

export interface RatedContract {
  model: PriceModel;
  vatRate: VatRate;
  /** Units of a fixed fee (rooms); usage-priced models ignore it. */
  quantity: number;
  /** Local dates the contract ran: from its start to its termination (null: still running). */
  startDate: string;
  endDate: string | null;
}

export interface BillLine {
  kind: 'usage' | 'fixed';
  description: string;
  metric: string | null;
  quantity: number;
  unit: string;
  unitPriceVnd: bigint;
  amountVnd: bigint;
  vatRate: VatRate;
  vatVnd: bigint;
}

export interface RatedBill {
  lines: BillLine[];
  subtotalVnd: bigint;
  vatVnd: bigint;
  totalVnd: bigint;
}

export interface Month {
  first: string;
  last: string;
  days: number;
}

/** The days of `month` the contract ran (0 when it did not run at all). */
export function activeDays(c: Pick<RatedContract, 'startDate' | 'endDate'>, month: Month): number {
  const from = c.startDate > month.first ? c.startDate : month.first;
  const to = c.endDate && c.endDate < month.last ? c.endDate : month.last;
  if (from > to) return 0;
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
}

/** `amount` × days / daysInMonth, rounded half up to whole đồng. */
export function prorate(amountVnd: bigint, days: number, daysInMonth: number): bigint {
  if (!Number.isInteger(days) || days < 0 || days > daysInMonth) throw new RangeError(`days ${days} outside 0..${daysInMonth}`);
  return (amountVnd * BigInt(days) * 2n + BigInt(daysInMonth)) / (2n * BigInt(daysInMonth));
}

/**
 * The month's bill, or null when the contract did not run in it. `usage` holds the month's quantity
 * per metric of the contract's product (see usage's METRICS).
 */
export function rateMonth(c: RatedContract, month: Month, usage: ReadonlyMap<string, bigint>): RatedBill | null {
  const days = activeDays(c, month);
  if (days === 0) return null;
  const lines: Omit<BillLine, 'vatVnd'>[] = [];
  switch (c.model.kind) {
    case 'volume':
    case 'graduated':
      for (const [metric, quantity] of usage) {
        if (quantity <= 0n) continue;
        const quote = priceQuote(c.model, c.vatRate, { quantity: Number(quantity), periodMonths: 1 });
        for (const l of quote.lines) {
          const { description, unitPriceVnd, amountVnd } = l;
          lines.push({ kind: 'usage', description, metric, quantity: l.quantity, unit: c.model.unit, unitPriceVnd, amountVnd, vatRate: c.vatRate });
        }
      }
      break;
    case 'flat':
    case 'per_unit_period': {
      const quantity = c.model.kind === 'flat' ? 1 : c.quantity;
      const monthly = monthlySubtotalVnd(c.model, { quantity, periodMonths: offeredPeriods(c.model)[0] });
      const amountVnd = prorate(monthly, days, month.days);
      const part = days < month.days ? ` (${days}/${month.days} ngày)` : '';
      const unit = c.model.kind === 'flat' ? 'tháng' : c.model.unit;
      const unitPriceVnd = quantity > 0 && amountVnd % BigInt(quantity) === 0n ? amountVnd / BigInt(quantity) : 0n;
      const description = `Phí cố định hằng tháng${part}`;
      lines.push({ kind: 'fixed', description, metric: null, quantity, unit, unitPriceVnd, amountVnd, vatRate: c.vatRate });
      break;
    }
    case 'quote':
      break; // On-Premise is sold prepaid by its quote; nothing recurs monthly
  }
  return withVat(lines);
}

/**
 * VAT is computed per rate on the rate's subtotal (as the e-invoice does), then spread over the
 * lines so that the lines sum to the bill: each line gets its own VAT and the last line of a rate
 * takes the rounding remainder.
 */
export function withVat(lines: Omit<BillLine, 'vatVnd'>[]): RatedBill {
  const out: BillLine[] = lines.map((l) => ({ ...l, vatVnd: vatOf(l.amountVnd, l.vatRate) }));
  let vatVnd = 0n;
  for (const rate of new Set(out.map((l) => l.vatRate))) {
    const ofRate = out.filter((l) => l.vatRate === rate);
    const due = vatOf(ofRate.reduce((s, l) => s + l.amountVnd, 0n), rate);
    const spread = ofRate.reduce((s, l) => s + l.vatVnd, 0n);
    ofRate[ofRate.length - 1].vatVnd += due - spread;
    vatVnd += due;
  }
  const subtotalVnd = out.reduce((s, l) => s + l.amountVnd, 0n);
  return { lines: out, subtotalVnd, vatVnd, totalVnd: subtotalVnd + vatVnd };
}
