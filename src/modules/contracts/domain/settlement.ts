/**
 * What is owed when a prepaid contract changes before its term ends (SPEC C6, C7). Amounts are
 * `bigint` đồng before VAT (the invoice adds VAT at the product's rate); days and months come from
 * term.ts. Pure: no clock, no db, no env.
 *
 * Upgrade or added package (C6, contract appendix), prorated by day:
 * - The term lasts `totalDays` (start and end included); the remaining days run from the change
 *   date, included, to the end of the term.
 * - Credit: the unused part of what the customer paid for the current package,
 *   paid × remainingDays ÷ totalDays.
 * - Charge: the new package from the change date, newTermSubtotal × remainingDays ÷ totalDays,
 *   where newTermSubtotal is what the new package would cost for the whole term.
 * - Both are rounded half up to whole đồng; net = charge − credit (positive: the customer pays the
 *   difference; negative: the customer is owed a credit).
 * - The change date must fall within the term.
 *
 * Early termination (C7, "kết thúc hợp đồng trước hạn"):
 * - The discount of a long period is the price of commitment: a customer who leaves early pays the
 *   months used at the price of a commitment they actually kept.
 * - Every started month counts: used months = the months begun from the start to the termination
 *   date (its last day of service), at least 1 — terminating on the start day counts one month.
 * - The used months are re-priced at the price of the longest offered period not longer than the
 *   used months (12-month contract ended after 5 months → the 1-month price; after 7 months → the
 *   6-month price). If every offered period is longer, the shortest one's price applies.
 * - Refund = paid − value of the used months, never below 0: leaving early never costs more than
 *   what was paid.
 * - The termination date must fall within the term; an On-Premise (quote) contract is settled by
 *   its negotiated terms, not here.
 */
import { fail } from '../../../platform/errors.ts';
import { formatVnd } from '../../../platform/money.ts';
import { catalogError, monthlySubtotalVnd, offeredPeriods, vatOf, type PriceModel, type VatRate } from '../../catalog/index.ts';
import { assertLocalDate, daysBetweenInclusive, monthsStarted, termEnd, vnDate } from './term.ts';

export interface UpgradeInput {
  paidSubtotalVnd: bigint; // what the customer paid for the current package's whole term
  start: string; // the term's first day
  end: string; // the term's last day
  changeDate: string; // the first day of the new package
  newTermSubtotalVnd: bigint; // the new package priced for the whole term
}

export interface UpgradeSettlement {
  totalDays: number;
  usedDays: number; // start … the day before the change
  remainingDays: number; // the change date … end
  creditVnd: bigint;
  chargeVnd: bigint;
  netVnd: bigint; // charge − credit: positive, the customer pays; negative, the customer is credited
}

/** C6: credit the unused part of the current package, charge the new one from the change date. */
export function upgradeSettlement(input: UpgradeInput): UpgradeSettlement {
  const { paidSubtotalVnd, start, end, changeDate, newTermSubtotalVnd } = input;
  checkAmount(paidSubtotalVnd, 'paidSubtotalVnd');
  checkAmount(newTermSubtotalVnd, 'newTermSubtotalVnd');
  const totalDays = daysBetweenInclusive(start, end);
  assertLocalDate(changeDate, 'changeDate');
  if (changeDate < start || changeDate > end) {
    throw fail('VALIDATION_FAILED', { changeDate, start, end }, {
      vi: `ngày thay đổi ${changeDate} nằm ngoài thời hạn hợp đồng ${start} – ${end}`,
      en: `the change date ${changeDate} is outside the term ${start} – ${end}`,
    });
  }
  const remainingDays = daysBetweenInclusive(changeDate, end);
  const creditVnd = prorate(paidSubtotalVnd, remainingDays, totalDays);
  const chargeVnd = prorate(newTermSubtotalVnd, remainingDays, totalDays);
  return { totalDays, usedDays: totalDays - remainingDays, remainingDays, creditVnd, chargeVnd, netVnd: chargeVnd - creditVnd };
}

/** What the customer pays for an appendix: the net before VAT plus VAT at the contract's rate; nothing for a credit. */
export const appendixPayable = (netVnd: bigint, vatRate: VatRate): bigint => (netVnd > 0n ? netVnd + vatOf(netVnd, vatRate) : 0n);

export interface EarlyTerminationInput {
  model: PriceModel; // the price model the contract was signed on
  quantity: number;
  periodMonths: number; // the prepaid period signed
  paidSubtotalVnd: bigint;
  start: string;
  terminationDate: string; // the last day of service
}

export interface EarlyTerminationSettlement {
  usedMonths: number;
  repricedPeriodMonths: number;
  usedValueVnd: bigint;
  refundVnd: bigint;
  explanation: string; // one Vietnamese sentence for the customer and the accountant
}

/** C7: re-price the months used at the price of the commitment kept; refund the rest of what was paid. */
export function earlyTerminationSettlement(input: EarlyTerminationInput): EarlyTerminationSettlement {
  const { model, quantity, periodMonths, paidSubtotalVnd, start, terminationDate } = input;
  if (model.kind === 'quote') {
    throw catalogError('QUOTE_REQUIRED', {});
  }
  checkAmount(paidSubtotalVnd, 'paidSubtotalVnd');
  const offered = offeredPeriods(model);
  if (!offered.includes(periodMonths)) {
    throw catalogError('PERIOD_NOT_OFFERED', { periodMonths: String(periodMonths), offered });
  }
  const end = termEnd(start, periodMonths);
  assertLocalDate(terminationDate, 'terminationDate');
  if (terminationDate < start || terminationDate > end) {
    throw fail('VALIDATION_FAILED', { terminationDate, start, end }, {
      vi: `ngày kết thúc ${terminationDate} nằm ngoài thời hạn hợp đồng ${start} – ${end}`,
      en: `the termination date ${terminationDate} is outside the term ${start} – ${end}`,
    });
  }

  // Within the term, the months started never exceed the period signed.
  const usedMonths = monthsStarted(start, terminationDate);
  const repricedPeriodMonths = offered.filter((p) => p <= usedMonths).pop() ?? offered[0];
  const usedValueVnd = monthlySubtotalVnd(model, { quantity, periodMonths: repricedPeriodMonths }) * BigInt(usedMonths);
  const refundVnd = paidSubtotalVnd > usedValueVnd ? paidSubtotalVnd - usedValueVnd : 0n;

  const explanation =
    `Hợp đồng kỳ ${periodMonths} tháng từ ngày ${vnDate(start)} chấm dứt trước hạn vào ngày ${vnDate(terminationDate)}: ` +
    `${usedMonths} tháng đã sử dụng được tính lại theo đơn giá kỳ ${repricedPeriodMonths} tháng thành ${formatVnd(usedValueVnd)}, ` +
    `khách hàng đã thanh toán ${formatVnd(paidSubtotalVnd)} nên ` +
    (refundVnd > 0n ? `được hoàn lại ${formatVnd(refundVnd)}.` : 'không được hoàn tiền.');
  return { usedMonths, repricedPeriodMonths, usedValueVnd, refundVnd, explanation };
}

export interface SettledContract {
  billing: 'prepaid' | 'postpaid';
  model: PriceModel;
  quantity: number;
  periodMonths: number;
  subtotalVnd: bigint;
  startDate: string | null;
  endDate: string | null;
}

/**
 * C7 on a contract: the date must fall within its term; a postpaid or On-Premise contract has nothing
 * prepaid to settle (usage up to the end goes on the last bill), a prepaid one is re-priced.
 */
export function terminationSettlement(c: SettledContract, date: string): EarlyTerminationSettlement & { date: string } {
  // A postpaid contract runs until terminated: it has a start but no end.
  if (!c.startDate || (!c.endDate && c.billing !== 'postpaid')) throw fail('CONFLICT', undefined, { vi: 'hợp đồng chưa bắt đầu', en: 'the contract has not started' });
  if (date < c.startDate || (c.endDate && date > c.endDate)) {
    const term = `${c.startDate} … ${c.endDate ?? ''}`;
    throw fail('VALIDATION_FAILED', { date }, { vi: `ngày phải nằm trong thời hạn ${term}`, en: `the date must be within the term ${term}` });
  }
  if (c.billing === 'postpaid' || c.model.kind === 'quote') {
    const explanation = 'Trả sau: cước sử dụng đến ngày kết thúc được tính vào hoá đơn kỳ cuối; không có khoản hoàn trả.';
    return { date, usedMonths: 0, repricedPeriodMonths: 0, usedValueVnd: 0n, refundVnd: 0n, explanation };
  }
  const { model, quantity, periodMonths, subtotalVnd, startDate } = c;
  return { date, ...earlyTerminationSettlement({ model, quantity, periodMonths, paidSubtotalVnd: subtotalVnd, start: startDate, terminationDate: date }) };
}

/** amount × part ÷ whole, rounded half up to whole đồng, in integers only. */
function prorate(amount: bigint, part: number, whole: number): bigint {
  const numerator = amount * BigInt(part);
  const denominator = BigInt(whole);
  return (numerator * 2n + denominator) / (2n * denominator);
}

function checkAmount(amount: unknown, field: string): void {
  if (typeof amount !== 'bigint' || amount < 0n) {
    throw fail('VALIDATION_FAILED', { field }, { vi: `${field} phải là số đồng nguyên, không âm`, en: `${field} must be a whole number of đồng, at least 0` });
  }
}
