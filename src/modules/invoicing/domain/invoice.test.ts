import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import {
  buildInvoice,
  checkSymbol,
  computeTotals,
  invoiceDataProblems,
  lineFromJson,
  lineToJson,
  normalizeBuyer,
  prepareLines,
  rateFromCatalog,
  seriesFor,
  symbolProblems,
  vatOf,
} from './invoice.ts';
import { COMPANY, EKYC_LINE, MEETING_LINE, PERSON, sampleInvoice } from './sample.test-util.ts';

const problemsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('VALIDATION_FAILED');
    return ((e as AppError).details as { problems: string[] }).problems;
  }
  throw new Error('expected a validation error');
};

describe('form and symbol', () => {
  it('accepts KHMSHDon 1 with a C/K + year + type + 2-char symbol of the invoice year', () => {
    expect(symbolProblems('1', 'C26TMB', '2026-03-02')).toEqual([]);
    expect(symbolProblems('1', 'K26TAA', '2026-12-31')).toEqual([]);
    expect(() => checkSymbol('1', 'C26T01', '2026-01-01')).not.toThrow();
  });

  it('refuses another form, a malformed symbol, or year digits of another year', () => {
    expect(symbolProblems('2', 'C26TMB', '2026-03-02')).toHaveLength(1);
    for (const bad of ['1C26TMB', 'C26XMB', 'A26TMB', 'C6TMB', 'C26Tmb', 'C26TMBB', 'C26TM_']) {
      expect(symbolProblems('1', bad, '2026-03-02'), bad).toHaveLength(1);
    }
    expect(symbolProblems('1', 'C25TMB', '2026-01-01')[0]).toMatch(/is for 2025/);
    expect(problemsOf(() => checkSymbol('1', 'C25TMB', '2026-01-01'))).toHaveLength(1);
    expect(symbolProblems('1', 'C26TMB', '2026-13-01')).toHaveLength(1);
  });

  it('derives the series from the rule and rolls the year over on 1 January', () => {
    const rule = { withTaxAuthorityCode: true, typeLetter: 'T' as const, suffix: 'MB' };
    expect(seriesFor(rule, '2026-12-31')).toBe('C26TMB');
    expect(seriesFor(rule, '2027-01-01')).toBe('C27TMB');
    expect(seriesFor({ ...rule, withTaxAuthorityCode: false }, '2026-05-01')).toBe('K26TMB');
    expect(() => seriesFor({ ...rule, suffix: 'm!' }, '2026-05-01')).toThrow(AppError);
  });
});

describe('VAT rates', () => {
  it('maps the catalog treatment to invoice codes and computes VAT half up per bucket', () => {
    expect(['KCT', '0', '5', '8', '10'].map(rateFromCatalog)).toEqual(['KCT', '0%', '5%', '8%', '10%']);
    expect(() => rateFromCatalog('7')).toThrow(AppError);
    expect(vatOf(2_700_000n, 'KCT')).toBe(0n);
    expect(vatOf(2_700_000n, 'KKKNT')).toBe(0n);
    expect(vatOf(2_700_000n, '0%')).toBe(0n);
    expect(vatOf(1_005n, '10%')).toBe(101n); // 100.5 → 101
    expect(vatOf(1_004n, '10%')).toBe(100n);
    expect(vatOf(12_345n, '8%')).toBe(988n); // 987.6
    expect(vatOf(10n, '5%')).toBe(1n); // 0.5 → 1
  });
});

describe('lines and totals', () => {
  it('computes each amount as quantity × unit price, exactly', () => {
    const [l] = prepareLines([MEETING_LINE]);
    expect(l).toMatchObject({ no: 1, kind: 1, quantity: 18, unitPrice: 450_000n, amount: 8_100_000n, rate: 'KCT', unit: 'Phòng/tháng' });
    expect(lineFromJson(lineToJson(l))).toEqual(l);
    expect(lineToJson(l).amount).toBe('8100000');
  });

  it('totals the seeded KCT products: no VAT, total = subtotal, words', () => {
    const t = computeTotals(prepareLines([MEETING_LINE, EKYC_LINE]));
    expect(t.byRate).toEqual([{ rate: 'KCT', amount: 12_100_000n, vat: 0n }]);
    expect(t).toMatchObject({ subtotal: 12_100_000n, vat: 0n, discount: 0n, total: 12_100_000n, words: 'Mười hai triệu một trăm nghìn đồng' });
  });

  it('buckets by rate, subtracts trade discounts, ignores promotions and notes', () => {
    const lines = prepareLines([
      { name: 'Dịch vụ tích hợp', unit: 'Gói', quantity: 1, unitPrice: 10_000_005n, rate: '10%' },
      { name: 'Tư vấn', unit: 'Giờ', quantity: 3, unitPrice: 333_333n, rate: '8%' },
      { kind: 3, name: 'Chiết khấu thương mại', amount: 5n, rate: '10%' },
      { kind: 2, name: 'Tặng 1 tháng dùng thử', unit: 'Tháng', quantity: 1, unitPrice: 450_000n, rate: 'KCT' },
      { kind: 4, name: 'Theo hợp đồng HD-2026-000001' },
      { name: 'MobiFone Meeting', unit: 'Phòng/tháng', quantity: 2, unitPrice: 500_000n, rate: 'KCT' },
    ]);
    const t = computeTotals(lines);
    expect(t.byRate).toEqual([
      { rate: 'KCT', amount: 1_000_000n, vat: 0n },
      { rate: '8%', amount: 999_999n, vat: 80_000n }, // 79 999.92 → 80 000
      { rate: '10%', amount: 10_000_000n, vat: 1_000_000n },
    ]);
    expect(t.subtotal).toBe(11_999_999n);
    expect(t.vat).toBe(1_080_000n);
    expect(t.discount).toBe(5n);
    expect(t.total).toBe(13_079_999n);
    expect(t.words).toBe('Mười ba triệu không trăm bảy mươi chín nghìn chín trăm chín mươi chín đồng');
  });

  it('refuses bad lines with every problem listed', () => {
    const problems = problemsOf(() =>
      prepareLines([
        { name: '', unit: 'Gói', quantity: 1, unitPrice: 1n, rate: 'KCT' },
        { name: 'x', unit: 'Gói', quantity: 1.5, unitPrice: 1n, rate: 'KCT' },
        { name: 'x', unit: 'Gói', quantity: 2, unitPrice: 10n, amount: 21n, rate: 'KCT' },
        { name: 'x', unit: 'Gói', quantity: 1, unitPrice: 1n, rate: '7%' as never },
        { name: 'x', quantity: 1, unitPrice: 1n, rate: 'KCT' },
        { kind: 3, name: 'CK', rate: 'KCT' },
        { kind: 4, name: 'note', amount: 1n },
        { name: 'x', unit: 'Gói', quantity: 1, unitPrice: -1n, rate: 'KCT' },
      ]),
    );
    expect(problems.length).toBeGreaterThanOrEqual(8);
    expect(problems.join('\n')).toMatch(/lines\[2\]\.amount 21 ≠ quantity × unitPrice = 20/);
    expect(() => prepareLines([])).toThrow(AppError);
  });

  it('refuses discounts larger than the goods at a rate', () => {
    const lines = prepareLines([
      { name: 'A', unit: 'Gói', quantity: 1, unitPrice: 100n, rate: '10%' },
      { kind: 3, name: 'CK', amount: 101n, rate: '10%' },
    ]);
    expect(() => computeTotals(lines)).toThrow(/discounts exceed/);
  });
});

describe('buyer', () => {
  it('an individual needs no tax code; an organisation needs a valid one and an address', () => {
    expect(normalizeBuyer({ ...PERSON, name: '  Nguyễn   Văn An ' }).name).toBe('Nguyễn Văn An');
    expect(normalizeBuyer(COMPANY).taxCode).toBe('0312345678');
    expect(normalizeBuyer({ ...COMPANY, taxCode: '0312345678-001' }).taxCode).toBe('0312345678-001');
    expect(problemsOf(() => normalizeBuyer({ ...COMPANY, taxCode: '031234567' }))).toHaveLength(1);
    expect(problemsOf(() => normalizeBuyer({ ...COMPANY, address: null }))).toHaveLength(1);
    expect(problemsOf(() => normalizeBuyer({ name: '', email: 'not-an-email' }))).toHaveLength(2);
    expect(problemsOf(() => normalizeBuyer({ name: 'x'.repeat(101) }))[0]).toMatch(/HVTNMHang/);
  });

  it('lists every reason buyer and lines cannot make an invoice, in words, without throwing', () => {
    expect(invoiceDataProblems(COMPANY, [MEETING_LINE])).toEqual([]);
    expect(invoiceDataProblems({ ...COMPANY, address: '  ' }, [MEETING_LINE])).toEqual(['Người mua có mã số thuế nhưng thiếu địa chỉ (buyer.address)']);
    const both = invoiceDataProblems({ ...COMPANY, address: null }, [{ ...MEETING_LINE, unit: null }]);
    expect(both).toHaveLength(2);
    expect(both[1]).toMatch(/lines\[0\]\.unit/);
  });
});

describe('the canonical invoice', () => {
  it('assembles seller, buyer, lines and recomputed totals', () => {
    const inv = sampleInvoice({ lineInputs: [MEETING_LINE, EKYC_LINE] });
    expect(inv.currency).toBe('VND');
    expect(inv.seller.name).toBe('Trung tâm Công nghệ thông tin MobiFone - Chi nhánh Tổng công ty Viễn thông MobiFone');
    expect(inv.totals.total).toBe(12_100_000n);
    expect(inv.lines.map((l) => l.no)).toEqual([1, 2]);
  });

  it('checks the symbol against the date, the number range and the related invoice', () => {
    expect(problemsOf(() => sampleInvoice({ series: 'C25TMB' }))[0]).toMatch(/2025/);
    expect(problemsOf(() => sampleInvoice({ number: 0 }))[0]).toMatch(/SHDon/);
    expect(problemsOf(() => sampleInvoice({ number: 100_000_000 }))[0]).toMatch(/SHDon/);
    const relation = { kind: 'replace' as const, form: '1', series: 'C26TMB', number: 41, issueDate: '2026-03-01' };
    expect(sampleInvoice({ relation }).relation).toEqual(relation);
    expect(problemsOf(() => sampleInvoice({ relation: { ...relation, number: 42 } }))[0]).toMatch(/itself/);
    expect(problemsOf(() => sampleInvoice({ relation: { ...relation, issueDate: '2026-03-03' } }))[0]).toMatch(/dated after/);
    expect(() => buildInvoice({ ...sampleInvoice(), paymentMethod: '' })).toThrow(/HTTToan/);
  });
});
