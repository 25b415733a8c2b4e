import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, noDatabase, type TestSystem } from '../../../test/system.ts';

describe.skipIf(noDatabase)('catalog, quotes, customers, On-Premise quotes', () => {
  let s: TestSystem;
  const t: Record<string, string> = {};
  const quote = (body: unknown) => s.http('POST', '/api/v1/quotes', { body });

  beforeAll(async () => {
    s = await createTestSystem();
    for (const u of ['admin', 'am1', 'approver.ctkv1', 'customer1', 'agent1']) t[u] = await s.login(u);
  });
  afterAll(() => s?.close());

  it('seeds eKYC and Meeting, both not subject to VAT, with agent 40 % and AM/KAM 35 %', async () => {
    const r = await s.http('GET', '/api/v1/catalog/products');
    const byCode = Object.fromEntries(r.body.items.map((p: { code: string }) => [p.code, p]));
    for (const code of ['EKYC', 'MEETING']) expect(byCode[code]).toMatchObject({ vatRate: 'KCT', agentCommissionBp: 4000, amCommissionBp: 3500 });
    expect(byCode.MEETING.plans.map((p: { code: string }) => p.code).sort()).toEqual(['MEETING-ONPREM', 'MEETING-SAAS']);
    expect(byCode.MEETING.plans.find((p: { code: string }) => p.code === 'MEETING-SAAS').periods).toEqual([1, 6, 12]);
  });

  it('quotes eKYC by monthly volume (one tier prices every request) at each bracket edge', async () => {
    const cases: [number, string][] = [[1, '1000'], [5000, '1000'], [5001, '950'], [10000, '950'], [10001, '900'], [20000, '900'], [20001, '850'], [30000, '850'], [30001, '800'], [50000, '800'], [50001, '750']];
    for (const [q, unit] of cases) {
      const r = await quote({ product: 'EKYC', quantity: q });
      expect(r.status, String(q)).toBe(200);
      expect(r.body).toMatchObject({ unitPriceVnd: unit, subtotalVnd: String(BigInt(unit) * BigInt(q)), vatVnd: '0', totalVnd: String(BigInt(unit) * BigInt(q)) });
    }
  });

  it('quotes Meeting per room per month by bracket and period, for the whole prepaid period', async () => {
    const cases: [number, number, string, string][] = [[1, 1, '500000', '500000'], [4, 6, '450000', '10800000'], [5, 12, '350000', '21000000'], [10, 1, '450000', '4500000'], [11, 12, '300000', '39600000'], [20, 6, '350000', '42000000']];
    for (const [rooms, months, unit, total] of cases) {
      const r = await quote({ product: 'meeting', quantity: rooms, periodMonths: months });
      expect(r.body, `${rooms}×${months}`).toMatchObject({ unitPriceVnd: unit, totalVnd: total, periodMonths: months, vatRate: 'KCT' });
      expect(r.body.lines.length).toBeGreaterThan(0);
    }
  });

  it('refuses bad quote requests with 400 and a code', async () => {
    const bad: [unknown, string][] = [
      [{ product: 'EKYC', quantity: 0 }, 'VALIDATION_FAILED'],
      [{ product: 'EKYC', quantity: -5 }, 'VALIDATION_FAILED'],
      [{ product: 'EKYC', quantity: 2.5 }, 'VALIDATION_FAILED'],
      [{ product: 'EKYC', quantity: '100' }, 'VALIDATION_FAILED'],
      [{ product: 'MEETING', quantity: 3 }, 'PERIOD_REQUIRED'],
      [{ product: 'MEETING', quantity: 3, periodMonths: 3 }, 'PERIOD_NOT_OFFERED'],
      [{ product: 'EKYC', quantity: 100, periodMonths: 6 }, 'PERIOD_NOT_OFFERED'],
      [{ product: 'NOPE', quantity: 1 }, 'UNKNOWN_PRODUCT'],
      [{ quantity: 1 }, 'VALIDATION_FAILED'],
      [{ product: 'EKYC' }, 'VALIDATION_FAILED'],
      [{ product: 'EKYC', quantity: 1, discount: 50 }, 'VALIDATION_FAILED'],
    ];
    for (const [body, code] of bad) {
      const r = await quote(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code, JSON.stringify(body)).toBe(code);
    }
  });

  it('admin adds a product and a plan; the quote API prices it; others may not', async () => {
    const p = await s.http('POST', '/api/v1/catalog/products', { token: t.admin, body: { code: 'SMS-BRAND', name: 'SMS Brandname', nameEn: 'SMS Brandname', vatRate: '10', agentCommissionBp: 4000, amCommissionBp: 3500 } });
    expect(p.status).toBe(201);
    expect((await s.http('POST', '/api/v1/catalog/products', { token: t.am1, body: { code: 'X1', name: 'X1', nameEn: 'X1', vatRate: '10', agentCommissionBp: 0, amCommissionBp: 0 } })).status).toBe(403);
    const badModel = await s.http('POST', `/api/v1/catalog/products/${p.body.id}/plans`, { token: t.admin, body: { code: 'SMS-BRAND-SAAS', name: 'Gói tháng', nameEn: 'Monthly', edition: 'saas', billing: 'prepaid', effectiveFrom: '2026-03-02', model: { kind: 'volume', unit: 'sms', tiers: [{ upTo: 100, unitPriceVnd: '500' }, { upTo: 50, unitPriceVnd: '400' }] } } });
    expect(badModel.body.error.code).toBe('INVALID_PRICE_MODEL');
    const plan = await s.http('POST', `/api/v1/catalog/products/${p.body.id}/plans`, { token: t.admin, body: { code: 'SMS-BRAND-SAAS', name: 'Gói tháng', nameEn: 'Monthly', edition: 'saas', billing: 'prepaid', effectiveFrom: '2026-03-02', model: { kind: 'graduated', unit: 'sms', tiers: [{ upTo: 1000, unitPriceVnd: '500' }, { upTo: null, unitPriceVnd: '400' }] } } });
    expect(plan.status).toBe(201);
    const q = await quote({ product: 'SMS-BRAND', quantity: 1500 });
    // graduated: 1,000 × 500 + 500 × 400 = 700,000; VAT 10 % = 70,000
    expect(q.body).toMatchObject({ subtotalVnd: '700000', vatRate: '10', vatVnd: '70000', totalVnd: '770000' });
    const trail = await s.audit.list({ entityType: 'product', entityId: p.body.id, page: 1, pageSize: 5 });
    expect(trail.items.map((e) => e.action)).toContain('product.created');
  });

  it('customers: enterprise tax codes are 10 or 10-3 digits; duplicates refused; AMs see their region only', async () => {
    const base = { type: 'enterprise', name: 'Ngân hàng TMCP Phương Nam', email: 'it@pnb.vn', phone: '02838123456', address: '279 Lý Thường Kiệt, Quận 11, TP. Hồ Chí Minh' };
    for (const taxCode of ['123', '01012345678', '0101234567-1', undefined]) {
      const r = await s.http('POST', '/api/v1/customers', { token: t.am1, body: { ...base, ...(taxCode ? { taxCode } : {}) } });
      expect(r.body.error.code, String(taxCode)).toBe('INVALID_TAX_CODE');
    }
    const ok = await s.http('POST', '/api/v1/customers', { token: t.am1, body: { ...base, taxCode: '0301234567-002', contacts: [{ name: 'Trần Văn Tâm', position: 'Giám đốc CNTT', email: 'tam@pnb.vn' }] } });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ taxCode: '0301234567-002', managingUnit: { code: 'CTKV1-KHDN' }, salesUser: { username: 'am1' } });
    // a readable code from the database, one per customer
    expect(ok.body.code).toMatch(/^KH\d{6}$/);
    const all = await s.http('GET', '/api/v1/customers?pageSize=100', { token: t.admin });
    const codes = all.body.items.map((c: { code: string }) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect((await s.http('POST', '/api/v1/customers', { token: t.am1, body: { ...base, taxCode: '0301234567-002' } })).status).toBe(409);
    // a tax invoice needs the address of a buyer with a tax code: asked where the data is entered
    const noAddress = await s.http('POST', '/api/v1/customers', { token: t.am1, body: { ...base, address: '  ', taxCode: '0301234567-003' } });
    expect(noAddress.status).toBe(400);
    expect(noAddress.body.error.code).toBe('BUYER_ADDRESS_REQUIRED');
    const cleared = await s.http('PATCH', `/api/v1/customers/${ok.body.id}`, { token: t.am1, body: { address: '' } });
    expect(cleared.body.error.code).toBe('BUYER_ADDRESS_REQUIRED');
    expect((await s.http('GET', `/api/v1/customers/${ok.body.id}`, { token: t.am1 })).body.address).toBe(base.address);
    const individual = await s.http('POST', '/api/v1/customers', { token: t.agent1, body: { type: 'individual', name: 'Phan Thị Yến', email: 'yen@example.vn', phone: '0987654321' } });
    expect(individual.status).toBe(201);
    const amList = await s.http('GET', '/api/v1/customers?q=Yến', { token: t.am1 });
    expect(amList.body.items).toEqual([]);
    expect((await s.http('GET', '/api/v1/customers', { token: t.customer1 })).status).toBe(403);
  });

  it('On-Premise: AM drafts and submits a quote, an approver approves, and only then a contract can use it, once', async () => {
    const me = await s.http('GET', '/api/v1/me', { token: await s.login('enterprise1') });
    const customerId = me.body.user.customer.id;
    const draft = await s.http('POST', '/api/v1/onprem-quotes', {
      token: t.am1,
      body: { customerId, product: 'EKYC', description: 'eKYC triển khai tại DC của khách hàng', lines: [{ description: 'Bản quyền phần mềm', quantity: 1, unitPriceVnd: '800000000' }, { description: 'Tích hợp core banking', quantity: 2, unitPriceVnd: '150000000' }], validUntil: '2026-06-30' },
    });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({ status: 'draft', totalVnd: '1100000000' });
    expect(draft.body.number).toMatch(/^BG-2026-\d{4}$/);
    const declare = () => s.http('POST', '/api/v1/contracts', { token: t.am1, body: { customerId, product: 'EKYC', planCode: 'EKYC-ONPREM', quantity: 1, periodMonths: 12, signedDate: '2026-03-02', onpremQuoteId: draft.body.id } });
    expect((await declare()).body.error.code).toBe('QUOTE_REQUIRED');
    expect((await s.http('POST', `/api/v1/onprem-quotes/${draft.body.id}/approve`, { token: t['approver.ctkv1'], body: {} })).body.error.code).toBe('INVALID_TRANSITION');
    await s.http('POST', `/api/v1/onprem-quotes/${draft.body.id}/submit`, { token: t.am1, body: {} });
    expect((await s.http('POST', `/api/v1/onprem-quotes/${draft.body.id}/approve`, { token: t.am1, body: {} })).status).toBe(403);
    const approved = await s.http('POST', `/api/v1/onprem-quotes/${draft.body.id}/approve`, { token: t['approver.ctkv1'], body: {} });
    expect(approved.body.status).toBe('approved');
    const contract = await declare();
    expect(contract.status).toBe(201);
    expect(contract.body).toMatchObject({ totalVnd: '1100000000', plan: { code: 'EKYC-ONPREM' } });
    expect((await declare()).body.error.code).toBe('QUOTE_REQUIRED');
  });

  it('the trial policy: unlimited before its date, 40 minutes per meeting from it', async () => {
    expect((await s.http('GET', '/api/v1/catalog/trial-policy?product=MEETING')).body).toEqual({ product: 'MEETING', limitFrom: '2025-01-01', meetingMinutesLimit: 40 });
    const r = await s.http('PUT', '/api/v1/catalog/trial-policy?product=MEETING', { token: t.admin, body: { limitFrom: '2026-06-01', meetingMinutesLimit: 40 } });
    expect(r.body.limitFrom).toBe('2026-06-01');
  });
});
