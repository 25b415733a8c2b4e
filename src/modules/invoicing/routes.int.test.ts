import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import { registerAuth } from '../../http/auth.ts';
import { createServer, type Server } from '../../http/server.ts';
import { FixedClock } from '../../platform/clock.ts';
import type { Actor } from '../../platform/context.ts';
import { JobQueue } from '../../platform/jobs.ts';
import { startEinvoiceSimulator, type RunningEinvoiceSimulator } from '../../simulators/einvoice/index.ts';
import { noDatabase } from '../../../test/system.ts';
import { AuditLog } from '../audit/index.ts';
import type { IdentityService } from '../identity/index.ts';
import { invoicingConfig } from './config.ts';
import { COMPANY, MEETING_LINE, PERSON } from './domain/sample.test-util.ts';
import { MInvoiceAdapter } from './minvoice/adapter.ts';
import { invoiceRoutes } from './routes.ts';
import { InvoicingService } from './service.ts';
import { openInvoicingTestDatabase } from './tables.test-util.ts';

const actor = (id: string, roles: string[], customerId: string | null = null): Actor => ({ kind: 'user', id, name: id, roles, orgUnitId: null, orgUnitPath: null, customerId });
/** Bearer token → actor (a stand-in for identity's sessions). */
const SESSIONS: Record<string, Actor> = {
  officer: actor('usr_officer', ['invoice_officer']),
  accountant: actor('usr_accountant', ['accountant']),
  am: actor('usr_am', ['am']),
  customer: actor('usr_customer', ['customer'], 'cus_1'),
  other: actor('usr_other', ['customer'], 'cus_2'),
};

describe.skipIf(noDatabase)('invoice routes', () => {
  const clock = new FixedClock('2026-03-02T02:00:00Z');
  let database: Database;
  let sim: RunningEinvoiceSimulator;
  let app: Server;
  let queue: JobQueue;
  let svc: InvoicingService;

  const http = async (method: string, url: string, token?: string, body?: unknown) => {
    const res = await app.inject({
      method: method as 'GET',
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      payload: body !== undefined ? JSON.stringify(body) : undefined,
    });
    let json: any;
    try {
      json = JSON.parse(res.body);
    } catch {
      json = undefined;
    }
    return { status: res.statusCode, body: json, text: res.body, headers: res.headers };
  };

  const request = (paymentId: string, customerId = 'cus_1', buyer = PERSON) =>
    database.db.transaction((tx) => svc.requestInvoice(tx, { actor: actor('usr_sys', []), locale: 'vi' }, { paymentId, paidAt: clock.now(), buyer, lines: [MEETING_LINE], customerId }));

  beforeAll(async () => {
    database = await openInvoicingTestDatabase();
    sim = await startEinvoiceSimulator({ clock });
    queue = new JobQueue(database, clock);
    svc = new InvoicingService(database, clock, {
      audit: new AuditLog(database, clock, 'test-audit-key-0123456789-0123456789'),
      jobs: queue,
      provider: new MInvoiceAdapter({ baseUrl: sim.url, username: 'qldv', password: 'qldv-einvoice', maDvcs: 'VP', timeoutMs: 2_000 }),
      notifications: { email: async () => undefined },
      officerEmails: async () => [],
      config: invoicingConfig({ env: 'test' }),
    });
    app = await createServer({ logLevel: 'silent', version: 'test' });
    const identity = {
      authenticate: async (token: string) => (SESSIONS[token] ? { sessionId: `ses_${token}`, user: { locale: 'vi' }, actor: SESSIONS[token] } : null),
      csrfTokenValid: () => true,
    } as unknown as IdentityService;
    registerAuth(app, identity);
    invoiceRoutes(app, svc);
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await sim?.stop();
    await database?.close();
  });

  it('lists and shows invoices with money as strings; 401 without a session, 403 without the permission', async () => {
    const inv = await request('pay_r1');
    await queue.drain();
    expect((await http('GET', '/api/v1/invoices')).status).toBe(401);
    expect((await http('GET', '/api/v1/invoices', 'am')).status).toBe(403);
    const list = await http('GET', '/api/v1/invoices?status=issued&q=Nguy%E1%BB%85n&page=1&pageSize=10', 'accountant');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ total: 1, page: 1, pageSize: 10, items: [{ id: inv.id, status: 'issued', number: 1, totalVnd: '8100000', vatVnd: '0' }] });
    expect((await http('GET', '/api/v1/invoices?bogus=1', 'accountant')).status).toBe(400);
    const one = await http('GET', `/api/v1/invoices/${inv.id}`, 'officer');
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: inv.id, totalInWords: 'Tám triệu một trăm nghìn đồng', lines: [{ amount: '8100000', unitPrice: '450000', rate: 'KCT' }], byRate: [{ rate: 'KCT', amount: '8100000', vat: '0' }], actions: ['cancel', 'replace'] });
  });

  it('serves the XML and the printable HTML; a customer sees only their own', async () => {
    const inv = (await svc.byPayment('pay_r1'))!;
    const xml = await http('GET', `/api/v1/invoices/${inv.id}/xml`, 'customer');
    expect(xml.status).toBe(200);
    expect(xml.headers['content-type']).toMatch(/^application\/xml/);
    expect(xml.headers['content-disposition']).toBe('attachment; filename="1C26TMB-00000001.xml"');
    expect(xml.text).toContain('<KHHDon>C26TMB</KHHDon><SHDon>1</SHDon>');
    const html = await http('GET', `/api/v1/invoices/${inv.id}/html`, 'customer');
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.text).toContain('HÓA ĐƠN GIÁ TRỊ GIA TĂNG');
    expect((await http('GET', `/api/v1/invoices/${inv.id}`, 'other')).status).toBe(404);
    const pending = await request('pay_r2', 'cus_2');
    expect((await http('GET', `/api/v1/invoices/${pending.id}/xml`, 'officer')).status).toBe(409);
    expect((await http('GET', '/api/v1/invoices', 'customer')).body.items.map((i: { id: string }) => i.id)).toEqual([inv.id]);
    await queue.drain();
  });

  it('replace, cancel and retry: permission first, strict bodies, then the service', async () => {
    const inv = (await svc.byPayment('pay_r1'))!;
    expect((await http('POST', `/api/v1/invoices/${inv.id}/cancel`, 'accountant', { reason: 'Sai thông tin' })).status).toBe(403);
    expect((await http('POST', `/api/v1/invoices/${inv.id}/cancel`, 'officer', { reason: 'ok', extra: 1 })).body.error.code).toBe('VALIDATION_FAILED');
    const bad = await http('POST', `/api/v1/invoices/${inv.id}/replace`, 'officer', { reason: 'Sai giá', lines: [{ ...MEETING_LINE, unitPrice: 450000.5 }] });
    expect(bad.status).toBe(400);
    const replaced = await http('POST', `/api/v1/invoices/${inv.id}/replace`, 'officer', {
      reason: 'Sai người mua',
      buyer: { ...COMPANY, taxCode: '0312345678' },
      lines: [{ code: 'MEETING-SAAS', name: 'MobiFone Meeting – 3 phòng × 6 tháng', unit: 'Phòng/tháng', quantity: 18, unitPrice: '450000', rate: 'KCT' }],
    });
    expect(replaced.status).toBe(201);
    expect(replaced.body).toMatchObject({ status: 'pending', replacesId: inv.id, totalVnd: '8100000', buyer: { taxCode: '0312345678' } });
    await queue.drain();
    expect((await http('GET', `/api/v1/invoices/${inv.id}`, 'officer')).body).toMatchObject({ status: 'replaced', replacedById: replaced.body.id });

    const cancel = await http('POST', `/api/v1/invoices/${replaced.body.id}/cancel`, 'officer', { reason: 'Khách hàng trả lại dịch vụ' });
    expect(cancel.status).toBe(200);
    expect(cancel.body).toMatchObject({ status: 'cancelling', cancelReason: 'Khách hàng trả lại dịch vụ' });
    await queue.drain();
    expect((await http('GET', `/api/v1/invoices/${replaced.body.id}`, 'officer')).body).toMatchObject({ status: 'cancelled' });
    const retry = await http('POST', `/api/v1/invoices/${replaced.body.id}/retry`, 'officer', {});
    expect(retry.status).toBe(409);
    expect(retry.body.error.code).toBe('INVALID_TRANSITION');
  });
});
