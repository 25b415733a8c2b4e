import { percentOf } from '../../../platform/money.ts';
import type { OrderKind } from './limits.ts';

/** Mobile services carry 10 % VAT; a payment's amount includes it. */
export const VAT_BP = 1000;

/**
 * The amount before VAT of a VAT-inclusive payment, as the invoice computes VAT (10 %, half up): the
 * one whose total is the payment exactly when there is one, else the nearest (a 1 đ rounding gap).
 */
export function beforeVat(total: bigint): bigint {
  const guess = (total * 10n) / 11n;
  const candidates = [guess - 1n, guess, guess + 1n].filter((b) => b >= 0n);
  const gap = (b: bigint) => {
    const g = b + percentOf(b, VAT_BP) - total;
    return g < 0n ? -g : g;
  };
  return candidates.reduce((best, b) => (gap(b) < gap(best) ? b : best));
}

/** The invoice line of a bill payment or top-up (E11). */
export function vatLine(kind: OrderKind, msisdn: string, total: bigint) {
  const amount = beforeVat(total);
  return {
    code: kind === 'bill' ? 'CUOC-TS' : 'NAP-TT',
    name: kind === 'bill' ? `Cước dịch vụ di động trả sau thuê bao ${msisdn}` : `Nạp tiền thuê bao di động trả trước ${msisdn}`,
    unit: 'Lần',
    quantity: 1,
    unitPrice: amount,
    amount,
    rate: '10%' as const,
  };
}
