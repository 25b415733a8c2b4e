import { describe, expect, it } from 'vitest';
import { EKYC_SAAS_PRICES, MEETING_SAAS_PRICES, priceQuote } from '../../catalog/index.ts';
import { invoiceLineOf } from './invoice-line.ts';

const PLAN = { code: 'P', name: 'Gói chuẩn' };

describe('invoice line of a contract payment', () => {
  it('a Meeting package is rooms × months at the unit price, no VAT (KCT)', () => {
    const q = priceQuote(MEETING_SAAS_PRICES, 'KCT', { quantity: 5, periodMonths: 12 });
    const c = { ...q, number: 'HD-2026-000001', model: MEETING_SAAS_PRICES, quantity: 5, periodMonths: 12 };
    const line = invoiceLineOf(c, PLAN, 'Meeting', false, q.totalVnd);
    expect(line).toEqual({
      code: 'P',
      name: 'Meeting — Gói chuẩn, hợp đồng HD-2026-000001',
      unit: 'Phòng/tháng',
      quantity: 60,
      unitPriceVnd: 350_000n,
      amountVnd: 21_000_000n,
      vatRate: 'KCT',
    });
  });

  it('an eKYC package is one package before VAT; an appendix payment keeps the contract\'s VAT share', () => {
    const q = priceQuote(EKYC_SAAS_PRICES, '10', { quantity: 12000 });
    const c = { ...q, number: 'HD-2026-000002', model: EKYC_SAAS_PRICES, quantity: 12000, periodMonths: 1 };
    const full = invoiceLineOf(c, PLAN, 'eKYC', false, q.totalVnd);
    expect(full).toMatchObject({ unit: 'Gói', quantity: 1, amountVnd: q.subtotalVnd, unitPriceVnd: q.subtotalVnd, vatRate: '10' });
    const appendix = invoiceLineOf(c, PLAN, 'eKYC', true, 1_100_000n);
    expect(appendix.name).toBe('eKYC — Gói chuẩn, hợp đồng HD-2026-000002 (phụ lục)');
    expect(appendix.amountVnd).toBe(1_000_000n);
  });

  it('leaves out the unit price when the amount does not divide by the quantity', () => {
    const q = priceQuote(MEETING_SAAS_PRICES, 'KCT', { quantity: 5, periodMonths: 12 });
    const line = invoiceLineOf({ ...q, number: 'HD-1', model: MEETING_SAAS_PRICES, quantity: 5, periodMonths: 12 }, PLAN, 'Meeting', true, 1_000_001n);
    expect(line.unitPriceVnd).toBeNull();
    expect(line.amountVnd).toBe(1_000_001n);
  });
});
