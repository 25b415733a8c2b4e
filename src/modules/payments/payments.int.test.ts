import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestSystem, DEMO_PASSWORD, driver, noDatabase, type TestSystem } from '../../../test/system.ts';
import { isAppError } from '../../platform/errors.ts';
import { systemCtx } from '../../platform/context.ts';
import { signParams } from '../../protocols/vnpay/protocol.ts';

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

  /** An order paid at the simulator whose IPN has not come yet: the order's answer, its txnRef and the IPN's query. */
  const paidAwaitingIpn = async (body: { product: string; quantity: number; periodMonths: number }) => {
    const r = await s.http('POST', '/api/v1/orders', { token: t.customer1, body });
    const ref = txnRefOf(r.body.payUrl);
    sim().simulateLostIpn(ref);
    await openPayPage(r.body.payUrl);
    return { r, ref, q: queryOf(sim().completePayment(ref).returnUrl) };
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

  it('orders at once each get their own contract number, drawn in order; an order refused before it is written draws none', async () => {
    const numberOf = async (contractId: string) => (await s.http('GET', `/api/v1/contracts/${contractId}`, { token: t.customer1 })).body.number as string;
    const counter = async () => (await s.database.rows<{ value: number }>(sql`select coalesce(max(value), 0)::int as value from platform.counters where name = 'HD-2026'`))[0].value;
    const before = await counter();
    const refused = await s.http('POST', '/api/v1/orders', { token: t.customer1, body: { product: 'MEETING', quantity: 0, periodMonths: 1 } });
    expect(refused.status).toBe(400);
    const unknown = await s.http('POST', '/api/v1/orders', { token: t.customer1, body: { product: 'NO-SUCH-PRODUCT', quantity: 1, periodMonths: 1 } });
    expect(unknown.status).toBeGreaterThanOrEqual(400);
    expect(unknown.status).toBeLessThan(500);
    expect(await counter()).toBe(before);
    const orders = await Promise.all(Array.from({ length: 6 }, () => s.http('POST', '/api/v1/orders', { token: t.customer1, body: { product: 'MEETING', quantity: 1, periodMonths: 1 } })));
    expect(orders.map((o) => o.status)).toEqual(Array(6).fill(201));
    const numbers = await Promise.all(orders.map((o) => numberOf(o.body.contractId)));
    const serials = numbers.map((n) => Number(n.slice(-6))).sort((a, b) => a - b);
    expect(serials).toEqual(Array.from({ length: 6 }, (_, i) => before + 1 + i));
    expect(await counter()).toBe(before + 6);
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
    const { r, q } = await paidAwaitingIpn({ product: 'MEETING', quantity: 3, periodMonths: 1 });
    const before = await s.audit.list({ entityId: r.body.contractId, page: 1, pageSize: 50 });
    expect((await ipn(resign({ ...q, vnp_Amount: '100000000' }))).body.RspCode).toBe('04');
    const after = await s.audit.list({ entityId: r.body.contractId, page: 1, pageSize: 50 });
    expect(after.total).toBe(before.total);
    expect((await s.http('GET', `/api/v1/payments?contractId=${r.body.contractId}`, { token: t.admin })).body.items[0].status).toBe('pending');
  });

  it('money for a contract cancelled meanwhile is recorded, not applied: the payment is paid with the refusal for a refund, the contract stays cancelled', async () => {
    const { r, ref, q } = await paidAwaitingIpn({ product: 'MEETING', quantity: 2, periodMonths: 6 });
    const cancel = await s.http('POST', `/api/v1/contracts/${r.body.contractId}/cancel`, { token: t.customer1, body: { reason: 'Đổi ý' } });
    expect(cancel.body).toMatchObject({ status: 'cancelled' });
    expect((await ipn(q)).body.RspCode).toBe('00');
    expect((await ipn(q)).body.RspCode).toBe('02');
    const [payment] = (await s.http('GET', `/api/v1/payments?contractId=${r.body.contractId}`, { token: t.admin })).body.items;
    expect(payment).toMatchObject({ status: 'paid', paidTxnRef: ref, applyError: expect.stringMatching(/^INVALID_TRANSITION: /), attempts: [{ status: 'success' }] });
    expect((await s.http('GET', `/api/v1/contracts/${r.body.contractId}`, { token: t.customer1 })).body.status).toBe('cancelled');
    expect((await s.audit.list({ entityId: r.body.contractId, action: 'contract.paid', page: 1, pageSize: 10 })).total).toBe(0);
    const settled = await s.audit.list({ entityId: payment.id, page: 1, pageSize: 10 });
    // Each once: the refused first try left nothing behind.
    expect(settled.items.map((e: { action: string }) => e.action).sort()).toEqual(['payment.attempt_succeeded', 'payment.created', 'payment.paid']);
  });

  it(`${driver === 'postgres' ? 200 : 40} concurrent duplicate IPNs apply the payment once`, async () => {
    const n = driver === 'postgres' ? 200 : 40;
    const { r, q } = await paidAwaitingIpn({ product: 'MEETING', quantity: 4, periodMonths: 12 });
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
    const contract = (await s.http('GET', `/api/v1/contracts/${r.body.contractId}`, { token: t.customer1 })).body;
    const day = await s.http('GET', '/api/v1/payments/reconciliations/2026-03-02', { token: t.accountant1 });
    expect(day.body.items.find((i: { txnRef: string }) => i.txnRef === ref)).toMatchObject({ contractId: r.body.contractId, contractNumber: contract.number, customerName: expect.stringMatching(/\S/) });
    const csv = await s.server!.inject({ method: 'GET', url: '/api/v1/payments/reconciliations/2026-03-02?format=csv', headers: { authorization: `Bearer ${t.accountant1}` } });
    expect(csv.body).toContain(ref);
    expect(csv.body).toContain('Số hợp đồng');
    expect(csv.body).toContain(contract.number);
    // the result in words, as on the screen
    const line = csv.body.split('\n').find((l: string) => l.includes(ref))!;
    expect(line).toMatch(/Khớp|QLDV còn chờ|QLDV không có|VNPay không có|Lệch số tiền/);
    expect(line).not.toMatch(/matched|pending_here|unknown_here|missing_at_vnpay|amount_mismatch/);
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
    const tooMuch = await s.http('POST', `/api/v1/payments/${pay.id}/refund`, { token: t.admin, body: { amountVnd: '30000000', reason: 'Hoàn quá số tiền' } });
    expect(tooMuch).toMatchObject({ status: 409, body: { error: { code: 'REFUND_EXCEEDS_REMAINING' } } });
    const refund = await s.http('POST', `/api/v1/payments/${pay.id}/refund`, { token: t.admin, body: { amountVnd: '1000000', reason: 'Giảm giá theo thoả thuận' } });
    expect(refund).toMatchObject({ status: 202, body: { status: 'pending', amountVnd: '1000000', transactionType: '03' } });
    await s.jobs.drain();
    const after = (await s.http('GET', `/api/v1/payments?contractId=${d.body.id}`, { token: t.admin })).body.items[0];
    expect(after).toMatchObject({ status: 'partially_refunded', refundedVnd: '1000000', contractNumber: d.body.number, customerName: expect.any(String), refunds: [{ id: refund.body.id, status: 'done', responseCode: '00' }] });
    expect((await s.http('POST', `/api/v1/payments/${pay.id}/refund`, { token: t.accountant1, body: { amountVnd: '1', reason: 'thử quyền' } })).status).toBe(403);
  });

  // ---- refunds under concurrency (#8 item 1) -------------------------------------------------------

  /** A self-service order paid at the simulator; answers its ids and VNPay reference. */
  const paidOrder = async (body: object) => {
    const r = await s.http('POST', '/api/v1/orders', { token: t.customer1, body });
    expect(r.status).toBe(201);
    await openPayPage(r.body.payUrl);
    const ref = txnRefOf(r.body.payUrl);
    sim().completePayment(ref);
    await sim().ipnSettled(ref);
    const p = await s.payments.payment(r.body.paymentId);
    expect(p.status).toBe('paid');
    return { contractId: r.body.contractId as string, paymentId: r.body.paymentId as string, ref, amountVnd: p.amountVnd };
  };
  const executedRefunds = (ref: string) => sim().transaction(ref)!.refunds.length;

  it('10 concurrent full refunds through the service: one accepted, nine refused with a code, VNPay refunds once', async () => {
    const o = await paidOrder({ product: 'MEETING', quantity: 1, periodMonths: 6 });
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => s.payments.refund(systemCtx('test'), o.paymentId, o.amountVnd, 'Khách huỷ dịch vụ')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (isAppError(r.reason) ? r.reason.code : String(r.reason)));
    expect(refused).toEqual(Array(9).fill('REFUND_EXCEEDS_REMAINING'));
    await s.jobs.drain();
    expect(executedRefunds(o.ref)).toBe(1);
    expect(await s.payments.payment(o.paymentId)).toMatchObject({ status: 'refunded', refundedVnd: o.amountVnd });
  });

  it('3 concurrent HTTP refunds of the full amount: one 202, two 409 REFUND_EXCEEDS_REMAINING, VNPay refunds once', async () => {
    const o = await paidOrder({ product: 'MEETING', quantity: 1, periodMonths: 12 });
    const answers = await Promise.all(Array.from({ length: 3 }, () => s.http('POST', `/api/v1/payments/${o.paymentId}/refund`, { token: t.admin, body: { amountVnd: o.amountVnd.toString(), reason: 'Khách huỷ dịch vụ' } })));
    expect(answers.map((a) => a.status).sort()).toEqual([202, 409, 409]);
    expect(answers.filter((a) => a.status === 409).map((a) => a.body.error.code)).toEqual(['REFUND_EXCEEDS_REMAINING', 'REFUND_EXCEEDS_REMAINING']);
    await s.jobs.drain();
    expect(executedRefunds(o.ref)).toBe(1);
    const listed = (await s.http('GET', `/api/v1/payments?contractId=${o.contractId}`, { token: t.admin })).body.items[0];
    expect(listed).toMatchObject({ status: 'refunded', refundedVnd: o.amountVnd.toString(), refunds: [{ status: 'done', transactionType: '02' }] });
  });

  it('two concurrent partial refunds that fit are both applied; the payment shows their sum', async () => {
    const o = await paidOrder({ product: 'MEETING', quantity: 1, periodMonths: 1 });
    const part = o.amountVnd / 4n;
    const both = await Promise.all([0, 1].map(() => s.payments.refund(systemCtx('test'), o.paymentId, part, 'Giảm giá theo thoả thuận')));
    expect(both.map((r) => r.status)).toEqual(['pending', 'pending']);
    await s.jobs.drain();
    expect(executedRefunds(o.ref)).toBe(2);
    expect(await s.payments.payment(o.paymentId)).toMatchObject({ status: 'partially_refunded', refundedVnd: part * 2n });
  });

  it('a refund whose answer was lost is looked up on retry and never sent twice', async () => {
    const o = await paidOrder({ product: 'MEETING', quantity: 2, periodMonths: 1 });
    const r = await s.payments.refund(systemCtx('test'), o.paymentId, o.amountVnd, 'Khách huỷ dịch vụ');
    sim().injectRefundFault('lose_answer');
    await s.jobs.drain();
    expect(executedRefunds(o.ref)).toBe(1); // VNPay refunded, but we never heard
    const [job] = await s.database.rows<{ status: string; attempts: number }>(sql`select status, attempts from platform.jobs where key = ${`payments.refund:${r.id}`}`);
    expect(job).toMatchObject({ status: 'pending', attempts: 1 });
    expect((await s.payments.payment(o.paymentId)).refundedVnd).toBe(0n);
    s.clock.advance(31_000);
    await s.jobs.drain();
    expect(executedRefunds(o.ref)).toBe(1);
    const listed = (await s.http('GET', `/api/v1/payments?contractId=${o.contractId}`, { token: t.admin })).body.items[0];
    expect(listed).toMatchObject({ status: 'refunded', refundedVnd: o.amountVnd.toString(), refunds: [{ id: r.id, status: 'done', transactionNo: sim().transaction(o.ref)!.refunds[0].transactionNo }] });
  });

  it('a refund VNPay refuses fails with its reason and releases the amount; an unpaid payment is not refundable', async () => {
    const o = await paidOrder({ product: 'MEETING', quantity: 2, periodMonths: 6 });
    sim().injectRefundFault({ refuse: '95' });
    const first = await s.http('POST', `/api/v1/payments/${o.paymentId}/refund`, { token: t.admin, body: { amountVnd: o.amountVnd.toString(), reason: 'Khách huỷ dịch vụ' } });
    expect(first.status).toBe(202);
    await s.jobs.drain();
    const refused = (await s.http('GET', `/api/v1/payments?contractId=${o.contractId}`, { token: t.admin })).body.items[0];
    expect(refused).toMatchObject({ status: 'paid', refundedVnd: '0', refunds: [{ status: 'failed', responseCode: '95', message: expect.any(String) }] });
    const again = await s.http('POST', `/api/v1/payments/${o.paymentId}/refund`, { token: t.admin, body: { amountVnd: o.amountVnd.toString(), reason: 'Khách huỷ dịch vụ' } });
    expect(again.status).toBe(202);
    await s.jobs.drain();
    expect(executedRefunds(o.ref)).toBe(1);

    const unpaid = await s.http('POST', '/api/v1/orders', { token: t.customer1, body: { product: 'MEETING', quantity: 3, periodMonths: 6 } });
    const no = await s.http('POST', `/api/v1/payments/${unpaid.body.paymentId}/refund`, { token: t.admin, body: { amountVnd: '1000', reason: 'Chưa thanh toán' } });
    expect(no).toMatchObject({ status: 409, body: { error: { code: 'PAYMENT_NOT_REFUNDABLE' } } });
  });

  // ---- IPN robustness, foreign terminal, no 500s (#8 items 9, 14, 15) -----------------------------

  it('an IPN for a foreign terminal signed with our secret is refused (97) and changes nothing', async () => {
    const r = await s.http('POST', '/api/v1/orders', { token: t.customer1, body: { product: 'MEETING', quantity: 4, periodMonths: 6 } });
    const ref = txnRefOf(r.body.payUrl);
    sim().simulateLostIpn(ref);
    await openPayPage(r.body.payUrl);
    const q = queryOf(sim().completePayment(ref).returnUrl);
    expect((await ipn(resign({ ...q, vnp_TmnCode: 'FOREIGN1' }))).body.RspCode).toBe('97');
    expect((await s.http('GET', `/api/v1/payments/vnpay/return?${new URLSearchParams(resign({ ...q, vnp_TmnCode: 'FOREIGN1' }))}`)).body).toMatchObject({ valid: false });
    expect((await s.payments.payment(r.body.paymentId)).status).toBe('pending');
    expect((await ipn(q)).body.RspCode).toBe('00');
  });

  it('odd IPN and return queries never answer 500', async () => {
    const odd = [
      '',
      'vnp_TxnRef=A&vnp_TxnRef=B',
      `vnp_TxnRef=${'x'.repeat(4000)}&vnp_SecureHash=${'ab'.repeat(64)}`,
      'vnp_Amount=99999999999999999999999&vnp_SecureHash=zz',
      'vnp_SecureHash[]=a&vnp_SecureHash[]=b',
      `${new URLSearchParams(resign({ vnp_TxnRef: 'QLDVX', vnp_Amount: '1e9', vnp_TmnCode: s.config.vnpay.tmnCode }))}`,
      `${new URLSearchParams(resign({ vnp_TxnRef: 'QLDVX', vnp_Amount: '100', vnp_ResponseCode: '00', vnp_TransactionStatus: '00', vnp_PayDate: '99999999999999', vnp_TmnCode: s.config.vnpay.tmnCode }))}`,
    ];
    for (const q of odd) {
      const a = await s.http('GET', `/api/v1/payments/vnpay/ipn?${q}`);
      expect(a.status, q.slice(0, 60)).toBe(200);
      expect(['97', '99', '01'], q.slice(0, 60)).toContain(a.body.RspCode);
      expect((await s.http('GET', `/api/v1/payments/vnpay/return?${q}`)).status, q.slice(0, 60)).toBeLessThan(500);
    }
  });

  it('an IPN that fails inside logs the error on the request logger and answers 99', async () => {
    const r = await s.http('POST', '/api/v1/orders', { token: t.customer1, body: { product: 'MEETING', quantity: 5, periodMonths: 6 } });
    const ref = txnRefOf(r.body.payUrl);
    sim().simulateLostIpn(ref);
    await openPayPage(r.body.payUrl);
    const q = queryOf(sim().completePayment(ref).returnUrl);
    const handle = vi.spyOn(s.payments, 'handleIpn');
    const settle = vi.spyOn(s.contracts, 'confirmPaymentIn').mockRejectedValueOnce(new Error('database went away'));
    expect((await ipn(q)).body.RspCode).toBe('99');
    const log = handle.mock.calls[0][2] as unknown as { bindings(): Record<string, unknown> };
    expect(log.bindings().reqId).toBeTruthy(); // the request's own logger: its lines carry the request id
    const lines: unknown[][] = [];
    settle.mockRejectedValueOnce(new Error('database went away'));
    await s.payments.handleIpn(q, '127.0.0.1', { warn: (...a) => lines.push(['warn', ...a]), error: (...a) => lines.push(['error', ...a]) });
    expect(lines).toContainEqual(['error', expect.objectContaining({ err: expect.objectContaining({ message: 'database went away' }), txnRef: ref }), 'VNPay IPN failed; answered 99']);
    handle.mockRestore();
    settle.mockRestore();
    expect((await ipn(q)).body.RspCode).toBe('00');
  });

  it('an order VNPay could never take is refused with 400 before anything is written', async () => {
    const count = async () => (await s.database.rows<{ n: number }>(sql`select count(*)::int as n from contracts.contracts`))[0].n;
    const before = await count();
    const big = await s.http('POST', '/api/v1/orders', { token: t.customer1, body: { product: 'EKYC', quantity: 20_000_000 } });
    expect(big).toMatchObject({ status: 400, body: { error: { code: 'PAYMENT_AMOUNT_OUT_OF_RANGE' } } });
    const viaContracts = await s.http('POST', '/api/v1/self-service/contracts', { token: t.customer1, body: { product: 'EKYC', quantity: 20_000_000 } });
    expect(viaContracts).toMatchObject({ status: 400, body: { error: { code: 'PAYMENT_AMOUNT_OUT_OF_RANGE' } } });
    expect(await count()).toBe(before);
  });

  it('without a trusted proxy a client-sent X-Forwarded-For is ignored in vnp_IpAddr', async () => {
    const order = await s.http('POST', '/api/v1/orders', { token: t.customer1, body: { product: 'MEETING', quantity: 1, periodMonths: 1 }, headers: { 'x-forwarded-for': '198.18.0.2' } });
    expect(new URL(order.body.payUrl).searchParams.get('vnp_IpAddr')).toBe('127.0.0.1');
  });

  // ---- bank transfers recorded by hand (#8 item 2) ------------------------------------------------

  it('an accountant records a bank transfer: same ledger, contract confirmed, invoice through the same job; bad input changes nothing', async () => {
    const me = await s.http('GET', '/api/v1/me', { token: t.enterprise1 });
    const d = await s.http('POST', '/api/v1/contracts', { token: t.am1, body: { customerId: me.body.user.customer.id, product: 'MEETING', quantity: 3, periodMonths: 12, signedDate: '2026-03-02' } });
    await s.http('POST', `/api/v1/contracts/${d.body.id}/submit`, { token: t.am1, body: {} });
    const body = { contractId: d.body.id, amountVnd: d.body.totalVnd, paidAt: s.clock.now().toISOString(), bankRef: 'FT26061123456', note: 'Chuyển khoản Vietcombank' };
    const record = (over: object, token = t.accountant1) => s.http('POST', '/api/v1/payments/manual', { token, body: { ...body, ...over } });
    expect((await record({}, t.am1)).status).toBe(403);
    expect((await record({ amountVnd: '1000' })).body.error.code).toBe('PAYMENT_MISMATCH');
    expect((await record({ paidAt: new Date(s.clock.now().getTime() + 3_600_000).toISOString() })).body.error.code).toBe('PAID_AT_INVALID');
    expect((await record({ paidAt: '2020-01-01T00:00:00Z' })).body.error.code).toBe('PAID_AT_INVALID');
    expect((await record({ paidAt: '-271821-04-20T00:00:00Z' })).status).toBe(400);
    // The e-mailed link created the pending payment; none of the refused requests touched it.
    expect((await s.http('GET', `/api/v1/payments?contractId=${d.body.id}`, { token: t.admin })).body.items).toMatchObject([{ status: 'pending', method: 'vnpay', bankRef: null, version: 1 }]);
    const ok = await record({});
    expect(ok).toMatchObject({ status: 201, body: { status: 'paid', method: 'bank_transfer', bankRef: 'FT26061123456', amountVnd: d.body.totalVnd } });
    expect((await record({})).body.error.code).toBe('PAYMENT_ALREADY_RECORDED');
    expect((await s.http('GET', `/api/v1/contracts/${d.body.id}`, { token: t.am1 })).body).toMatchObject({ status: 'pending_approval', paymentRef: 'manual:FT26061123456' });
    await s.jobs.drain();
    const invoices = await s.http('GET', '/api/v1/invoices?pageSize=100', { token: t.accountant1 });
    expect(invoices.body.items.find((i: { contractId: string }) => i.contractId === d.body.id)).toBeTruthy();
    const refund = await s.http('POST', `/api/v1/payments/${ok.body.id}/refund`, { token: t.admin, body: { amountVnd: '1000', reason: 'Chuyển khoản không hoàn qua VNPay' } });
    expect(refund.body.error.code).toBe('PAYMENT_NOT_REFUNDABLE');
  });
});

describe.skipIf(noDatabase)('VNPay edge: allow-list, rate-limit exemption, the customer address behind a trusted proxy', () => {
  let s: TestSystem;
  const from = (ip: string) => ({ 'x-forwarded-for': ip });
  beforeAll(async () => {
    // The in-process client connects from 127.0.0.1, the trusted proxy: X-Forwarded-For names the client.
    s = await createTestSystem({ env: { QLDV_TRUSTED_PROXIES: '127.0.0.1', VNPAY_IPN_ALLOWED_IPS: '203.0.113.0/24,198.51.100.7', QLDV_RATE_LIMIT: '5' } });
  });
  afterAll(() => s?.close());

  it('refuses IPNs from outside the allow-list with 403 and a code; VNPay addresses get VNPay answers', async () => {
    const outside = await s.http('GET', '/api/v1/payments/vnpay/ipn?vnp_TxnRef=A', { headers: from('192.0.2.1') });
    expect(outside).toMatchObject({ status: 403, body: { error: { code: 'VNPAY_SOURCE_NOT_ALLOWED' } } });
    for (const ip of ['203.0.113.9', '198.51.100.7']) expect((await s.http('GET', '/api/v1/payments/vnpay/ipn?vnp_TxnRef=A', { headers: from(ip) })).body.RspCode).toBe('97');
  });

  it('IPN, return and payment-link endpoints are exempt from the per-IP limit; others are not', async () => {
    const many = (url: string) => Promise.all(Array.from({ length: 8 }, () => s.http('GET', url, { headers: from('203.0.113.20') })));
    for (const url of ['/api/v1/payments/vnpay/ipn?vnp_TxnRef=A', '/api/v1/payments/vnpay/return?vnp_TxnRef=A', '/api/v1/pay/pay_01kjp4c5805m2032h06fxr0ahw.zz.forged']) {
      expect((await many(url)).some((a) => a.status === 429), url).toBe(false);
    }
    expect((await many('/api/v1/me')).some((a) => a.status === 429)).toBe(true);
  });

  it("vnp_IpAddr is the customer's address as forwarded by the trusted proxy", async () => {
    const login = await s.http('POST', '/api/v1/auth/login', { body: { username: 'customer1', password: DEMO_PASSWORD }, headers: from('198.18.0.1') });
    const order = await s.http('POST', '/api/v1/orders', { token: login.body.token, body: { product: 'MEETING', quantity: 1, periodMonths: 1 }, headers: from('198.18.0.2') });
    expect(order.status).toBe(201);
    expect(new URL(order.body.payUrl).searchParams.get('vnp_IpAddr')).toBe('198.18.0.2');
  });
});
