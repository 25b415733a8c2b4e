import { invoicingConfig } from '../config.ts';
import { buildInvoice, prepareLines, type Buyer, type CanonicalInvoice, type LineInput } from './invoice.ts';

/** Test data (imported by *.test.ts only). */
export const CONFIG = invoicingConfig({ env: 'test' });

export const PERSON: Buyer = { name: 'Nguyễn Văn An', email: 'an.nguyen@example.vn', phone: '0901234567', customerCode: 'KH000123' };

export const COMPANY: Buyer = {
  name: 'Công ty TNHH Giải pháp Số <A&B>',
  taxCode: '0312345678',
  address: '12 Nguyễn Huệ, phường Sài Gòn, TP Hồ Chí Minh',
  email: 'ketoan@ab.vn',
  contactName: 'Trần Thị Bình',
};

export const MEETING_LINE: LineInput = { code: 'MEETING-SAAS', name: 'MobiFone Meeting – 3 phòng × 6 tháng', unit: 'Phòng/tháng', quantity: 18, unitPrice: 450_000n, rate: 'KCT' };
export const EKYC_LINE: LineInput = { code: 'EKYC-SAAS', name: 'MobiFone eKYC – 4.000 lượt', unit: 'Lượt', quantity: 4_000, unitPrice: 1_000n, rate: 'KCT' };

export function sampleInvoice(over: Partial<CanonicalInvoice> & { lineInputs?: LineInput[] } = {}): CanonicalInvoice {
  const { lineInputs, ...rest } = over;
  return buildInvoice({
    id: 'inv_01ktestinvoice000000000000',
    form: '1',
    series: 'C26TMB',
    number: 42,
    issueDate: '2026-03-02',
    paymentMethod: 'TM/CK',
    seller: CONFIG.seller,
    providerTaxCode: '0106026495',
    buyer: PERSON,
    lines: prepareLines(lineInputs ?? [MEETING_LINE]),
    relation: null,
    mccqt: null,
    ...rest,
  });
}
