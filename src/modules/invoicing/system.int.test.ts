// Rename to system.int.test.ts once app.ts wires InvoicingService (s.invoicing, s.simulators.einvoice), the migration, the
// permissions, error codes and the invoice.push_failed template are in: it checks the whole chain through createTestSystem().
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, noDatabase, type TestSystem } from '../../../test/system.ts';
import { systemCtx } from '../../platform/context.ts';
import { messages } from '../notifications/db/schema.ts';
import { MEETING_LINE, PERSON } from './domain/sample.test-util.ts';

describe.skipIf(noDatabase)('invoicing wired into the system', () => {
  let s: TestSystem;
  beforeAll(async () => {
    s = await createTestSystem();
  });
  afterAll(() => s?.close());

  it('issues through the simulator and serves it over HTTP', async () => {
    const inv = await s.database.db.transaction((tx) => s.invoicing.requestInvoice(tx, systemCtx('system:payments'), { paymentId: 'pay_sys1', paidAt: s.clock.now(), buyer: PERSON, lines: [MEETING_LINE] }));
    await s.jobs.drain();
    const officer = await s.login('invoice1');
    const res = await s.http('GET', `/api/v1/invoices/${inv.id}`, { token: officer });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'issued', number: 1, series: 'C26TMB' });
    const html = await s.http('GET', `/api/v1/invoices/${inv.id}/html`, { token: officer });
    expect(html.status).toBe(200);
    const am = await s.login('am1');
    expect((await s.http('GET', '/api/v1/invoices', { token: am })).status).toBe(403);
    const acc = await s.login('accountant1');
    expect((await s.http('POST', `/api/v1/invoices/${inv.id}/cancel`, { token: acc, body: { reason: 'xxxx' } })).status).toBe(403);
  });

  it('after the last attempt the invoice officers get the e-mail', async () => {
    s.simulators.einvoice!.setDown(true);
    const inv = await s.database.db.transaction((tx) => s.invoicing.requestInvoice(tx, systemCtx('system:payments'), { paymentId: 'pay_sys2', paidAt: s.clock.now(), buyer: PERSON, lines: [MEETING_LINE] }));
    for (let i = 0; i < 12; i++) {
      await s.jobs.drain();
      s.clock.advance(3_600_000);
    }
    const officer = await s.login('invoice1');
    const res = await s.http('GET', `/api/v1/invoices/${inv.id}`, { token: officer });
    expect(res.body).toMatchObject({ status: 'failed', attempts: 8 });
    const mails = await s.database.db.select().from(messages).where(eq(messages.template, 'invoice.push_failed'));
    expect(mails.length).toBeGreaterThan(0);
    expect(mails[0].subject).toContain('Không phát hành được hoá đơn điện tử');
    const down = await s.http('POST', `/api/v1/invoices/${inv.id}/retry`, { token: officer, body: {} });
    expect(down.status).toBe(200);
    s.simulators.einvoice!.setDown(false);
    await s.jobs.drain();
    expect((await s.http('GET', `/api/v1/invoices/${inv.id}`, { token: officer })).body).toMatchObject({ status: 'issued', number: 2 });
  });
});
