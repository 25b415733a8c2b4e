import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, driver, noDatabase, type TestSystem } from '../../../test/system.ts';
import { signParams } from './vnpay/protocol.ts';

describe.skipIf(noDatabase)('payments through VNPay: orders, links, IPN, querydr, reconciliation, refunds', () => {
  let s: TestSystem;
  const t: Record<string, string> = {};
  const secret = () => s.config.vnpay.hashSecret;
  const sim = () => s.simulators.vnpay!;
  const txnRefOf = (payUrl: string) => new URL(payUrl).searchParams.get('vnp_TxnRef')!;
  const queryOf = (url: string) => Object.fromEntries(new URL(url).searchParams);
  const ipn = (q: Record<string, string>) => s.http('GET', `/api/v1/payments/vnpay/ipn?${new URLSearchParams(q)}`);
  const resign = (q: Record<string, string>) => {
    const { vnp_SecureHash: _h, vnp_SecureHashType: _t, ...fields } = q;
    return { ...fields, vnp_SecureHash: signParams(fields, secret()) };
  };
  /** Opens the simulator's payment page as a browser would: the simulator records the transaction. */
  const openPayPage = async (payUrl: string) => {
    const res = await fetch(payUrl, { redirect: 'manual' });
    expect([302, 303]).toContain(res.status);
  };

  beforeAll(async () => {
    s = await createTestSystem();
    for (const u of ['admin', 'am1', 'customer1', 'accountant1', 'enterprise1']) t[u] = await s.login(u);
  });
  afterAll(() => s?.close());

  it('C1: an order returns a signed VNPay URL; paying at the simulator sends the IPN and the contract is active at once', async () => {
    const r = await s.http('POST', '/api/v1/orders', { token: t.customer1, body: { product: 'MEETING', quantity: 2, periodMonths: 6 } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ contractId: expect.stringMatching(/^ctr_/), paymentId: expect.stringMatching(/^pay_/) });
    const q = queryOf(r.body.payUrl);
    expect(q).toMatchObject({ vnp_Version: '2.1.0', vnp_Command: 'pay', vnp_TmnCode: s.config.vnpay.tmnCode, vnp_Amount: '540000000', vnp_CurrCode: 'VND' });
    expect(q.vnp_ExpireDate > q.vnp_CreateDate).toBe(true);
    await openPayPage(r.body.payUrl);
    const ref = txnRefOf(r.body.payUrl);
    const { returnUrl } = sim().completePayment(ref);
    const settled = await sim().ipnSettled(ref);
    expect(settled?.ipn.confirmed).toBe(true);
    expect(settled?.ipn.attempts.at(-1)?.rspCode).toBe('00');
    const contract = await s.http('GET', `/api/v1/contracts/${r.body.contractId}`, { token: t.customer1 });
    expect(contract.body).toMatchObject({ status: 'active', paymentRef: ref });
    expect((await s.http('POST', `/api/v1/contracts/${r.body.contractId}/payment-link`, { token: t.customer1, body: {} })).body.error.code).toBe('INVALID_TRANSITION');
    await s.jobs.drain();
    expect(s.simulators.smtp!.messages.some((m) => m.to.includes('customer1@example.vn') && m.subject.includes('đã nhận thanh toán'))).toBe(true);
    // The browser's return page only reads what the IPN recorded.
    const back = await s.http('GET', `/api/v1/payments/vnpay/return?${new URLSearchParams(queryOf(returnUrl))}`);
    expect(back.body).toMatchObject({ valid: true, found: true, attemptStatus: 'success', paymentStatus: 'paid', contractId: r.body.contractId });
    const forged = await s.http('GET', `/api/v1/payments/vnpay/return?${new URLSearchParams({ ...queryOf(returnUrl), vnp_Amount: '1' })}`);
    expect(forged.body).toMatchObject({ valid: false, found: false });
  });

  it('answers every IPN code in VNPay order, and a failed payment is recorded as failed', async () => {
    const r = await s.http('POST', '/api/v1/orders', { token: t.customer1, body: { product: 'MEETING', quantity: 1, periodMonths: 1 } });
    const ref = txnRefOf(r.body.payUrl);
    const again = await s.http('POST', `/api/v1/contracts/${r.body.contractId}/payment-link`, { token: t.customer1, body: {} });
    expect(again.body).toMatchObject({ paymentId: r.body.paymentId, link: expect.stringContaining('/pay/pay_') });
    expect((await s.http('POST', `/api/v1/contracts/${r.body.contractId}/payment-link`, { token: t.enterprise1, body: {} })).status).toBe(404);
    sim().simulateLostIpn(ref);
    await openPayPage(r.body.payUrl);
    const { returnUrl } = sim().completePayment(ref, '51'); // insufficient balance
    const q = queryOf(returnUrl);
    expect((await ipn({ ...q, vnp_SecureHash: 'ab'.repeat(64) })).body).toEqual({ RspCode: '97', Message: expect.any(String) });
    expect((await ipn(resign({ ...q, vnp_TxnRef: 'QLDVNOSUCHREF' }))).body.RspCode).toBe('01');
    expect((await ipn(resign({ ...q, vnp_Amount: '100' }))).body.RspCode).toBe('04');
    expect((await ipn(q)).body).toEqual({ RspCode: '00', Message: expect.any(String) });
    expect((await ipn(q)).body.RspCode).toBe('02');
    const list = await s.http('GET', `/api/v1/payments?contractId=${r.body.contractId}`, { token: t.admin });
    expect(list.body.items[0]).toMatchObject({ status: 'pending', attempts: [{ status: 'failed', responseCode: '51' }] });
    expect((await s.http('GET', `/api/v1/contracts/${r.body.contractId}`, { token: t.customer1 })).body.status).toBe('awaiting_payment');
  });

  it('an amount mismatch changes nothing', async () => {
    const r = await s.http('POST', '/api/v1/orders', { token: t.customer1, body: { product: 'MEETING', quantity: 3, periodMonths: 1 } });
    const ref = txnRefOf(r.body.payUrl);
    sim().simulateLostIpn(ref);
    await openPayPage(r.body.payUrl);
    const q = queryOf(sim().completePayment(ref).returnUrl);
    const before = await s.audit.list({ entityId: r.body.contractId, page: 1, pageSize: 50 });
    expect((await ipn(resign({ ...q, vnp_Amount: '100000000' }))).body.RspCode).toBe('04');
    const after = await s.audit.list({ entityId: r.body.contractId, page: 1, pageSize: 50 });
    expect(after.total).toBe(before.total);
    expect((await s.http('GET', `/api/v1/payments?contractId=${r.body.contractId}`, { token: t.admin })).body.items[0].status).toBe('pending');
  });

  it(`${driver === 'postgres' ? 200 : 40} concurrent duplicate IPNs apply the payment once`, async () => {
    const n = driver === 'postgres' ? 200 : 40;
    const r = await s.http('POST', '/api/v1/orders', { token: t.customer1, body: { product: 'MEETING', quantity: 4, periodMonths: 12 } });
    const ref = txnRefOf(r.body.payUrl);
    sim().simulateLostIpn(ref);
    await openPayPage(r.body.payUrl);
    const q = queryOf(sim().completePayment(ref).returnUrl);
    const url = `${s.config.publicBaseUrl}/api/v1/payments/vnpay/ipn?${new URLSearchParams(q)}`;
    const answers = await Promise.all(Array.from({ length: n }, () => fetch(url).then((x) => x.json() as Promise<{ RspCode: string }>)));
    const codes = answers.map((a) => a.RspCode);
    expect(codes.filter((c) => c === '00')).toHaveLength(1);
    expect(codes.filter((c) => c === '02')).toHaveLength(n - 1);
    const paid = await s.audit.list({ entityId: r.body.contractId, action: 'contract.paid', page: 1, pageSize: 10 });
    expect(paid.total).toBe(1);
  });

  it('a lost IPN is recovered by the daily reconciliation through querydr', async () => {
    const r = await s.http('POST', '/api/v1/orders', { token: t.customer1, body: { product: 'EKYC', quantity: 6000 } });
    const ref = txnRefOf(r.body.payUrl);
    sim().simulateLostIpn(ref);
    await openPayPage(r.body.payUrl);
    sim().completePayment(ref);
    expect((await s.http('GET', `/api/v1/contracts/${r.body.contractId}`, { token: t.customer1 })).body.status).toBe('awaiting_payment');
    const rec = await s.http('POST', '/api/v1/payments/reconciliations', { token: t.accountant1, body: { date: '2026-03-02' } });
    expect(rec.status).toBe(200);
    const item = rec.body.items.find((i: { txnRef: string }) => i.txnRef === ref);
    expect(item).toMatchObject({ kind: 'matched', resolution: 'settled_by_querydr' });
    expect(rec.body.summary).toMatchObject({ unknownHere: 0, missingAtVnpay: 0, amountMismatch: 0 });
    expect((await s.http('GET', `/api/v1/contracts/${r.body.contractId}`, { token: t.customer1 })).body.status).toBe('active');
    // C2 step 7: after reconciliation the payment's e-invoice is requested and issued (KCT, numbered).
    await s.jobs.drain();
    const invoices = await s.http('GET', '/api/v1/invoices?pageSize=50', { token: t.accountant1 });
    const invoice = invoices.body.items.find((i: { contractId: string }) => i.contractId === r.body.contractId);
    expect(invoice).toMatchObject({ status: 'issued' });
    expect(invoice.number).toBeGreaterThan(0);
    const csv = await s.server!.inject({ method: 'GET', url: '/api/v1/payments/reconciliations/2026-03-02?format=csv', headers: { authorization: `Bearer ${t.accountant1}` } });
    expect(csv.body).toContain(ref);
    expect((await s.http('POST', '/api/v1/payments/reconciliations', { token: t.am1, body: { date: '2026-03-02' } })).status).toBe(403);
  });

  it('C2: the e-mailed link shows the details, [Thanh toán] starts VNPay, and the paid contract goes to approval', async () => {
    const me = await s.http('GET', '/api/v1/me', { token: t.enterprise1 });
    const d = await s.http('POST', '/api/v1/contracts', { token: t.am1, body: { customerId: me.body.user.customer.id, product: 'MEETING', quantity: 5, periodMonths: 12, signedDate: '2026-03-02' } });
    await s.http('POST', `/api/v1/contracts/${d.body.id}/submit`, { token: t.am1, body: {} });
    await s.jobs.drain();
    const mail = s.simulators.smtp!.messages.find((m) => m.to.includes('enterprise1@example.vn') && m.subject.includes(d.body.number))!;
    const linkToken = mail.text.match(/\/pay\/([\w.-]+)/)![1];
    const details = await s.http('GET', `/api/v1/pay/${linkToken}`);
    expect(details.body).toMatchObject({ status: 'pending', amountVnd: '21000000', contract: { number: d.body.number } });
    expect((await s.http('GET', `/api/v1/pay/${linkToken.slice(0, -2)}xx`)).status).toBe(404);
    const start = await s.http('POST', `/api/v1/pay/${linkToken}/start`, { body: {} });
    await openPayPage(start.body.payUrl);
    const ref = txnRefOf(start.body.payUrl);
    sim().completePayment(ref);
    await sim().ipnSettled(ref);
    expect((await s.http('GET', `/api/v1/contracts/${d.body.id}`, { token: t.am1 })).body.status).toBe('pending_approval');
    expect((await s.http('GET', `/api/v1/pay/${linkToken}`)).body.status).toBe('paid');
    expect((await s.http('POST', `/api/v1/pay/${linkToken}/start`, { body: {} })).status).toBe(409);

    const pay = (await s.http('GET', `/api/v1/payments?contractId=${d.body.id}`, { token: t.admin })).body.items[0];
    expect((await s.http('POST', `/api/v1/payments/${pay.id}/refund`, { token: t.admin, body: { amountVnd: '30000000', reason: 'Hoàn quá số tiền' } })).status).toBe(400);
    const refund = await s.http('POST', `/api/v1/payments/${pay.id}/refund`, { token: t.admin, body: { amountVnd: '1000000', reason: 'Giảm giá theo thoả thuận' } });
    expect(refund.status).toBe(200);
    expect((await s.http('GET', `/api/v1/payments?contractId=${d.body.id}`, { token: t.admin })).body.items[0]).toMatchObject({ status: 'partially_refunded', refundedVnd: '1000000' });
    expect((await s.http('POST', `/api/v1/payments/${pay.id}/refund`, { token: t.accountant1, body: { amountVnd: '1', reason: 'thử quyền' } })).status).toBe(403);
  });
});
