import { describe, expect, it } from 'vitest';
import { percentOf } from '../../../platform/money.ts';
import { beforeVat, VAT_BP, vatLine } from './vat.ts';

const total = (b: bigint) => b + percentOf(b, VAT_BP);

describe('E11 VAT of a payment', () => {
  it('splits a VAT-inclusive amount so the invoice totals the payment', () => {
    expect(beforeVat(1_100_000n)).toBe(1_000_000n);
    expect(total(beforeVat(1_100_000n))).toBe(1_100_000n);
    expect(total(beforeVat(320_000n))).toBe(320_000n);
    expect(total(beforeVat(10_000_000n))).toBe(10_000_000n);
  });

  it('when no amount gives the total exactly, the gap is at most 1 đ', () => {
    for (const t of [50_000n, 50_001n, 99_999n, 123_457n, 9_999_999n]) {
      const gap = total(beforeVat(t)) - t;
      expect(gap >= -1n && gap <= 1n, `${t}`).toBe(true);
    }
  });

  it('names the service and the number', () => {
    expect(vatLine('bill', '0901234567', 1_100_000n)).toMatchObject({ name: 'Cước dịch vụ di động trả sau thuê bao 0901234567', amount: 1_000_000n, rate: '10%', quantity: 1 });
    expect(vatLine('topup', '0701234567', 110_000n).name).toContain('Nạp tiền');
  });
});
