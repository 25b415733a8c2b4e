import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, noDatabase, type TestSystem } from '../../../test/system.ts';
import { customers } from '../customers/db/schema.ts';

/** Through the whole system: a payment always leaves an invoice or a visible reason; customers see their own invoices. */
describe.skipIf(noDatabase)('invoices of payments, the needs-data queue, customers and contracts', () => {
  let s: TestSystem;
  const t: Record<string, string> = {};
  const paid: Record<string, { contractId: string; paymentId: string }> = {};

  /** A customer orders and pays at the VNPay simulator (IPN), then the day is reconciled: the invoice is requested. */
  const orderAndPay = async (who: string) => {
    const r = await s.http('POST', '/api/v1/orders', { token: t[who], body: { product: 'MEETING', quantity: 1, periodMonths: 1 } });
    expect(r.status).toBe(201);
    const payUrl = new URL(r.body.payUrl);
    const res = await fetch(payUrl, { redirect: 'manual' });
    expect([302, 303]).toContain(res.status);
    const ref = payUrl.searchParams.get('vnp_TxnRef')!;
    s.simulators.vnpay!.completePayment(ref);
    expect((await s.simulators.vnpay!.ipnSettled(ref))?.ipn.confirmed).toBe(true);
    const rec = await s.http('POST', '/api/v1/payments/reconciliations', { token: t.accountant1, body: { date: '2026-03-02' } });
    // A plain match is counted, not listed: the day's list holds what needs a look.
    expect(rec.body.summary.matched).toBeGreaterThanOrEqual(1);
    expect(rec.body.items.find((i: { txnRef: string }) => i.txnRef === ref)).toBeUndefined();
    await s.jobs.drain();
    paid[who] = { contractId: r.body.contractId, paymentId: r.body.paymentId };
    const list = await s.http('GET', `/api/v1/invoices?contractId=${r.body.contractId}`, { token: t.invoice1 });
    expect(list.body.items).toHaveLength(1);
    return list.body.items[0];
  };

  beforeAll(async () => {
    s = await createTestSystem();
    for (const u of ['admin', 'am1', 'customer1', 'enterprise1', 'accountant1', 'invoice1']) t[u] = await s.login(u);
  });
  afterAll(() => s?.close());

  it('an enterprise without an address (legacy data) pays: the invoice waits in needs_data with the reason, counted; the officer re-sends it from the corrected customer', async () => {
    const me = await s.http('GET', '/api/v1/me', { token: t.enterprise1 });
    const customerId = me.body.user.customer.id;
    const [legacy] = await s.database.db.update(customers).set({ address: null }).where(eq(customers.id, customerId)).returning();
    expect(legacy.taxCode).toBeTruthy();

    const inv = await orderAndPay('enterprise1');
    expect(inv).toMatchObject({ status: 'needs_data', number: null, customerId, dataProblems: ['Người mua có mã số thuế nhưng thiếu địa chỉ (buyer.address)'] });
    const counts = await s.http('GET', '/api/v1/invoices/counts', { token: t.invoice1 });
    expect(counts.body).toMatchObject({ needs_data: 1 });
    expect((await s.http('GET', '/api/v1/invoices/counts', { token: t.enterprise1 })).status).toBe(403);
    const queue = await s.http('GET', '/api/v1/invoices?status=needs_data', { token: t.invoice1 });
    expect(queue.body.items.map((i: { id: string }) => i.id)).toEqual([inv.id]);

    // re-sent as it is: refused with the reason, nothing changes
    const again = await s.http('POST', `/api/v1/invoices/${inv.id}/retry`, { token: t.invoice1, body: { buyerFromCustomer: true } });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('VALIDATION_FAILED');
    // the customer's record is corrected where it is entered, then the officer re-sends from it
    const fixed = await s.http('PATCH', `/api/v1/customers/${customerId}`, { token: t.admin, body: { address: '15 Trần Hưng Đạo, Hoàn Kiếm, Hà Nội' } });
    expect(fixed.status).toBe(200);
    const resent = await s.http('POST', `/api/v1/invoices/${inv.id}/retry`, { token: t.invoice1, body: { buyerFromCustomer: true } });
    expect(resent.status).toBe(200);
    expect(resent.body).toMatchObject({ status: 'pending', buyer: { address: '15 Trần Hưng Đạo, Hoàn Kiếm, Hà Nội' }, dataProblems: [] });
    await s.jobs.drain();
    const issued = await s.http('GET', `/api/v1/invoices/${inv.id}`, { token: t.invoice1 });
    expect(issued.body).toMatchObject({ status: 'issued', number: expect.any(Number) });
    expect((await s.http('GET', '/api/v1/invoices/counts', { token: t.invoice1 })).body).toMatchObject({ needs_data: 0 });
    const trail = await s.audit.list({ entityType: 'invoice', entityId: inv.id, page: 1, pageSize: 20 });
    expect(trail.items.map((e) => e.action)).toEqual(expect.arrayContaining(['invoice.requested', 'invoice.retry_requested', 'invoice.issued']));
  });

  it('customers list, print and download only their own invoices; another customer\'s id is 404; staff see all', async () => {
    await orderAndPay('customer1');
    const mine = await s.http('GET', '/api/v1/invoices', { token: t.customer1 });
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((i: { contractId: string }) => i.contractId === paid.customer1.contractId)).toBe(true);
    expect(mine.body.items[0]).not.toHaveProperty('lastError');
    const theirs = await s.http('GET', '/api/v1/invoices', { token: t.enterprise1 });
    expect(theirs.status).toBe(200);
    expect(theirs.body.items.map((i: { contractId: string }) => i.contractId)).toEqual([paid.enterprise1.contractId]);

    const own = mine.body.items[0].id;
    const other = theirs.body.items[0].id;
    expect((await s.http('GET', `/api/v1/invoices/${own}/html`, { token: t.customer1 })).status).toBe(200);
    expect((await s.http('GET', `/api/v1/invoices/${own}/xml`, { token: t.customer1 })).status).toBe(200);
    for (const path of ['', '/html', '/xml']) {
      expect((await s.http('GET', `/api/v1/invoices/${other}${path}`, { token: t.customer1 })).status, path).toBe(404);
      expect((await s.http('GET', `/api/v1/invoices/${own}${path}`, { token: t.enterprise1 })).status, path).toBe(404);
    }
    // a customer cannot widen the list by naming another customer
    const probe = await s.http('GET', `/api/v1/invoices?customerId=${theirs.body.items[0].customerId}`, { token: t.customer1 });
    expect(probe.body.items.map((i: { id: string }) => i.id)).not.toContain(other);
    const staff = await s.http('GET', '/api/v1/invoices?pageSize=100', { token: t.invoice1 });
    expect(staff.body.items.map((i: { id: string }) => i.id)).toEqual(expect.arrayContaining([own, other]));
  });

  it("the contract's payments and invoices, for whoever may see the contract", async () => {
    const { contractId, paymentId } = paid.customer1;
    const money = await s.http('GET', `/api/v1/contracts/${contractId}/money`, { token: t.customer1 });
    expect(money.status).toBe(200);
    expect(money.body.payments).toEqual([expect.objectContaining({ id: paymentId, status: 'paid', amountVnd: expect.any(String) })]);
    expect(money.body.invoices).toEqual([expect.objectContaining({ contractId, status: 'issued', sourcePaymentId: paymentId })]);
    expect(money.body.invoices[0]).not.toHaveProperty('lastError');
    expect((await s.http('GET', `/api/v1/contracts/${contractId}/money`, { token: t.enterprise1 })).status).toBe(404);
    expect((await s.http('GET', `/api/v1/contracts/${contractId}/money`, { token: t.accountant1 })).status).toBe(200);
    expect((await s.http('GET', '/api/v1/contracts/ctr_nosuch/money', { token: t.customer1 })).status).toBe(404);
  });
});
