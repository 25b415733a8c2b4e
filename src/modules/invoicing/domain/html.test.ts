import { describe, expect, it } from 'vitest';
import { groupDigits, renderInvoiceHtml } from './html.ts';
import { COMPANY, EKYC_LINE, MEETING_LINE, sampleInvoice } from './sample.test-util.ts';

describe('printable invoice', () => {
  it('lays out the official blocks in Vietnamese', () => {
    const html = renderInvoiceHtml(sampleInvoice({ lineInputs: [MEETING_LINE, EKYC_LINE], mccqt: '00ABC' }), { status: 'issued', placeholderTaxCode: true });
    expect(html).toContain('HÓA ĐƠN GIÁ TRỊ GIA TĂNG');
    expect(html).toContain('(Bản thể hiện của hóa đơn điện tử)');
    expect(html).toContain('Ngày 02 tháng 03 năm 2026');
    expect(html).toContain('data-testid="invoice-series">C26TMB<');
    expect(html).toContain('data-testid="invoice-number" style="color:#c00">00000042<');
    expect(html).toContain('Mã của CQT: <b data-testid="invoice-mccqt">00ABC</b>');
    expect(html).toContain('Đơn vị bán hàng');
    expect(html).toContain('Họ tên người mua hàng');
    expect(html).toContain('<td class="r">8.100.000</td>');
    expect(html).toContain('data-testid="invoice-total">12.100.000<');
    expect(html).toContain('Mười hai triệu một trăm nghìn đồng');
    expect(html).toContain('Mã số thuế người bán là giá trị tạm');
    expect(html).not.toContain('data-testid="invoice-stamp"');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.mobifone\.vn)/);
  });

  it('escapes buyer data, stamps drafts and shows the replaced invoice', () => {
    const html = renderInvoiceHtml(sampleInvoice({ buyer: COMPANY, number: null, relation: { kind: 'replace', form: '1', series: 'C26TMB', number: 7, issueDate: '2026-03-01' } }), { status: 'pending' });
    expect(html).toContain('Công ty TNHH Giải pháp Số &lt;A&amp;B&gt;');
    expect(html).toContain('BẢN XEM TRƯỚC – CHƯA PHÁT HÀNH');
    expect(html).toContain('thay thế hóa đơn Mẫu số 1 Ký hiệu C26TMB Số 00000007 ngày 01/03/2026');
    expect(html).not.toContain('Mã của CQT');
    expect(renderInvoiceHtml(sampleInvoice(), { status: 'cancelled', cancelReason: 'Khách hàng hoàn tiền' })).toContain('Lý do hủy: Khách hàng hoàn tiền');
  });

  it('groups digits with dots', () => {
    expect(groupDigits(1_234_567n)).toBe('1.234.567');
    expect(groupDigits(0)).toBe('0');
    expect(groupDigits(-1000n)).toBe('-1.000');
  });
});
