import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commissionOn, commissionRate, netOfBillPart, refundReversal } from './commission.ts';

const policy = { agentCommissionBp: 4000, amCommissionBp: 3500 };

describe('commission rate by channel', () => {
  it('AM/KAM 35 %, commission agent 40 %, reseller agent and self-service nothing', () => {
    expect(commissionRate('am', policy, null)).toEqual({ kind: 'am', rateBp: 3500 });
    expect(commissionRate('agent', policy, 'commission')).toEqual({ kind: 'agent', rateBp: 4000 });
    expect(commissionRate('agent', policy, 'reseller')).toBeNull();
    expect(commissionRate('agent', policy, null)).toBeNull();
    expect(commissionRate('self_service', policy, null)).toBeNull();
  });
});

describe('accrual and reversal', () => {
  it('rounds down on the amount before VAT', () => {
    expect(commissionOn(1_000_000n, 4000)).toBe(400_000n);
    expect(commissionOn(15n, 4000)).toBe(6n);
    expect(commissionOn(14n, 3500)).toBe(4n);
    expect(commissionOn(0n, 4000)).toBe(0n);
    expect(() => commissionOn(1n, 10_001)).toThrow(RangeError);
  });

  it('a full refund takes back the whole accrual; a partial one what the remainder no longer earns', () => {
    expect(refundReversal(1_000_000n, 0n, 4000)).toBe(-400_000n);
    expect(refundReversal(15n, 14n, 4000)).toBe(-1n); // 6 → 5 (5.6 rounded down)
  });

  it('property: a payment and any refunds never earn more than the policy share of what remains collected', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        fc.array(fc.bigInt({ min: 1n, max: 10n ** 11n }), { maxLength: 6 }),
        fc.integer({ min: 0, max: 10_000 }),
        (paid, refundsAsked, rateBp) => {
          let remaining = paid;
          let accrued = commissionOn(paid, rateBp);
          for (const r of refundsAsked) {
            const refund = r > remaining ? remaining : r;
            accrued += refundReversal(remaining, remaining - refund, rateBp);
            remaining -= refund;
          }
          expect(accrued * 10_000n).toBeLessThanOrEqual(remaining * BigInt(rateBp));
          expect(accrued).toBe(commissionOn(remaining, rateBp));
          expect(accrued).toBeGreaterThanOrEqual(0n);
        },
      ),
    );
  });
});


describe('a bill paid in parts', () => {
  it('the whole bill at once is exactly its subtotal; a part gives up its VAT share rounded up', () => {
    const bill = { totalVnd: 1_100_000n, vatVnd: 100_000n };
    expect(netOfBillPart(1_100_000n, bill)).toBe(1_000_000n);
    expect(netOfBillPart(550_001n, bill)).toBe(500_000n); // VAT share 50 000.09… → 50 001
    expect(netOfBillPart(0n, bill)).toBe(0n);
    expect(netOfBillPart(5_000n, { totalVnd: 5_000n, vatVnd: 0n })).toBe(5_000n);
  });

  it('however a bill is split, the parts before VAT never exceed its subtotal, nor their commission the policy share of it', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10_000_000_000n }),
        fc.integer({ min: 0, max: 10 }),
        fc.array(fc.integer({ min: 1, max: 1_000 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 10_000 }),
        (subtotal, vatPercent, weights, rateBp) => {
          const vatVnd = (subtotal * BigInt(vatPercent)) / 100n;
          const bill = { totalVnd: subtotal + vatVnd, vatVnd };
          const sum = weights.reduce((a, b) => a + b, 0);
          const parts = weights.map((w) => (bill.totalVnd * BigInt(w)) / BigInt(sum));
          parts[parts.length - 1] += bill.totalVnd - parts.reduce((a, b) => a + b, 0n);
          const nets = parts.map((p) => netOfBillPart(p, bill));
          const netSum = nets.reduce((a, b) => a + b, 0n);
          expect(netSum <= subtotal).toBe(true);
          expect(nets.every((n) => n >= 0n)).toBe(true);
          const commission = nets.reduce((a, n) => a + commissionOn(n, rateBp), 0n);
          expect(commission <= (subtotal * BigInt(rateBp)) / 10_000n).toBe(true);
        },
      ),
    );
  });
});
