import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, noDatabase, type TestSystem } from '../system.ts';

/** What the fuzzer and the access matrix found (issue #10 items 5 and 6), each fixed in the product and pinned here. */
describe.skipIf(noDatabase)('holes found by the robustness tests', () => {
  let s: TestSystem;
  const t: Record<string, string> = {};
  let contractId: string;
  let ticketId: string;
  const counts = async () =>
    (
      await s.database.rows<Record<string, string>>(sql`
        select (select count(*) from audit.entries)::text audit, (select count(*) from support.ticket_events)::text events,
               (select count(*) from platform.files)::text files, (select count(*) from payments.payments)::text payments`)
    )[0];

  beforeAll(async () => {
    s = await createTestSystem();
    for (const u of ['admin', 'am1', 'customer1', 'accountant1', 'invoice1', 'collector1', 'approver.ctkv1', 'callcenter1', 'ops1']) t[u] = await s.login(u);
    const order = await s.http('POST', '/api/v1/orders', { token: t.customer1, body: { product: 'MEETING', quantity: 1, periodMonths: 1 } });
    contractId = order.body.contractId;
    const ticket = await s.http('POST', '/api/v1/tickets', { token: t.customer1, body: { channel: 'web_portal', requestType: 'question', subject: 'Hỏi giá', description: 'Khách hỏi giá', contractId } });
    expect(ticket.status).toBe(201);
    ticketId = ticket.body.id;
  }, 120_000);
  afterAll(() => s?.close());

  it('the subscriber simulator refuses a number it cannot read with 422, not 500', async () => {
    const body = { msisdn: 'khong-phai-so', type: 'postpaid', name: 'Thuê bao thử', address: 'Hà Nội', debtVnd: '0' };
    const r = await s.http('POST', '/api/v1/simulators/subscribers', { token: t.admin, body });
    expect(r.status, JSON.stringify(r.body)).toBe(422);
    expect(r.body.error.code).toBe('NOT_MOBIFONE_NUMBER');
    expect((await s.http('POST', '/api/v1/simulators/subscribers', { token: t.admin, body: { ...body, msisdn: '0901999888' } })).status).toBe(200);
  });

  it('staff without ticket.read (accounting, invoices, collection) neither read a ticket nor write on it', async () => {
    const before = await counts();
    for (const who of ['accountant1', 'invoice1', 'collector1']) {
      expect((await s.http('GET', `/api/v1/tickets/${ticketId}`, { token: t[who] })).status, who).toBe(403);
      expect((await s.http('POST', `/api/v1/tickets/${ticketId}/comments`, { token: t[who], body: { body: 'Ghi chú', visibility: 'internal' } })).status, who).toBe(403);
      const pdf = Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64');
      expect((await s.http('POST', `/api/v1/tickets/${ticketId}/attachments`, { token: t[who], body: { name: 'a.pdf', contentBase64: pdf } })).status, who).toBe(403);
    }
    expect(await counts()).toEqual(before);
    // The desks that do read tickets still do.
    for (const who of ['callcenter1', 'am1', 'ops1', 'customer1']) expect((await s.http('GET', `/api/v1/tickets/${ticketId}`, { token: t[who] })).status, who).toBe(200);
  });

  it('only the customer and sellers get a contract\'s payment link: staff who only read contracts get 403 and no payment is made', async () => {
    const before = await counts();
    for (const who of ['approver.ctkv1', 'accountant1', 'callcenter1', 'ops1', 'invoice1', 'collector1']) {
      const r = await s.http('POST', `/api/v1/contracts/${contractId}/payment-link`, { token: t[who], body: {} });
      expect(r.status, who).toBe(403);
    }
    expect(await counts()).toEqual(before);
    for (const who of ['customer1', 'am1', 'admin']) expect((await s.http('POST', `/api/v1/contracts/${contractId}/payment-link`, { token: t[who], body: {} })).status, who).toBe(200);
  });
});
