import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../platform/calendar.ts';
import { EKYC_SAAS_PRICES, MEETING_SAAS_PRICES, priceQuote, type PriceModel } from '../../catalog/index.ts';
import { appendixPayable, earlyTerminationSettlement, terminationSettlement, upgradeSettlement } from './settlement.ts';
import { daysBetweenInclusive, termEnd } from './term.ts';
import { codeOf } from '../../../platform/codes.test-util.ts';

const meetingSubtotal = (rooms: number, months: number) => priceQuote(MEETING_SAAS_PRICES, 'KCT', { quantity: rooms, periodMonths: months }).subtotalVnd;

describe('upgrade settlement (C6)', () => {
  // 4 rooms for 12 months: 4 × 400,000 × 12; 8 rooms fall in the 5–10 bracket: 8 × 350,000 × 12.
  const paid = meetingSubtotal(4, 12);
  const newTerm = meetingSubtotal(8, 12);

  it('prices the seed figures', () => {
    expect([paid, newTerm]).toEqual([19_200_000n, 33_600_000n]);
  });

  it('credits half the old package and charges half the new one halfway through a 366-day term', () => {
    const start = '2028-01-01';
    const end = termEnd(start, 12);
    expect(end).toBe('2028-12-31');
    expect(upgradeSettlement({ paidSubtotalVnd: paid, start, end, changeDate: '2028-07-02', newTermSubtotalVnd: newTerm })).toEqual({
      totalDays: 366,
      usedDays: 183,
      remainingDays: 183,
      creditVnd: 9_600_000n,
      chargeVnd: 16_800_000n,
      netVnd: 7_200_000n,
    });
  });

  it('rounds each side half up to whole đồng when the days do not divide evenly', () => {
    const s = upgradeSettlement({ paidSubtotalVnd: paid, start: '2026-01-01', end: '2026-12-31', changeDate: '2026-07-01', newTermSubtotalVnd: newTerm });
    // 19,200,000 × 184 / 365 = 9,678,904.1…; 33,600,000 × 184 / 365 = 16,938,082.1…
    expect(s).toEqual({ totalDays: 365, usedDays: 181, remainingDays: 184, creditVnd: 9_678_904n, chargeVnd: 16_938_082n, netVnd: 7_259_178n });
    const half = upgradeSettlement({ paidSubtotalVnd: 1n, start: '2026-01-01', end: '2026-01-02', changeDate: '2026-01-02', newTermSubtotalVnd: 3n });
    expect([half.creditVnd, half.chargeVnd]).toEqual([1n, 2n]); // 0.5 → 1, 1.5 → 2
  });

  it('on the first day: everything paid is credited and the whole new term charged', () => {
    const term = { paidSubtotalVnd: paid, start: '2026-01-01', end: '2026-12-31', newTermSubtotalVnd: newTerm };
    expect(upgradeSettlement({ ...term, changeDate: '2026-01-01' })).toEqual({
      totalDays: 365,
      usedDays: 0,
      remainingDays: 365,
      creditVnd: 19_200_000n,
      chargeVnd: 33_600_000n,
      netVnd: 14_400_000n,
    });
  });

  it('on the last day: one day of each (the change date counts as remaining)', () => {
    // 19,200,000 / 365 = 52,602.7…; 33,600,000 / 365 = 92,054.7…
    const term = { paidSubtotalVnd: paid, start: '2026-01-01', end: '2026-12-31', newTermSubtotalVnd: newTerm };
    expect(upgradeSettlement({ ...term, changeDate: '2026-12-31' })).toEqual({
      totalDays: 365,
      usedDays: 364,
      remainingDays: 1,
      creditVnd: 52_603n,
      chargeVnd: 92_055n,
      netVnd: 39_452n,
    });
  });

  it('gives a credit (negative net) when the new package is cheaper', () => {
    const s = upgradeSettlement({ paidSubtotalVnd: newTerm, start: '2028-01-01', end: '2028-12-31', changeDate: '2028-07-02', newTermSubtotalVnd: paid });
    expect(s.netVnd).toBe(-7_200_000n);
  });

  it('refuses a change date outside the term, a reversed term and negative amounts', () => {
    const base = { paidSubtotalVnd: paid, start: '2026-01-01', end: '2026-12-31', changeDate: '2026-06-01', newTermSubtotalVnd: newTerm };
    expect(codeOf(() => upgradeSettlement({ ...base, changeDate: '2025-12-31' }))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => upgradeSettlement({ ...base, changeDate: '2027-01-01' }))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => upgradeSettlement({ ...base, changeDate: '2026-06-31' }))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => upgradeSettlement({ ...base, end: '2025-12-31' }))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => upgradeSettlement({ ...base, paidSubtotalVnd: -1n }))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => upgradeSettlement({ ...base, newTermSubtotalVnd: 1000 as unknown as bigint }))).toBe('VALIDATION_FAILED');
  });
});

describe('early termination settlement (C7)', () => {
  // 5 rooms for 12 months from 1 Jan 2026: 5 × 350,000 × 12 = 21,000,000 paid.
  const contract = { model: MEETING_SAAS_PRICES, quantity: 5, periodMonths: 12, paidSubtotalVnd: 21_000_000n, start: '2026-01-01' };
  const endOn = (terminationDate: string) => earlyTerminationSettlement({ ...contract, terminationDate });

  it('re-prices the used months at the longest period actually kept', () => {
    const cases: [string, number, number, bigint, bigint][] = [
      // date, used months, re-priced at, used value, refund
      ['2026-01-31', 1, 1, 2_250_000n, 18_750_000n], // 5 × 450,000 × 1
      ['2026-05-31', 5, 1, 11_250_000n, 9_750_000n], // 5 × 450,000 × 5
      ['2026-06-01', 6, 6, 12_000_000n, 9_000_000n], // a sixth month started: 5 × 400,000 × 6
      ['2026-07-31', 7, 6, 14_000_000n, 7_000_000n], // 5 × 400,000 × 7
      ['2026-12-31', 12, 12, 21_000_000n, 0n], // the whole term: nothing back
    ];
    for (const [date, usedMonths, repricedPeriodMonths, usedValueVnd, refundVnd] of cases) {
      expect(endOn(date), date).toMatchObject({ usedMonths, repricedPeriodMonths, usedValueVnd, refundVnd });
    }
  });

  it('counts the start day as one month', () => {
    expect(endOn('2026-01-01')).toMatchObject({ usedMonths: 1, repricedPeriodMonths: 1, refundVnd: 18_750_000n });
  });

  it('never asks for more than was paid', () => {
    // 11 months at the 6-month price = 22,000,000 > 21,000,000 paid.
    expect(endOn('2026-11-15')).toMatchObject({ usedMonths: 11, repricedPeriodMonths: 6, usedValueVnd: 22_000_000n, refundVnd: 0n });
  });

  it('explains the figures in one Vietnamese sentence', () => {
    expect(endOn('2026-05-31').explanation).toBe(
      'Hợp đồng kỳ 12 tháng từ ngày 01/01/2026 chấm dứt trước hạn vào ngày 31/05/2026: ' +
        '5 tháng đã sử dụng được tính lại theo đơn giá kỳ 1 tháng thành 11.250.000 ₫, ' +
        'khách hàng đã thanh toán 21.000.000 ₫ nên được hoàn lại 9.750.000 ₫.',
    );
    const noRefund = /thành 22\.000\.000 ₫, khách hàng đã thanh toán 21\.000\.000 ₫ nên không được hoàn tiền\.$/;
    expect(endOn('2026-11-15').explanation).toMatch(noRefund);
  });

  it('uses the shortest period offered when every period is longer than the months used', () => {
    const yearly: PriceModel = { kind: 'flat', amountVnd: 1_000_000n, periods: [12] };
    const paidSubtotalVnd = 12_000_000n;
    const s = earlyTerminationSettlement({ model: yearly, quantity: 1, periodMonths: 12, paidSubtotalVnd, start: '2026-01-01', terminationDate: '2026-05-10' });
    expect(s).toMatchObject({ usedMonths: 5, repricedPeriodMonths: 12, usedValueVnd: 5_000_000n, refundVnd: 7_000_000n });
  });

  it('settles a monthly eKYC package: the one month is used', () => {
    const paid = priceQuote(EKYC_SAAS_PRICES, 'KCT', { quantity: 8_000 }).subtotalVnd;
    const month = { start: '2026-03-10', terminationDate: '2026-03-20' };
    const s = earlyTerminationSettlement({ model: EKYC_SAAS_PRICES, quantity: 8_000, periodMonths: 1, paidSubtotalVnd: paid, ...month });
    expect(s).toMatchObject({ usedMonths: 1, repricedPeriodMonths: 1, usedValueVnd: 7_600_000n, refundVnd: 0n });
  });

  it('refuses a date outside the term, an unoffered period and On-Premise', () => {
    expect(codeOf(() => endOn('2025-12-31'))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => endOn('2027-01-01'))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => endOn('2026-02-29'))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => earlyTerminationSettlement({ ...contract, periodMonths: 3, terminationDate: '2026-02-01' }))).toBe('PERIOD_NOT_OFFERED');
    expect(codeOf(() => earlyTerminationSettlement({ ...contract, quantity: 0, terminationDate: '2026-02-01' }))).toBe('INVALID_QUANTITY');
    expect(codeOf(() => earlyTerminationSettlement({ ...contract, paidSubtotalVnd: -1n, terminationDate: '2026-02-01' }))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => earlyTerminationSettlement({ ...contract, model: { kind: 'quote' }, terminationDate: '2026-02-01' }))).toBe('QUOTE_REQUIRED');
  });
});

describe('appendixPayable', () => {
  it('adds VAT at the contract\'s rate to a positive net, and asks nothing for a credit', () => {
    expect(appendixPayable(1_000_000n, '10')).toBe(1_100_000n);
    expect(appendixPayable(1_000_000n, 'KCT')).toBe(1_000_000n);
    expect(appendixPayable(0n, '10')).toBe(0n);
    expect(appendixPayable(-500_000n, '10')).toBe(0n);
  });
});

describe('terminationSettlement (a contract on a date)', () => {
  const meeting = {
    billing: 'prepaid' as const,
    model: MEETING_SAAS_PRICES,
    quantity: 5,
    periodMonths: 12,
    subtotalVnd: 21_000_000n,
    startDate: '2026-01-01',
    endDate: '2026-12-31',
  };

  it('re-prices a prepaid contract like earlyTerminationSettlement, with the date', () => {
    const s = terminationSettlement(meeting, '2026-05-31');
    const same = earlyTerminationSettlement({
      model: MEETING_SAAS_PRICES,
      quantity: 5,
      periodMonths: 12,
      paidSubtotalVnd: 21_000_000n,
      start: '2026-01-01',
      terminationDate: '2026-05-31',
    });
    expect(s).toEqual({ date: '2026-05-31', ...same });
  });

  it('has nothing to refund on a postpaid or On-Premise contract', () => {
    for (const c of [{ ...meeting, billing: 'postpaid' as const }, { ...meeting, model: { kind: 'quote' } as PriceModel }]) {
      const nothing = { date: '2026-05-31', usedMonths: 0, usedValueVnd: 0n, refundVnd: 0n, explanation: expect.stringMatching(/^Trả sau/) };
      expect(terminationSettlement(c, '2026-05-31')).toMatchObject(nothing);
    }
  });

  it('ends a postpaid contract, which has no term end, on any day from its start', () => {
    const running = { ...meeting, billing: 'postpaid' as const, endDate: null };
    expect(terminationSettlement(running, '2031-07-15')).toMatchObject({ date: '2031-07-15', refundVnd: 0n });
    expect(codeOf(() => terminationSettlement(running, '2025-12-31'))).toBe('VALIDATION_FAILED');
  });

  it('refuses a contract not started and a date outside its term', () => {
    expect(codeOf(() => terminationSettlement({ ...meeting, startDate: null, endDate: null }, '2026-05-31'))).toBe('CONFLICT');
    expect(codeOf(() => terminationSettlement(meeting, '2025-12-31'))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => terminationSettlement({ ...meeting, billing: 'postpaid' }, '2027-01-01'))).toBe('VALIDATION_FAILED');
  });
});

describe('properties', () => {
  const startArb = fc.integer({ min: 0, max: 365 * 20 }).map((n) => addDays('2020-01-01', n));
  const moneyArb = fc.bigInt({ min: 0n, max: 10n ** 12n });
  const isWholeDong = (...amounts: bigint[]) => amounts.every((a) => typeof a === 'bigint');

  it('an upgrade never credits more than was paid nor charges more than the new term; net = charge − credit', () => {
    fc.assert(
      fc.property(startArb, fc.constantFrom(1, 6, 12), fc.nat(), moneyArb, moneyArb, (start, months, offset, paid, newTerm) => {
        const end = termEnd(start, months);
        const changeDate = addDays(start, offset % daysBetweenInclusive(start, end));
        const s = upgradeSettlement({ paidSubtotalVnd: paid, start, end, changeDate, newTermSubtotalVnd: newTerm });
        expect(isWholeDong(s.creditVnd, s.chargeVnd, s.netVnd)).toBe(true);
        expect(s.creditVnd >= 0n && s.creditVnd <= paid).toBe(true);
        expect(s.chargeVnd >= 0n && s.chargeVnd <= newTerm).toBe(true);
        expect(s.netVnd).toBe(s.chargeVnd - s.creditVnd);
        expect(s.usedDays + s.remainingDays).toBe(s.totalDays);
        expect(s.remainingDays).toBeGreaterThanOrEqual(1);
      }),
    );
  });

  it('an early termination never refunds more than was paid, nor anything negative', () => {
    fc.assert(
      fc.property(startArb, fc.constantFrom(1, 6, 12), fc.integer({ min: 1, max: 200 }), fc.nat(), moneyArb, (start, periodMonths, rooms, offset, paid) => {
        const terminationDate = addDays(start, offset % daysBetweenInclusive(start, termEnd(start, periodMonths)));
        const s = earlyTerminationSettlement({ model: MEETING_SAAS_PRICES, quantity: rooms, periodMonths, paidSubtotalVnd: paid, start, terminationDate });
        expect(isWholeDong(s.usedValueVnd, s.refundVnd)).toBe(true);
        expect(s.refundVnd >= 0n && s.refundVnd <= paid).toBe(true);
        expect(s.usedValueVnd >= 0n).toBe(true);
        expect(s.usedMonths).toBeGreaterThanOrEqual(1);
        expect(s.usedMonths).toBeLessThanOrEqual(periodMonths);
        expect(s.repricedPeriodMonths).toBeLessThanOrEqual(s.usedMonths);
        // Paying the list price for the whole term, the customer gets back at most the unused months' share.
        const listPaid = meetingSubtotal(rooms, periodMonths);
        const listTerms = { model: MEETING_SAAS_PRICES, quantity: rooms, periodMonths, paidSubtotalVnd: listPaid, start, terminationDate };
        const fair = earlyTerminationSettlement(listTerms);
        expect(fair.refundVnd <= (listPaid * BigInt(periodMonths - s.usedMonths)) / BigInt(periodMonths)).toBe(true);
      }),
    );
  });
});
