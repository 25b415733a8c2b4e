import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, noDatabase, type TestSystem } from '../../../test/system.ts';
import { runCli } from '../../cli.ts';

/** Mon 02/03/2026 09:00 in Hà Nội. */
const at = (local: string) => new Date(`${local}+07:00`);

describe.skipIf(noDatabase)('postpaid usage billing (C3, I2): events → bill run → fee e-mail → VNPay → paid → e-invoice', () => {
  let s: TestSystem;
  const t: Record<string, string> = {};
  let contractId: string;
  let apiKey: string;
  let billId: string;

  const post = (who: string, url: string, body: unknown = {}) => s.http('POST', url, { token: t[who], body });
  const get = (who: string, url: string) => s.http('GET', url, { token: t[who] });
  const travel = async (local: string) => {
    s.clock.set(at(local));
    for (const u of Object.keys(t)) t[u] = await s.login(u);
  };
  const send = (events: unknown[], key = apiKey) => s.http('POST', '/api/v1/usage/events', { headers: { 'x-api-key': key }, body: { events } });
  /** `n` requests spread over March, ids from `from`. */
  const march = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      transactionId: `req-${from + i}`,
      metric: 'ekyc.request',
      timestamp: at(`2026-03-${String(2 + ((from + i) % 29)).padStart(2, '0')}T10:00:00`).toISOString(),
    }));

  beforeAll(async () => {
    s = await createTestSystem();
    for (const u of ['admin', 'am1', 'approver.ctkv1', 'approver.ttcntt', 'ops1', 'accountant1', 'customer1', 'enterprise1']) t[u] = await s.login(u);
  });
  afterAll(() => s?.close());

  it('a postpaid contract runs until terminated: active with a start and no end', async () => {
    const me = await get('enterprise1', '/api/v1/me');
    const declared = { customerId: me.body.user.customer.id, product: 'EKYC', billing: 'postpaid', quantity: 1, signedDate: '2026-03-02' };
    const d = await post('am1', '/api/v1/contracts', declared);
    contractId = d.body.id;
    await post('am1', `/api/v1/contracts/${contractId}/submit`);
    await post('approver.ctkv1', `/api/v1/contracts/${contractId}/approve`);
    await post('approver.ttcntt', `/api/v1/contracts/${contractId}/approve`);
    const done = await post('ops1', `/api/v1/contracts/${contractId}/provisioning/complete`, { accountRef: 'ekyc:saomai' });
    expect(done.body).toMatchObject({ status: 'active', billing: 'postpaid', startDate: '2026-03-02', endDate: null });
  });

  it('the customer makes an API key (shown once, stored hashed); staff outside ops may not', async () => {
    expect((await post('am1', `/api/v1/contracts/${contractId}/api-keys`, { name: 'x' })).status).toBe(403);
    expect((await post('customer1', `/api/v1/contracts/${contractId}/api-keys`, { name: 'x' })).status).toBe(404);
    const r = await post('enterprise1', `/api/v1/contracts/${contractId}/api-keys`, { name: 'Máy chủ eKYC' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ id: expect.stringMatching(/^key_/), key: expect.stringMatching(/^qk_/), name: 'Máy chủ eKYC' });
    apiKey = r.body.key;
    const list = await get('ops1', `/api/v1/contracts/${contractId}/api-keys`);
    expect(list.body.items).toEqual([expect.objectContaining({ id: r.body.id, prefix: apiKey.slice(0, 10), revokedAt: null })]);
    expect(JSON.stringify(list.body)).not.toContain(apiKey);
  });

  it('takes a month of events in batches, counts a repeated transactionId once, rejects bad events with their codes', async () => {
    await travel('2026-03-31T22:00:00');
    for (let i = 0; i < 5; i++) expect((await send(march(i * 1000, 1000))).body).toEqual({ accepted: 1000, duplicates: 0, rejected: [] });
    expect((await send(march(0, 1000))).body).toEqual({ accepted: 0, duplicates: 1000, rejected: [] });
    const mixed = await send([
      { transactionId: 'req-5000', metric: 'ekyc.request', timestamp: '2026-03-15T10:00:00+07:00' },
      { transactionId: 'bad-1', metric: 'sms.sent', timestamp: '2026-03-15T10:00:00+07:00' },
      { transactionId: 'bad-2', metric: 'ekyc.request', timestamp: '15/03/2026' },
      { transactionId: 'bad-3', metric: 'ekyc.request', timestamp: '2026-03-01T23:59:00+07:00' },
      { transactionId: 'req-5000', metric: 'ekyc.request', timestamp: '2026-03-15T10:00:00+07:00' },
    ]);
    expect(mixed.body).toEqual({
      accepted: 1,
      duplicates: 1,
      rejected: [
        { index: 1, code: 'UNKNOWN_METRIC' },
        { index: 2, code: 'INVALID_TIMESTAMP' },
        { index: 3, code: 'BEFORE_CONTRACT_START' },
      ],
    });
    expect((await send(march(0, 1), 'qk_not-a-key')).status).toBe(401);
    expect((await send(march(0, 1001))).status).toBe(400);
  });

  it('shows live usage and the projected bill, equal to the public quote for that quantity', async () => {
    const u = await get('enterprise1', `/api/v1/contracts/${contractId}/usage?period=2026-03`);
    expect(u.status).toBe(200);
    expect(u.body.metrics).toEqual({ 'ekyc.request': { quantity: 5001 } });
    expect(u.body.daily.reduce((n: number, d: { quantity: number }) => n + d.quantity, 0)).toBe(5001);
    const quote = await s.http('POST', '/api/v1/quotes', { body: { product: 'EKYC', quantity: 5001 } });
    expect(u.body.projected).toMatchObject({ subtotalVnd: quote.body.subtotalVnd, vatVnd: quote.body.vatVnd, totalVnd: quote.body.totalVnd });
    expect(u.body.projected.totalVnd).toBe('4750950');
    expect((await get('customer1', `/api/v1/contracts/${contractId}/usage`)).status).toBe(404);
  });

  it('refuses to bill a month that has not ended (Vietnam time), and anyone but accounting', async () => {
    const early = await post('accountant1', '/api/v1/billing/runs', { period: '2026-03' });
    expect(early).toMatchObject({ status: 409, body: { error: { code: 'PERIOD_NOT_CLOSED' } } });
    expect((await post('am1', '/api/v1/billing/runs', { period: '2026-02' })).status).toBe(403);
    expect((await post('accountant1', '/api/v1/billing/runs', { period: '2026-3' })).status).toBe(400);
  });

  it('bills the month: one issued bill with its number, lines summing to the total, and the fee e-mail with the payment link', async () => {
    await travel('2026-04-01T08:00:00');
    const r = await post('accountant1', '/api/v1/billing/runs', { period: '2026-03' });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ period: '2026-03', status: 'running', contractsDone: 0 });
    await s.jobs.drain();
    const run = await get('accountant1', `/api/v1/billing/runs/${r.body.id}`);
    expect(run.body).toMatchObject({ status: 'done', billsCreated: run.body.contractsTotal, contractsDone: run.body.contractsTotal });
    const list = await get('accountant1', `/api/v1/bills?contractId=${contractId}&period=2026-03`);
    expect(list.body.total).toBe(1);
    const bill = list.body.items[0];
    billId = bill.id;
    expect(bill).toMatchObject({ status: 'issued', number: expect.stringMatching(/^HDC-2026-\d{7}$/), issueDate: '2026-04-01', dueDate: '2026-04-16' });
    expect(bill).toMatchObject({ totalVnd: '4750950', paidVnd: '0' });
    const detail = await get('enterprise1', `/api/v1/bills/${billId}`);
    const usageLine = { kind: 'usage', metric: 'ekyc.request', quantity: 5001, unitPriceVnd: '950', amountVnd: '4750950', vatVnd: '0' };
    expect(detail.body.lines).toEqual([expect.objectContaining(usageLine)]);
    const sum = detail.body.lines.reduce((n: bigint, l: { amountVnd: string; vatVnd: string }) => n + BigInt(l.amountVnd) + BigInt(l.vatVnd), 0n);
    expect(sum.toString()).toBe(detail.body.totalVnd);
    const mail = s.simulators.smtp!.messages.find((m) => m.to.includes('enterprise1@example.vn') && m.subject.includes('tháng 03/2026'));
    expect(mail?.text).toContain('4.750.950');
    expect(mail?.text).toMatch(/\/pay\/pay_/);
    expect(detail.body.payUrl).toMatch(/\/pay\/pay_/);
  });

  it('closes the billed month to late events, and a rerun changes nothing', async () => {
    expect((await send(march(9000, 1))).body).toEqual({ accepted: 0, duplicates: 0, rejected: [{ index: 0, code: 'PERIOD_CLOSED' }] });
    const before = (await get('accountant1', '/api/v1/bills?period=2026-03&pageSize=200')).body;
    const again = await post('accountant1', '/api/v1/billing/runs', { period: '2026-03' });
    await s.jobs.drain();
    expect((await get('accountant1', `/api/v1/billing/runs/${again.body.id}`)).body).toMatchObject({ status: 'done', billsCreated: 0 });
    const mails = s.simulators.smtp!.messages.filter((m) => m.to.includes('enterprise1@example.vn') && m.subject.includes('tháng 03/2026'));
    expect(mails).toHaveLength(1);
    expect((await get('accountant1', '/api/v1/bills?period=2026-03&pageSize=200')).body).toEqual(before);
  });

  it('shows a bill to its customer and the contract\'s staff only; prints it', async () => {
    expect((await get('customer1', `/api/v1/bills/${billId}`)).status).toBe(404);
    expect((await get('customer1', '/api/v1/bills')).body.items.some((b: { id: string }) => b.id === billId)).toBe(false);
    expect((await get('enterprise1', '/api/v1/bills')).body.items.map((b: { id: string }) => b.id)).toContain(billId);
    expect((await get('am1', '/api/v1/bills')).body.items.map((b: { id: string }) => b.id)).toContain(billId);
    const html = await s.server!.inject({ method: 'GET', url: `/api/v1/bills/${billId}/print`, headers: { authorization: `Bearer ${t.enterprise1}` } });
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain('THÔNG BÁO CƯỚC DỊCH VỤ THÁNG 03/2026');
    expect(html.body).toContain('4.750.950');
  });

  it('pays the bill through the VNPay link: the bill is paid and its e-invoice lists the bill', async () => {
    const mail = s.simulators.smtp!.messages.find((m) => m.to.includes('enterprise1@example.vn') && m.subject.includes('tháng 03/2026'))!;
    const token = mail.text.match(/\/pay\/([\w.-]+)/)![1];
    expect((await s.http('GET', `/api/v1/pay/${token}`)).body).toMatchObject({ status: 'pending', amountVnd: '4750950' });
    const start = await s.http('POST', `/api/v1/pay/${token}/start`, { body: {} });
    const res = await fetch(start.body.payUrl, { redirect: 'manual' });
    expect([302, 303]).toContain(res.status);
    const ref = new URL(start.body.payUrl).searchParams.get('vnp_TxnRef')!;
    s.simulators.vnpay!.completePayment(ref);
    await s.simulators.vnpay!.ipnSettled(ref);
    expect((await get('enterprise1', `/api/v1/bills/${billId}`)).body).toMatchObject({ status: 'paid', paidVnd: '4750950', payUrl: null });
    await s.jobs.drain();
    const confirmation = s.simulators.smtp!.messages.find(
      (m) => m.to.includes('enterprise1@example.vn') && m.subject.includes('đã nhận thanh toán cước tháng 03/2026'),
    );
    expect(confirmation?.text).toContain('4.750.950');
    // As for every VNPay payment, the day's reconciliation confirms it and the e-invoice job follows.
    await travel('2026-04-02T01:00:00');
    await s.payments.reconcile('2026-04-01');
    await s.jobs.drain();
    const invoices = await get('accountant1', `/api/v1/invoices?pageSize=50`);
    const invoice = invoices.body.items.find((i: { contractId: string }) => i.contractId === contractId);
    expect(invoice).toMatchObject({ status: 'issued', totalVnd: '4750950' });
    const lines = (await get('accountant1', `/api/v1/invoices/${invoice.id}`)).body.lines;
    expect(lines).toEqual([expect.objectContaining({ quantity: 5001, name: expect.stringContaining('tháng 03/2026') })]);
    // The contract itself was not touched by the bill's payment.
    expect((await get('am1', `/api/v1/contracts/${contractId}`)).body.status).toBe('active');
  });

  it('refuses events of a suspended contract, and a revoked key at once in this process', async () => {
    await travel('2026-04-02T09:00:00');
    const april = [{ transactionId: 'apr-1', metric: 'ekyc.request', timestamp: '2026-04-02T08:00:00+07:00' }];
    expect((await send(april)).body.accepted).toBe(1);
    const keys = await get('enterprise1', `/api/v1/contracts/${contractId}/api-keys`);
    const del = await s.http('DELETE', `/api/v1/contracts/${contractId}/api-keys/${keys.body.items[0].id}`, { token: t.enterprise1 });
    expect(del.status).toBe(204);
    expect((await send(april)).status).toBe(401);
    const fresh = (await post('ops1', `/api/v1/contracts/${contractId}/api-keys`, { name: 'ops' })).body.key;
    expect((await post('ops1', `/api/v1/contracts/${contractId}/suspend`, { reason: 'Tạm dừng theo yêu cầu' })).status).toBe(200);
    expect((await send([{ ...april[0], transactionId: 'apr-2' }], fresh)).body.rejected).toEqual([{ index: 0, code: 'CONTRACT_SUSPENDED' }]);
  });

  it('the monthly job bills last month on the 1st', async () => {
    await travel('2026-05-01T00:30:00');
    await s.billing.scheduleMonthlyRun();
    await s.jobs.drain();
    expect((await get('accountant1', '/api/v1/bills?period=2026-04')).body.total).toBe(0);
    await travel('2026-05-01T01:00:00');
    await s.jobs.drain();
    const april = await get('accountant1', `/api/v1/bills?period=2026-04&contractId=${contractId}`);
    expect(april.body.items).toEqual([expect.objectContaining({ totalVnd: '1000', status: 'issued' })]);
  });

  it('a bill takes several payments: parts by transfer (partly paid), over-payment refused, VNPay for the rest; one e-invoice per bill', async () => {
    const [april] = (await get('accountant1', `/api/v1/bills?period=2026-04&contractId=${contractId}`)).body.items;
    expect(april).toMatchObject({ totalVnd: '1000', paidVnd: '0', status: 'issued' });
    const transfer = (bankRef: string, body: object) => post('accountant1', '/api/v1/payments/manual', { contractId, bankRef, ...body });
    expect((await transfer('UNC-0502', { billId: billId, amountVnd: '1000' })).body.error.code).toBe('PAYMENT_ALREADY_RECORDED');
    expect((await transfer('UNC-0502', { billId: 'bil_nope', amountVnd: '1000' })).status).toBe(404);
    expect((await transfer('UNC-0502', { billId: april.id, amountVnd: '0' })).body.error.code).toBe('BILL_AMOUNT_INVALID');
    expect((await transfer('UNC-0502', { billId: april.id, amountVnd: '1001' })).body.error.code).toBe('BILL_OVERPAID');

    const part = await transfer('UNC-0502', { billId: april.id, amountVnd: '250' });
    expect(part.status).toBe(201);
    expect(part.body).toMatchObject({ status: 'paid', method: 'bank_transfer', amountVnd: '250', billId: april.id });
    expect((await transfer('UNC-0502', { billId: april.id, amountVnd: '1' })).body.error.code).toBe('PAYMENT_ALREADY_RECORDED'); // the same bank ref
    expect((await transfer('UNC-0503', { billId: april.id, amountVnd: '150' })).status).toBe(201);
    const partly = (await get('enterprise1', `/api/v1/bills/${april.id}`)).body;
    expect(partly).toMatchObject({ status: 'partly_paid', paidVnd: '400', outstandingVnd: '600', payUrl: expect.stringMatching(/\/pay\//) });
    const printed = await s.server!.inject({ method: 'GET', url: `/api/v1/bills/${april.id}/print`, headers: { authorization: `Bearer ${t.enterprise1}` } });
    expect(printed.body).toMatch(/Còn phải thanh toán<\/td><td class="n" colspan="3">600/);
    expect(partly.payments.map((p: { amountVnd: string; bankRef: string }) => `${p.amountVnd} ${p.bankRef}`).sort()).toEqual(['150 UNC-0503', '250 UNC-0502']);
    expect((await transfer('UNC-0504', { billId: april.id, amountVnd: '601' })).body).toMatchObject({ error: { code: 'BILL_OVERPAID' } });
    await s.jobs.drain();
    const invoicesOf = async () =>
      (await get('accountant1', '/api/v1/invoices?pageSize=50')).body.items.filter((i: { contractId: string }) => i.contractId === contractId);
    expect(await invoicesOf()).toHaveLength(1); // March's: a part gets no e-invoice of its own

    // The e-mailed link now asks for what remains, and VNPay collects it.
    const token = partly.payUrl.match(/\/pay\/([\w.-]+)/)![1];
    expect((await s.http('GET', `/api/v1/pay/${token}`)).body).toMatchObject({ status: 'pending', amountVnd: '600' });
    const start = await s.http('POST', `/api/v1/pay/${token}/start`, { body: {} });
    expect(new URL(start.body.payUrl).searchParams.get('vnp_Amount')).toBe('60000');
    const ref = new URL(start.body.payUrl).searchParams.get('vnp_TxnRef')!;
    await fetch(start.body.payUrl, { redirect: 'manual' });
    s.simulators.vnpay!.completePayment(ref);
    await s.simulators.vnpay!.ipnSettled(ref);
    const paid = (await get('enterprise1', `/api/v1/bills/${april.id}`)).body;
    expect(paid).toMatchObject({ status: 'paid', paidVnd: '1000', outstandingVnd: '0', payUrl: null });
    expect(paid.payments.map((p: { method: string; amountVnd: string }) => `${p.method} ${p.amountVnd}`).sort()).toEqual([
      'bank_transfer 150',
      'bank_transfer 250',
      'vnpay 600',
    ]);
    await travel('2026-05-02T01:00:00');
    await s.payments.reconcile('2026-05-01');
    await s.jobs.drain();
    const invoices = await invoicesOf();
    expect(invoices).toHaveLength(2);
    const aprilInvoice = invoices.find((i: { totalVnd: string }) => i.totalVnd === '1000');
    expect(aprilInvoice).toMatchObject({ status: 'issued' });
    expect((await get('accountant1', `/api/v1/invoices/${aprilInvoice.id}`)).body.lines).toEqual([
      expect.objectContaining({ quantity: 1, name: expect.stringContaining('tháng 04/2026') }),
    ]);
    // Every part is money collected: the AM's 35 % accrues on each part as it comes (87 + 52 + 210, each
    // rounded down), never more than 35 % of the bill (350).
    await s.commissions.sync('2026-05');
    const lines = (await get('accountant1', '/api/v1/commissions?period=2026-05')).body.items
      .filter((i: { contractId: string }) => i.contractId === contractId);
    expect(lines).toEqual([expect.objectContaining({ beneficiaryUsername: 'am1', collectedVnd: '1000', rateBp: 3500, amountVnd: '349' })]);
  });

  it('qldv billing run bills a month from the command line; a rerun adds nothing; a month not over exits 5', async () => {
    const cli = async (...args: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(args, { system: s, io: { out: (l) => out.push(l), err: (l) => err.push(l) } });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const rerun = await cli('billing', 'run', '--period', '2026-04');
    expect(rerun.code).toBe(0);
    expect(rerun.out).toMatch(/^2026-04: \d+ contracts, 0 new bills \(run brn_/);
    expect((await cli('billing', 'run', '--period', '2026-4')).code).toBe(2);
    const early = await cli('billing', 'run', '--period', '2026-05');
    expect(early).toMatchObject({ code: 5, err: expect.stringMatching(/PERIOD_NOT_CLOSED/) });
  });

  it('the month of those payments ends: the accountant approves the AM\'s statement, and the revenue-confirmation minutes list the contract', async () => {
    await travel('2026-06-01T09:00:00');
    const approved = await post('accountant1', '/api/v1/commissions/statements/approve', { period: '2026-05', beneficiaryUsername: 'am1' });
    expect(approved).toMatchObject({ status: 200, body: { period: '2026-05', beneficiaryUsername: 'am1', status: 'approved', amountVnd: '349' } });
    const minutes = await s.http('GET', '/api/v1/commissions/minutes?period=2026-05&beneficiaryUsername=am1', { token: t.accountant1 });
    const contract = (await get('am1', `/api/v1/contracts/${contractId}`)).body;
    expect(minutes.body).toContain(contract.number);
    expect(minutes.body).not.toContain('DỰ THẢO');
  });
});
