import { describe, expect, it } from 'vitest';
import { catalogError } from './errors.ts';

const samples: { [C in keyof typeof catalogError.codes]: Parameters<typeof catalogError<C>>[1] } = {
  INVALID_QUANTITY: { quantity: '0' },
  PERIOD_NOT_OFFERED: { periodMonths: '3', offered: [1, 6, 12] },
  PERIOD_REQUIRED: { offered: [1, 6, 12] },
  QUOTE_REQUIRED: {},
  UNKNOWN_PRODUCT: { product: 'SMS' },
  INVALID_PRICE_MODEL: { path: 'tiers', problem: { vi: 'phải có ít nhất một bậc', en: 'must have at least one band' } },
  PLAN_NOT_PRICED: { product: 'EKYC', plan: 'EKYC-X' },
  QUOTE_EXPIRED: { validUntil: '2026-01-31' },
};

describe('catalog errors', () => {
  it('every code has a 4xx status and distinct, non-empty messages in Vietnamese and English', () => {
    for (const code of Object.keys(catalogError.codes) as (keyof typeof samples)[]) {
      const e = catalogError(code, samples[code] as never);
      expect(e.status, code).toBeGreaterThanOrEqual(400);
      expect(e.status, code).toBeLessThan(500);
      expect(e.localizedMessage('vi').length, code).toBeGreaterThan(10);
      expect(e.localizedMessage('vi'), code).not.toBe(e.localizedMessage('en'));
      expect(e.localizedMessage('en'), code).not.toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
    }
  });

  it('names the offered periods in both languages', () => {
    const e = catalogError('PERIOD_NOT_OFFERED', { periodMonths: '3', offered: [1, 6, 12] });
    expect(e.localizedMessage('vi')).toBe('Gói cước không có kỳ thanh toán 3 tháng; hãy chọn 1, 6, 12 tháng');
    expect(e.localizedMessage('en')).toBe('The plan does not offer a 3-month period; choose 1, 6, 12 months');
    expect(e.details).toEqual({ periodMonths: '3', offered: [1, 6, 12] });
  });

  it('puts the faulty field of a price table in each language without mixing them', () => {
    const e = catalogError('INVALID_PRICE_MODEL', samples.INVALID_PRICE_MODEL);
    expect(e.localizedMessage('vi')).toBe('Bảng giá không hợp lệ tại tiers: phải có ít nhất một bậc');
    expect(e.localizedMessage('en')).toBe('tiers: must have at least one band');
  });

  it('tells a flat fee sold in quantity apart from a quantity that is not a positive whole number', () => {
    expect(catalogError('INVALID_QUANTITY', { quantity: '2', flat: true }).localizedMessage('en')).toContain('one at a time');
    expect(catalogError('INVALID_QUANTITY', { quantity: '-1' }).localizedMessage('vi')).toBe('Số lượng phải là số nguyên dương (nhận được -1)');
  });
});
