import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, noDatabase, type TestSystem } from '../../test/system.ts';

/**
 * Item 14 of issue #8: bad text, dates and amounts answer 400 with a code and change nothing,
 * on every route (filters, writes, the VNPay IPN), instead of reaching PostgreSQL and answering 500.
 */
describe.skipIf(noDatabase)('edge validation: 400 with a code, nothing written', () => {
  let s: TestSystem;
  const t: Record<string, string> = {};
  let customerId: string;
  let awaitingId: string;

  /** What a refused request must leave untouched: the audit trail (its entries and sealed head) and the row counts. */
  const snapshot = async () => {
    await s.audit.seal();
    const [head] = await s.database.rows<{ count: string; last_hash: string; entries: string; last_id: string }>(sql`
      select h.count, h.last_hash, (select count(*) from audit.entries)::text as entries, (select max(id) from audit.entries)::text as last_id from audit.chain_head h`);
    const counts = await s.database.rows<Record<string, string>>(sql`
      select (select count(*) from identity.customers) customers, (select count(*) from support.tickets) tickets,
             (select count(*) from contracts.contracts) contracts, (select count(*) from catalog.onprem_quotes) quotes,
             (select count(*) from calendar.day_overrides) overrides, (select count(*) from payments.ipn_log) ipn,
             (select count(*) from platform.jobs) jobs`);
    const [c] = await s.database.rows<{ status: string; version: number }>(sql`select status, version from contracts.contracts where id = ${awaitingId}`);
    return { head, counts: counts[0], awaiting: c };
  };

  beforeAll(async () => {
    s = await createTestSystem();
    for (const u of ['admin', 'am1', 'accountant1', 'customer1', 'callcenter1']) t[u] = await s.login(u);
    customerId = (await s.http('GET', '/api/v1/me', { token: t.customer1 })).body.user.customer.id;
    const draft = await s.http('POST', '/api/v1/contracts', { token: t.am1, body: { customerId, product: 'MEETING', quantity: 2, periodMonths: 1, signedDate: '2026-03-02' } });
    awaitingId = draft.body.id;
    await s.http('POST', `/api/v1/contracts/${awaitingId}/submit`, { token: t.am1, body: {} });
    await s.jobs.drain();
  });
  afterAll(() => s?.close());

  // Every free-text filter of every GET list route (enums and patterns refuse NUL by themselves).
  const filters: [who: string, url: string][] = [
    ['admin', '/api/v1/contracts?q=%00'],
    ['admin', '/api/v1/contracts?customerId=%00'],
    ['admin', '/api/v1/contracts?unitId=%00'],
    ['admin', '/api/v1/tickets?q=%00'],
    ['admin', '/api/v1/tickets/export?q=%00'],
    ['callcenter1', '/api/v1/tickets/lookup?phone=090%00'],
    ['admin', '/api/v1/audit?actor=%00'],
    ['admin', '/api/v1/audit?action=%00'],
    ['admin', '/api/v1/audit?entityType=%00'],
    ['admin', '/api/v1/audit?entityId=%00'],
    ['admin', '/api/v1/payments?contractId=%00'],
    ['admin', '/api/v1/invoices?q=%00'],
    ['admin', '/api/v1/invoices?customerId=%00'],
    ['admin', '/api/v1/customers?q=%00'],
    ['admin', '/api/v1/admin/users?q=%00'],
    ['admin', '/api/v1/onprem-quotes?customerId=%00'],
    ['admin', '/api/v1/calendar/working-hours?unitId=%00'],
    ['admin', '/api/v1/calendar/days?from=2026-03-01&to=2026-03-31&unitId=%00'],
    ['admin', '/api/v1/contracts/ctr%00'],
    ['admin', '/api/v1/contracts/ctr%FF'], // not UTF-8 at all
  ];
  it.each(filters)('%s GET %s → 400 INVALID_TEXT', async (who, url) => {
    const r = await s.http('GET', url, { token: t[who] });
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body.error.code).toBe('INVALID_TEXT');
  });

  it('the VNPay IPN and return with a NUL answer 400 INVALID_TEXT and log nothing', async () => {
    const before = await snapshot();
    for (const path of ['ipn', 'return']) {
      const r = await s.http('GET', `/api/v1/payments/vnpay/${path}?vnp_TxnRef=%00&vnp_Amount=100&vnp_SecureHash=00`);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('INVALID_TEXT');
    }
    expect(await snapshot()).toEqual(before);
  });

  const lone = '\ud800';
  const writes: [label: string, who: string, method: string, url: () => string, body: () => unknown, code: string][] = [
    ['NUL in a customer name', 'admin', 'POST', () => '/api/v1/customers', () => ({ type: 'individual', name: 'Nguyễn\u0000Văn A', phone: '0912345678' }), 'INVALID_TEXT'],
    ['NUL in a ticket subject', 'callcenter1', 'POST', () => '/api/v1/tickets', () => ({ channel: 'hotline_9090', requestType: 'question', subject: 'Hỏi\u0000giá', description: 'Giá Meeting', customerPhone: '0912345678' }), 'INVALID_TEXT'],
    ['a lone surrogate in a contract note', 'am1', 'POST', () => '/api/v1/contracts', () => ({ customerId, product: 'MEETING', quantity: 1, periodMonths: 1, signedDate: '2026-03-02', note: `ghi chú ${lone}` }), 'INVALID_TEXT'],
    ['a lone surrogate as a key', 'am1', 'POST', () => '/api/v1/contracts', () => ({ customerId, product: 'MEETING', quantity: 1, signedDate: '2026-03-02', [lone]: 1 }), 'INVALID_TEXT'],
    ['signedDate 0000-01-01', 'am1', 'POST', () => '/api/v1/contracts', () => ({ customerId, product: 'MEETING', quantity: 1, periodMonths: 1, signedDate: '0000-01-01' }), 'VALIDATION_FAILED'],
    ['calendar day in year 1', 'admin', 'POST', () => '/api/v1/calendar/overrides', () => ({ date: '0001-01-01', kind: 'off', name: 'Ngày nghỉ' }), 'VALIDATION_FAILED'],
    ['calendar day in year 9999', 'admin', 'POST', () => '/api/v1/calendar/overrides', () => ({ date: '9999-12-31', kind: 'off', name: 'Ngày nghỉ' }), 'VALIDATION_FAILED'],
    ['paidAt -8.64e15', 'accountant1', 'POST', () => '/api/v1/payments/manual', () => ({ contractId: awaitingId, bankRef: 'UNC-1', amountVnd: '1000000', paidAt: -8.64e15 }), 'VALIDATION_FAILED'],
    ['paidAt in year 0', 'accountant1', 'POST', () => '/api/v1/payments/manual', () => ({ contractId: awaitingId, bankRef: 'UNC-1', amountVnd: '1000000', paidAt: '0000-01-01T00:00:00Z' }), 'VALIDATION_FAILED'],
    ['an On-Premise quote whose total overflows', 'am1', 'POST', () => '/api/v1/onprem-quotes', () => ({ customerId, product: 'MEETING', description: 'Triển khai On-Premise', lines: [{ description: 'Bản quyền', quantity: 1_000_000_000, unitPriceVnd: '999999999999999' }], validUntil: '2026-12-31' }), 'AMOUNT_TOO_LARGE'],
    ['an On-Premise quote whose lines add up past the limit', 'am1', 'POST', () => '/api/v1/onprem-quotes', () => ({ customerId, product: 'MEETING', description: 'Triển khai On-Premise', lines: [{ description: 'Bản quyền', quantity: 1, unitPriceVnd: '999999999999999' }, { description: 'Bảo trì', quantity: 1, unitPriceVnd: '1' }], validUntil: '2026-12-31' }), 'AMOUNT_TOO_LARGE'],
  ];
  it.each(writes)('%s → 400 with a code, nothing written', async (_label, who, method, url, body, code) => {
    const before = await snapshot();
    const r = await s.http(method, url(), { token: t[who], body: body() });
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body.error.code).toBe(code);
    expect(await snapshot()).toEqual(before);
  });

  it('dates outside 2000–2100 in filters are refused too', async () => {
    for (const url of ['/api/v1/calendar/days?from=0001-01-01&to=0001-12-31', '/api/v1/contracts?expiringBefore=0000-01-01', '/api/v1/audit?from=-271821-04-20T00:00:00Z', '/api/v1/support/dashboard?from=9999-01-01&to=9999-12-31']) {
      const r = await s.http('GET', url, { token: t.admin });
      expect(r.status, url).toBe(400);
      expect(r.body.error.code, url).toBe('VALIDATION_FAILED');
    }
  });

  it('good text, dates and amounts still pass', async () => {
    const ok = await s.http('GET', `/api/v1/contracts?q=${encodeURIComponent('Sao Mai 🙂')}&expiringBefore=2100-12-31`, { token: t.admin });
    expect(ok.status).toBe(200);
    const paid = await s.http('POST', '/api/v1/payments/manual', { token: t.accountant1, body: { contractId: awaitingId, bankRef: 'UNC-OK', amountVnd: '1000000', paidAt: '2026-03-02T08:00:00+07:00' } });
    expect(paid.status, JSON.stringify(paid.body)).toBe(201);
    expect(paid.body.paidAt).toBe('2026-03-02T01:00:00.000Z');
  });
});
