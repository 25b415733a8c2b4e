import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, noDatabase, type TestSystem } from '../../../test/system.ts';

/** Privacy of the phone lookup and the caller's scope on every id a ticket intake names (#8 items 4 and 13). */
describe.skipIf(noDatabase)('support desk: who may look customers up, and ids in the intake body', () => {
  let s: TestSystem;
  const t: Record<string, string> = {};
  let ctkv2: { customerId: string; contractId: string };
  const intake = { channel: 'am_kam', requestType: 'question', level: 1, subject: 'Hỏi giá', description: 'Khách hỏi giá gia hạn' };
  const counts = async () =>
    (
      await s.database.rows<Record<string, string>>(sql`select (select count(*) from support.tickets)::text as tickets, (select count(*) from identity.customers)::text as customers,
        (select count(*) from catalog.onprem_quotes)::text as quotes, (select count(*) from audit.entries)::text as audit`)
    )[0];

  beforeAll(async () => {
    s = await createTestSystem();
    for (const u of ['admin', 'am1', 'callcenter1', 'customer1', 'ops1']) t[u] = await s.login(u);
    const unit = s.identity.orgUnitByCode('CTKV2-KHDN')!;
    const customer = await s.http('POST', '/api/v1/customers', { token: t.admin, body: { type: 'individual', name: 'Đinh Văn Khu Hai', email: 'kv2@example.vn', phone: '0977000222', managingUnitId: unit.id } });
    const contract = await s.http('POST', '/api/v1/contracts', { token: t.admin, body: { customerId: customer.body.id, product: 'MEETING', quantity: 5, periodMonths: 12, signedDate: '2026-02-27' } });
    expect(contract.status).toBe(201);
    ctkv2 = { customerId: customer.body.id, contractId: contract.body.id };
  });
  afterAll(() => s?.close());

  it('a customer, or staff who take no calls, get 403 from the phone lookup', async () => {
    for (const who of ['customer1', 'ops1']) {
      const r = await s.http('GET', '/api/v1/tickets/lookup?phone=0901234567', { token: t[who] });
      expect(r.status, who).toBe(403);
      expect(r.body.error).toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('the call center finds the caller in any region, written 0… or +84…; an AM only within their CTKV', async () => {
    for (const phone of ['0901234567', '%2B84901234567']) {
      const r = await s.http('GET', `/api/v1/tickets/lookup?phone=${phone}`, { token: t.callcenter1 });
      expect(r.body.customers.map((c: { name: string }) => c.name)).toEqual(['Lý Thị Quỳnh']);
    }
    expect((await s.http('GET', '/api/v1/tickets/lookup?phone=0977000222', { token: t.callcenter1 })).body.customers).toHaveLength(1);
    const am = await s.http('GET', '/api/v1/tickets/lookup?phone=0977000222', { token: t.am1 });
    expect(am.status).toBe(200);
    expect(am.body.customers).toEqual([]);
    expect((await s.http('GET', '/api/v1/tickets/lookup?phone=0901234567', { token: t.am1 })).body.customers).toHaveLength(1);
  });

  it('an AM of CTKV 1 cannot file a ticket on a CTKV 2 customer or contract: 404 and nothing written', async () => {
    const before = await counts();
    for (const body of [{ customerId: ctkv2.customerId }, { contractId: ctkv2.contractId }, { customerId: 'cus_unknown' }]) {
      const r = await s.http('POST', '/api/v1/tickets', { token: t.am1, body: { ...intake, ...body } });
      expect(r.status, JSON.stringify(body)).toBe(404);
      expect(r.body.error.code).toBe('NOT_FOUND');
    }
    expect(await counts()).toEqual(before);
    // By the CTKV 2 customer's phone the AM files an anonymous request: the customer is not attached.
    const byPhone = await s.http('POST', '/api/v1/tickets', { token: t.am1, body: { ...intake, customerPhone: '0977000222' } });
    expect(byPhone.status).toBe(201);
    expect(byPhone.body.customer).toBeNull();
    // The call center, which serves every region, may.
    const cc = await s.http('POST', '/api/v1/tickets', { token: t.callcenter1, body: { ...intake, channel: 'hotline_9090', contractId: ctkv2.contractId } });
    expect(cc.status).toBe(201);
    expect(cc.body.customer).toMatchObject({ id: ctkv2.customerId });
  });

  it('a customer cannot name someone else\'s contract', async () => {
    const before = await counts();
    const r = await s.http('POST', '/api/v1/tickets', { token: t.customer1, body: { channel: 'web_portal', requestType: 'question', subject: 'Hỏi', description: 'Hỏi', contractId: ctkv2.contractId } });
    expect(r.status).toBe(404);
    expect(await counts()).toEqual(before);
  });

  it('a phone shared by several customers is not guessed at: 409 with the candidates, then the receiver chooses', async () => {
    const unit = s.identity.orgUnitByCode('CTKV1-KHDN')!;
    const ids: string[] = [];
    for (const [name, email] of [['Hồ Thị Chung', 'chung1@example.vn'], ['Hồ Văn Chung', 'chung2@example.vn']]) {
      ids.push((await s.http('POST', '/api/v1/customers', { token: t.admin, body: { type: 'individual', name, email, phone: '0966000111', managingUnitId: unit.id } })).body.id);
    }
    const lookup = await s.http('GET', '/api/v1/tickets/lookup?phone=0966000111', { token: t.callcenter1 });
    expect(lookup.body.customers.map((c: { id: string }) => c.id).sort()).toEqual([...ids].sort());
    const before = await counts();
    const r = await s.http('POST', '/api/v1/tickets', { token: t.callcenter1, body: { ...intake, channel: 'hotline_9090', customerPhone: '0966000111' } });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('CUSTOMER_AMBIGUOUS');
    expect(r.body.error.details.candidates.map((c: { id: string }) => c.id).sort()).toEqual([...ids].sort());
    expect(await counts()).toEqual(before);
    const chosen = await s.http('POST', '/api/v1/tickets', { token: t.callcenter1, body: { ...intake, channel: 'hotline_9090', customerPhone: '0966000111', customerId: ids[1] } });
    expect(chosen.status).toBe(201);
    expect(chosen.body.customer).toMatchObject({ id: ids[1], name: 'Hồ Văn Chung' });
  });

  it('self-registration refuses an e-mail or phone already used by another account or customer', async () => {
    const body = { username: 'trung.lap', password: 'Matkhau123', fullName: 'Người Trùng Lặp', email: 'trung.lap@example.vn', phone: '0911222333' };
    const before = await counts();
    for (const [change, code] of [
      [{ email: 'Customer1@Example.vn' }, 'EMAIL_TAKEN'],
      [{ email: 'kv2@example.vn' }, 'EMAIL_TAKEN'],
      [{ phone: '0901234567' }, 'PHONE_TAKEN'],
      [{ phone: '+84977000222' }, 'PHONE_TAKEN'],
    ] as const) {
      const r = await s.http('POST', '/api/v1/auth/register', { body: { ...body, ...change } });
      expect(r.status, JSON.stringify(change)).toBe(409);
      expect(r.body.error.code).toBe(code);
    }
    expect(await counts()).toEqual(before);
    expect((await s.http('POST', '/api/v1/auth/register', { body })).status).toBe(201);
  });

  it('other body ids are checked against the scope too: a customer\'s managing unit and sales person, an On-Premise quote\'s customer (and quotes are listed and decided within scope)', async () => {
    const before = await counts();
    const ctkv2Unit = s.identity.orgUnitByCode('CTKV2-KHDN')!.id;
    const base = { type: 'individual', name: 'Tạ Văn Phạm Vi', email: 'phamvi@example.vn', phone: '0955000444' };
    const unit = await s.http('POST', '/api/v1/customers', { token: t.am1, body: { ...base, managingUnitId: ctkv2Unit } });
    expect(unit.status).toBe(403);
    const admin = (await s.http('GET', '/api/v1/admin/users?q=admin', { token: t.admin })).body.items[0];
    const sales = await s.http('POST', '/api/v1/customers', { token: t.am1, body: { ...base, salesUserId: admin.id } });
    expect(sales.status).toBe(404);
    const moved = await s.http('PATCH', '/api/v1/customers/' + (await s.http('GET', '/api/v1/tickets/lookup?phone=0901234567', { token: t.am1 })).body.customers[0].id, { token: t.am1, body: { managingUnitId: ctkv2Unit } });
    expect(moved.status).toBe(403);
    const quote = await s.http('POST', '/api/v1/onprem-quotes', {
      token: t.am1,
      body: { customerId: ctkv2.customerId, product: 'EKYC', description: 'Triển khai tại chỗ', lines: [{ description: 'Bản quyền', quantity: 1, unitPriceVnd: '100000000' }], validUntil: '2026-06-30' },
    });
    expect(quote.status).toBe(404);
    expect(await counts()).toEqual(before);
    // A quote of a CTKV 1 customer cannot be decided by the approver of another CTKV.
    const own = await s.http('POST', '/api/v1/onprem-quotes', {
      token: t.am1,
      body: { customerId: (await s.http('GET', '/api/v1/tickets/lookup?phone=0901234567', { token: t.am1 })).body.customers[0].id, product: 'EKYC', description: 'Triển khai tại chỗ', lines: [{ description: 'Bản quyền', quantity: 1, unitPriceVnd: '100000000' }], validUntil: '2026-06-30' },
    });
    await s.http('POST', `/api/v1/onprem-quotes/${own.body.id}/submit`, { token: t.am1, body: {} });
    const approver2 = await s.identity.createUser(
      { actor: { kind: 'system', id: null, name: 'test', roles: [], orgUnitId: null, orgUnitPath: null, customerId: null }, locale: 'vi' },
      { username: 'approver.ctkv2', password: 'Matkhau123', fullName: 'Phê duyệt KV2', email: 'approver.ctkv2@example.vn', roles: ['approver_ctkv'], orgUnitId: s.identity.orgUnitByCode('CTKV2')!.id },
    );
    const approver2Token = await s.login(approver2.username, 'Matkhau123');
    const decided = await s.http('POST', `/api/v1/onprem-quotes/${own.body.id}/approve`, { token: approver2Token, body: {} });
    expect(decided.status).toBe(404);
    // Nor listed to them, with its customer's name; the approver of CTKV 1 sees it.
    expect((await s.http('GET', '/api/v1/onprem-quotes', { token: approver2Token })).body.items.map((q: { id: string }) => q.id)).not.toContain(own.body.id);
    expect((await s.http('GET', '/api/v1/onprem-quotes', { token: await s.login('approver.ctkv1') })).body.items.map((q: { id: string }) => q.id)).toContain(own.body.id);
    const quotes = await s.http('GET', '/api/v1/onprem-quotes', { token: t.admin });
    expect(quotes.body.items.find((q: { id: string }) => q.id === own.body.id).status).toBe('submitted');
  });
});
