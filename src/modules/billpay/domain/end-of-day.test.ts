import { describe, expect, it } from 'vitest';
import { endOfDay, type DayOrder } from './end-of-day.ts';

const o = (id: string, over: Partial<DayOrder> = {}): DayOrder => ({
  id,
  msisdn: '0901234567',
  kind: 'bill',
  amountVnd: 100_000n,
  center: 1,
  cashierCode: 'NCB',
  status: 'cleared',
  clearedVnd: 100_000n,
  ...over,
});

describe('E10 end of day', () => {
  it('sums the collection per cashier code and the clearing per center and kind; cleared orders balance', () => {
    const r = endOfDay([o('a'), o('b', { cashierCode: 'VCB', amountVnd: 250_000n, clearedVnd: 250_000n }), o('c', { kind: 'topup', center: 4, cashierCode: 'NCB' })]);
    expect(r.collection).toEqual([
      { cashierCode: 'NCB', count: 2, amountVnd: 200_000n },
      { cashierCode: 'VCB', count: 1, amountVnd: 250_000n },
    ]);
    expect(r.clearing).toEqual([
      { center: 1, kind: 'bill', count: 2, amountVnd: 350_000n },
      { center: 4, kind: 'topup', count: 1, amountVnd: 100_000n },
    ]);
    expect(r.totals).toEqual({ collectedVnd: 450_000n, refundedVnd: 0n, clearedVnd: 450_000n });
    expect(r).toMatchObject({ balanced: true, differences: [] });
  });

  it('a refunded order balances with nothing cleared (or its posting reversed)', () => {
    const r = endOfDay([o('a', { status: 'rejected', clearedVnd: 0n }), o('b', { status: 'fraud_cancelled', clearedVnd: 0n })]);
    expect(r).toMatchObject({ balanced: true, totals: { collectedVnd: 200_000n, refundedVnd: 200_000n, clearedVnd: 0n } });
  });

  it('lists each difference: money taken but not cleared, cleared after a refund, a different amount', () => {
    const r = endOfDay([
      o('ok'),
      o('stuck', { status: 'recovery', clearedVnd: 0n }),
      o('reversal-missing', { status: 'fraud_cancelled', clearedVnd: 100_000n }),
      o('odd', { clearedVnd: 90_000n }),
    ]);
    expect(r.balanced).toBe(false);
    expect(r.differences.map((d) => [d.orderId, d.reason, d.dueVnd, d.clearedVnd])).toEqual([
      ['stuck', 'not_cleared', 100_000n, 0n],
      ['reversal-missing', 'cleared_after_refund', 0n, 100_000n],
      ['odd', 'amount_differs', 100_000n, 90_000n],
    ]);
  });

  it('an empty day balances', () => {
    expect(endOfDay([])).toMatchObject({ balanced: true, collection: [], clearing: [], totals: { collectedVnd: 0n } });
  });
});
