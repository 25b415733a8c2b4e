import { describe, expect, it } from 'vitest';
import { buyerOfCustomer, invoiceData } from './invoice-data.ts';
import { COMPANY, MEETING_LINE, PERSON } from './sample.test-util.ts';

describe('what an invoice request stores', () => {
  it('valid data: the buyer normalised, the lines numbered, goods and VAT split per rate', () => {
    const d = invoiceData({ ...COMPANY, name: '  Công ty   TNHH Giải pháp Số <A&B> ' }, [
      { ...MEETING_LINE, rate: '10%' },
      { kind: 3, name: 'Chiết khấu', amount: 100_000n, rate: '10%' },
      { code: 'X', name: 'Phần mềm', unit: 'Gói', quantity: 1, unitPrice: 1_000_000n, rate: 'KCT' },
    ]);
    expect(d.buyer.name).toBe('Công ty TNHH Giải pháp Số <A&B>');
    expect(d.lines.map((l) => l.no)).toEqual([1, 2, 3]);
    // 8,100,000 − 100,000 at 10 % (VAT 800,000) plus 1,000,000 not subject to VAT.
    expect(d).toMatchObject({ subtotalVnd: 9_000_000n, vatVnd: 800_000n, discountVnd: 100_000n, totalVnd: 9_800_000n, dataProblems: null });
  });

  it('a buyer that cannot be invoiced: kept as given with the reason, the lines still totalled', () => {
    const d = invoiceData({ ...COMPANY, address: null }, [MEETING_LINE]);
    expect(d.dataProblems).toEqual(['Người mua có mã số thuế nhưng thiếu địa chỉ (buyer.address)']);
    expect(d).toMatchObject({ subtotalVnd: 8_100_000n, vatVnd: 0n, totalVnd: 8_100_000n });
  });

  it('lines that cannot be totalled: stored raw, no totals until corrected', () => {
    const d = invoiceData(PERSON, [{ ...MEETING_LINE, unit: null, amount: 5n }]);
    expect(d.dataProblems!.length).toBeGreaterThan(0);
    expect(d.lines[0]).toMatchObject({ no: 1, unit: null, amount: '5' });
    expect(d).toMatchObject({ subtotalVnd: 0n, vatVnd: 0n, discountVnd: 0n, totalVnd: 0n });
  });

  it("prints the customer's record as the buyer, with the customer's code (never its internal id)", () => {
    const c = { id: 'cus_1', code: 'KH000042', name: 'Nguyễn Văn An', taxCode: null, address: 'Hà Nội', email: 'an@example.vn', phone: '0901234567' };
    const { id: _id, code: _code, ...printed } = c;
    expect(buyerOfCustomer(c)).toEqual({ ...printed, customerCode: 'KH000042' });
  });
});
