import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, noDatabase, type TestSystem } from '../../../test/system.ts';
import { systemCtx } from '../../platform/context.ts';

/** Mon 02/03/2026 09:00 in Hà Nội. */
const START = '2026-03-02T02:00:00Z';
const at = (local: string) => new Date(`${local}+07:00`);

describe.skipIf(noDatabase)('contract lifecycle (C1–C8) on a fixed clock', () => {
  let s: TestSystem;
  const t: Record<string, string> = {};
  let enterpriseCustomerId: string;
  let c2: string; // the main C2 contract

  const post = (who: string, url: string, body: unknown = {}) => s.http('POST', url, { token: t[who], body });
  const get = (who: string, url: string) => s.http('GET', url, { token: t[who] });
  const pay = (id: string, ref: string, amount: string | bigint, amendmentId?: string) =>
    s.contracts.confirmPayment(systemCtx('vnpay'), id, { paymentRef: ref, amountVnd: BigInt(amount), paidAt: s.clock.now(), amendmentId });
  const mailsTo = async (addr: string) => {
    await s.jobs.drain();
    return s.simulators.smtp!.messages.filter((m) => m.to.includes(addr));
  };

  /** Moves the clock (sessions last 12 hours, so everyone signs in again). */
  const travel = async (local: string) => {
    s.clock.set(at(local));
    for (const u of Object.keys(t)) t[u] = await s.login(u, u === 'approver.ctkv2' ? 'Matkhau123' : undefined);
  };

  beforeAll(async () => {
    s = await createTestSystem({ now: START });
    for (const u of ['admin', 'am1', 'kam1', 'agent1', 'approver.ctkv1', 'approver.ttcntt', 'ops1', 'accountant1', 'customer1', 'enterprise1', 'invoice1']) t[u] = await s.login(u);
    const me = await get('enterprise1', '/api/v1/me');
    enterpriseCustomerId = me.body.user.customer.id;
    // an approver of another region, to prove scope
    const kv2 = s.identity.orgUnitByCode('CTKV2')!;
    await post('admin', '/api/v1/admin/users', { username: 'approver.ctkv2', password: 'Matkhau123', fullName: 'Phê duyệt KV2', email: 'approver.ctkv2@example.vn', roles: ['approver_ctkv'], orgUnitId: kv2.id });
    t['approver.ctkv2'] = await s.login('approver.ctkv2', 'Matkhau123');
  });
  afterAll(() => s?.close());

  it('C2: AM declares a 5-room, 12-month Meeting contract at the seed price; the declaration is due within 1 working day', async () => {
    const r = await post('am1', '/api/v1/contracts', { customerId: enterpriseCustomerId, product: 'MEETING', quantity: 5, periodMonths: 12, signedDate: '2026-02-27' });
    expect(r.status).toBe(201);
    c2 = r.body.id;
    expect(r.body).toMatchObject({ status: 'draft', channel: 'am', billing: 'prepaid', quantity: 5, periodMonths: 12, unitPriceVnd: '350000', subtotalVnd: '21000000', vatRate: 'KCT', vatVnd: '0', totalVnd: '21000000' });
    expect(r.body.number).toMatch(/^HD-2026-\d{6}$/);
    // signed Friday 27/02 → declare by the end of the next working day, Monday 02/03 17:30
    const declare = r.body.tasks.find((x: { kind: string }) => x.kind === 'declare');
    expect(new Date(declare.dueAt).toISOString()).toBe(at('2026-03-02T17:30:00').toISOString());
    expect(r.body.allowedActions).toEqual(['submit', 'cancel']);
  });

  it('approving an unpaid contract is refused and changes nothing', async () => {
    const before = await get('admin', `/api/v1/contracts/${c2}`);
    const r = await post('approver.ttcntt', `/api/v1/contracts/${c2}/approve`);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('INVALID_TRANSITION');
    const after = await get('admin', `/api/v1/contracts/${c2}`);
    expect(after.body.status).toBe('draft');
    expect(after.body.timeline.length).toBe(before.body.timeline.length);
  });

  it('submitting e-mails the customer the amount and a payment link', async () => {
    const r = await post('am1', `/api/v1/contracts/${c2}/submit`);
    expect(r.body.status).toBe('awaiting_payment');
    expect(r.body.tasks.find((x: { kind: string }) => x.kind === 'declare').status).toBe('done');
    const [mail] = await mailsTo('enterprise1@example.vn');
    expect(mail.subject).toContain('21.000.000 ₫');
    expect(mail.text).toMatch(/\/pay\/pay_[0-9a-z]{26}\.[0-9a-z]+\.[\w-]{43}/);
    expect((await post('approver.ttcntt', `/api/v1/contracts/${c2}/approve`)).body.error.code).toBe('INVALID_TRANSITION');
  });

  it('the seller sends the payment request again: the same link, audited; neither the customer nor staff who do not sell may, and not once paid', async () => {
    const before = await mailsTo('enterprise1@example.vn');
    const r = await post('am1', `/api/v1/contracts/${c2}/payment-request`);
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ contractId: c2, sent: true });
    const after = await mailsTo('enterprise1@example.vn');
    expect(after.length).toBe(before.length + 1);
    const linkOf = (text: string) => /\/pay\/(pay_[0-9a-z]{26})\./.exec(text)?.[1];
    expect(linkOf(after.at(-1)!.text)).toBe(linkOf(before.at(-1)!.text));
    const detail = await get('admin', `/api/v1/contracts/${c2}`);
    expect(detail.body.timeline.map((e: { action: string }) => e.action)).toContain('contract.payment_request_resent');
    expect((await post('enterprise1', `/api/v1/contracts/${c2}/payment-request`)).status).toBe(403);
    expect((await post('ops1', `/api/v1/contracts/${c2}/payment-request`)).status).toBe(403);
    expect((await mailsTo('enterprise1@example.vn')).length).toBe(after.length);
  });

  it('the payment hook refuses a wrong amount, applies the right one once, and tells AM, admin and the invoice officer', async () => {
    await expect(pay(c2, 'VNP-1', '20000000')).rejects.toMatchObject({ code: 'PAYMENT_MISMATCH' });
    expect((await s.contracts.row(c2)).status).toBe('awaiting_payment');
    const first = await pay(c2, 'VNP-1', '21000000');
    expect(first.applied).toBe(true);
    expect(first.contract.status).toBe('pending_approval');
    const again = await pay(c2, 'VNP-1', '21000000');
    expect((await post('am1', `/api/v1/contracts/${c2}/payment-request`)).body.error.code).toBe('INVALID_TRANSITION');
    expect(again.applied).toBe(false);
    for (const who of ['am1', 'admin', 'invoice1']) {
      expect((await mailsTo(`${who}@example.vn`)).some((m) => m.subject.includes('đã thanh toán'))).toBe(true);
    }
    expect((await mailsTo('enterprise1@example.vn')).some((m) => m.subject.includes('đã nhận thanh toán'))).toBe(true);
  });

  it('both approvers approve (an approver of another CTKV may not); then ops provisions and the contract is active', async () => {
    const inbox = await get('approver.ctkv1', '/api/v1/tasks');
    const task = inbox.body.items.find((x: { contract: { id: string } }) => x.contract.id === c2);
    expect(task.kind).toBe('approve_ctkv');
    expect(new Date(task.dueAt).toISOString()).toBe(at('2026-03-03T09:00:00').toISOString());
    expect((await get('approver.ctkv2', '/api/v1/tasks')).body.items.some((x: { contract: { id: string } }) => x.contract.id === c2)).toBe(false);

    const foreign = await post('approver.ctkv2', `/api/v1/contracts/${c2}/approve`);
    expect(foreign.status, JSON.stringify(foreign.body)).toBe(403);
    const one = await post('approver.ctkv1', `/api/v1/contracts/${c2}/approve`);
    expect(one.body.status).toBe('pending_approval');
    expect((await post('approver.ctkv1', `/api/v1/contracts/${c2}/approve`)).status).toBe(409);
    const two = await post('approver.ttcntt', `/api/v1/contracts/${c2}/approve`);
    expect(two.body.status).toBe('provisioning');
    expect(two.body.tasks.find((x: { kind: string }) => x.kind === 'provision').status).toBe('open');

    expect((await post('am1', `/api/v1/contracts/${c2}/provisioning/complete`, { accountRef: 'x' })).status).toBe(403);
    const done = await post('ops1', `/api/v1/contracts/${c2}/provisioning/complete`, { accountRef: 'meeting:saomai-admin', note: 'Đã tạo 5 phòng' });
    expect(done.body).toMatchObject({ status: 'active', startDate: '2026-03-02', endDate: '2027-03-01', accountRef: 'meeting:saomai-admin' });
    expect((await mailsTo('am1@example.vn')).some((m) => m.text.includes('meeting:saomai-admin'))).toBe(true);
    const seen = await get('enterprise1', `/api/v1/contracts/${c2}`);
    expect(seen.status).toBe(200);
    expect(seen.body.status).toBe('active');
    expect(seen.body.allowedActions).toEqual([]);
    const actions = seen.body.timeline.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['contract.created', 'contract.submitted', 'contract.paid', 'contract.approved', 'contract.provisioned', 'contract.activated']));
  });

  it('documents: the AM attaches the signed contract (PDF only, 5 MB at most); the customer downloads it', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('Hợp đồng số 1')]);
    const up = await post('am1', `/api/v1/contracts/${c2}/documents`, { name: 'HĐ đã ký.pdf', contentBase64: pdf.toString('base64') });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ name: 'HĐ đã ký.pdf', mime: 'application/pdf', size: pdf.length });
    const html = await post('am1', `/api/v1/contracts/${c2}/documents`, { name: 'x.pdf', contentBase64: Buffer.from('<script>').toString('base64') });
    expect(html.status).toBe(415);
    const huge = await post('am1', `/api/v1/contracts/${c2}/documents`, { name: 'big.pdf', contentBase64: Buffer.concat([pdf, Buffer.alloc(5 * 1024 * 1024)]).toString('base64') });
    expect(huge.status).toBe(413);
    expect((await post('enterprise1', `/api/v1/contracts/${c2}/documents`, { name: 'mine.pdf', contentBase64: pdf.toString('base64') })).status).toBe(403);
    const detail = await get('enterprise1', `/api/v1/contracts/${c2}`);
    expect(detail.body.documents).toHaveLength(1);
    const file = await s.server!.inject({ method: 'GET', url: `/api/v1/contracts/${c2}/documents/${up.body.id}`, headers: { authorization: `Bearer ${t.enterprise1}` } });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(pdf)).toBe(true);
    expect((await get('customer1', `/api/v1/contracts/${c2}/documents/${up.body.id}`)).status).toBe(404);
  });

  it('other customers and out-of-scope staff cannot read it', async () => {
    expect((await get('customer1', `/api/v1/contracts/${c2}`)).status).toBe(404);
    const kv2 = await get('approver.ctkv2', `/api/v1/contracts/${c2}`);
    expect(kv2.status).toBe(403);
    expect((await s.http('GET', `/api/v1/contracts/${c2}`)).status).toBe(401);
    const list = await get('customer1', '/api/v1/contracts');
    expect(list.body.items.every((c: { customer: { name: string } }) => c.customer.name === 'Lý Thị Quỳnh')).toBe(true);
  });

  it('C2 with rejection: either approver may reject with a reason; the contract ends rejected', async () => {
    const r = await post('kam1', '/api/v1/contracts', { customerId: enterpriseCustomerId, product: 'EKYC', quantity: 12000, signedDate: '2026-03-02' });
    expect(r.body).toMatchObject({ unitPriceVnd: '900', totalVnd: '10800000' });
    await post('kam1', `/api/v1/contracts/${r.body.id}/submit`);
    await pay(r.body.id, 'VNP-2', '10800000');
    expect((await post('approver.ctkv1', `/api/v1/contracts/${r.body.id}/reject`, { reason: '' })).status).toBe(400);
    const rej = await post('approver.ctkv1', `/api/v1/contracts/${r.body.id}/reject`, { reason: 'Thiếu hồ sơ pháp lý' });
    expect(rej.body).toMatchObject({ status: 'rejected', rejectionReason: 'Thiếu hồ sơ pháp lý' });
    expect(rej.body.tasks.every((x: { status: string }) => x.status !== 'open')).toBe(true);
    expect((await post('approver.ttcntt', `/api/v1/contracts/${rej.body.id}/approve`)).body.error.code).toBe('INVALID_TRANSITION');
  });

  it('C3: a postpaid eKYC usage contract goes straight to approval', async () => {
    const r = await post('am1', '/api/v1/contracts', { customerId: enterpriseCustomerId, product: 'EKYC', billing: 'postpaid', quantity: 30000, signedDate: '2026-03-02' });
    expect(r.body).toMatchObject({ billing: 'postpaid', plan: { code: 'EKYC-SAAS-TS' } });
    const sub = await post('am1', `/api/v1/contracts/${r.body.id}/submit`);
    expect(sub.body.status).toBe('pending_approval');
  });

  it('C1: an individual buys 2 Meeting rooms for 1 month; payment activates it at once', async () => {
    const r = await post('customer1', '/api/v1/self-service/contracts', { product: 'MEETING', quantity: 2, periodMonths: 1 });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: 'awaiting_payment', channel: 'self_service', totalVnd: '1000000' });
    const paid = await pay(r.body.id, 'VNP-3', '1000000');
    expect(paid.contract).toMatchObject({ status: 'active', startDate: '2026-03-02', endDate: '2026-04-01' });
    expect(paid.contract.tasks.map((x: { kind: string }) => x.kind)).toContain('provision');
    expect((await post('am1', '/api/v1/self-service/contracts', { product: 'MEETING', quantity: 2, periodMonths: 1 })).status).toBe(403);
    expect((await post('customer1', '/api/v1/self-service/contracts', { product: 'MEETING', quantity: 0, periodMonths: 1 })).status).toBe(400);
    expect((await post('customer1', '/api/v1/self-service/contracts', { product: 'MEETING', quantity: 2, periodMonths: 3 })).body.error.code).toBe('PERIOD_NOT_OFFERED');
  });

  it('C6: an upgrade from 5 to 10 rooms on 02/09/2026 credits the unused part and charges the new package from that date', async () => {
    await travel('2026-09-02T09:00:00');
    const preview = await s.http('POST', `/api/v1/contracts/${c2}/amendments?preview=true`, { token: t.am1, body: { kind: 'upgrade', quantity: 10, changeDate: '2026-09-02' } });
    expect(preview.status).toBe(200);
    // 181 of 365 days remain: credit 21,000,000 × 181/365, charge 42,000,000 × 181/365 (half up)
    expect(preview.body).toMatchObject({ creditVnd: '10413699', chargeVnd: '20827397', netVnd: '10413698', payableVnd: '10413698', status: 'awaiting_payment' });
    expect((await get('admin', `/api/v1/contracts/${c2}`)).body.amendments).toEqual([]);
    const created = await post('am1', `/api/v1/contracts/${c2}/amendments`, { kind: 'upgrade', quantity: 10, changeDate: '2026-09-02' });
    expect(created.status).toBe(201);
    expect((await post('am1', `/api/v1/contracts/${c2}/amendments`, { kind: 'upgrade', quantity: 12, changeDate: '2026-09-02' })).status).toBe(409);
    const paid = await s.http('POST', '/api/v1/payments/manual', { token: t.accountant1, body: { contractId: c2, amendmentId: created.body.id, bankRef: 'UNC-0902', amountVnd: '10413698', paidAt: s.clock.now().toISOString() } });
    expect(paid.status).toBe(201);
    const done = await post('ops1', `/api/v1/amendments/${created.body.id}/complete`);
    expect(done.body).toMatchObject({ quantity: 10, unitPriceVnd: '350000', subtotalVnd: '42000000', status: 'active', endDate: '2027-03-01' });
    expect(done.body.amendments[0]).toMatchObject({ status: 'applied', fromQuantity: 5, quantity: 10 });
  });

  it('a new price version does not touch signed contracts; a renewal uses the price of its day', async () => {
    const products = await s.http('GET', '/api/v1/catalog/products');
    const plan = products.body.items.find((p: { code: string }) => p.code === 'MEETING').plans.find((p: { code: string }) => p.code === 'MEETING-SAAS');
    const model = structuredClone(plan.currentPrice.model);
    model.brackets[1].pricesVnd['12'] = '380000';
    const v2 = await s.http('POST', `/api/v1/catalog/plans/${plan.id}/prices`, { token: t.admin, body: { model, effectiveFrom: '2026-10-01' } });
    expect(v2.status).toBe(201);
    expect((await s.http('POST', `/api/v1/catalog/plans/${plan.id}/prices`, { token: t.admin, body: { model, effectiveFrom: '2026-01-01' } })).status).toBe(400);
    await travel('2026-10-01T09:00:00');
    expect((await s.http('POST', '/api/v1/quotes', { body: { product: 'MEETING', quantity: 5, periodMonths: 12 } })).body.unitPriceVnd).toBe('380000');
    expect((await get('admin', `/api/v1/contracts/${c2}`)).body.unitPriceVnd).toBe('350000');
  });

  it('C5: 30 days before the end the customer and the AM are reminded; a renewal extends the term; the old one expires', async () => {
    await travel('2027-01-30T08:00:00');
    await s.jobs.drain();
    const reminders = (await mailsTo('enterprise1@example.vn')).filter((m) => m.subject.includes('sắp hết hạn'));
    expect(reminders).toHaveLength(1);
    expect((await mailsTo('am1@example.vn')).some((m) => m.subject.includes('sắp hết hạn'))).toBe(true);
    await s.jobs.drain();
    expect((await mailsTo('enterprise1@example.vn')).filter((m) => m.subject.includes('sắp hết hạn'))).toHaveLength(1);

    const renewal = await post('am1', `/api/v1/contracts/${c2}/renew`, { quantity: 5 });
    expect(renewal.status).toBe(201);
    expect(renewal.body).toMatchObject({ kind: 'renewal', parentId: c2, status: 'draft', unitPriceVnd: '380000', totalVnd: '22800000' });
    expect((await post('am1', `/api/v1/contracts/${c2}/renew`, {})).status).toBe(409);
    await post('am1', `/api/v1/contracts/${renewal.body.id}/submit`);
    await pay(renewal.body.id, 'VNP-R1', '22800000');
    await post('approver.ctkv1', `/api/v1/contracts/${renewal.body.id}/approve`);
    await post('approver.ttcntt', `/api/v1/contracts/${renewal.body.id}/approve`);
    const active = await post('ops1', `/api/v1/contracts/${renewal.body.id}/provisioning/complete`, { accountRef: 'meeting:saomai-admin' });
    expect(active.body).toMatchObject({ status: 'active', startDate: '2027-03-02', endDate: '2028-03-01' });

    await travel('2027-03-02T00:00:00');
    await s.jobs.drain();
    const parent = await get('admin', `/api/v1/contracts/${c2}`);
    expect(parent.body.status).toBe('expired');
    expect(parent.body.tasks.some((x: { kind: string }) => x.kind === 'configure_termination')).toBe(false);
  });

  it('expiry without renewal ends the service and asks ops to disable the account', async () => {
    const list = await get('customer1', '/api/v1/contracts?status=expired');
    expect(list.body.items).toHaveLength(1); // the 1-month self-service package ended on 01/04/2026
    const c1 = await get('customer1', `/api/v1/contracts/${list.body.items[0].id}`);
    expect(c1.body.endDate).toBe('2026-04-01');
    expect(c1.body.tasks.some((x: { kind: string }) => x.kind === 'configure_termination')).toBe(true);
  });

  it('C7: early termination shows its settlement first, then ends the contract', async () => {
    await travel('2027-04-01T09:00:00');
    const [renewal] = (await get('am1', '/api/v1/contracts?status=active&product=MEETING')).body.items;
    // 5 rooms, 12 months at 380,000 (22,800,000) ended on 01/08/2027: 5 months used, re-priced at the 1-month price 450,000
    const q = await get('am1', `/api/v1/contracts/${renewal.id}/termination-quote?date=2027-08-01`);
    expect(q.body).toMatchObject({ usedMonths: 5, repricedPeriodMonths: 1, usedValueVnd: '11250000', refundVnd: '11550000' });
    expect((await get('am1', `/api/v1/contracts/${renewal.id}/termination-quote?date=2029-01-01`)).status).toBe(400);
    const done = await post('am1', `/api/v1/contracts/${renewal.id}/terminate`, { date: '2027-08-01', reason: 'Khách hàng chuyển sang giải pháp On-Premise' });
    expect(done.body).toMatchObject({ status: 'terminated', terminationDate: '2027-08-01', settlement: { refundVnd: '11550000' } });
    expect(done.body.tasks.some((x: { kind: string; status: string }) => x.kind === 'configure_termination' && x.status === 'open')).toBe(true);
    expect((await post('am1', `/api/v1/contracts/${renewal.id}/terminate`, { date: '2027-08-01', reason: 'again' })).body.error.code).toBe('INVALID_TRANSITION');
  });

  it('the contracts page searches by number, customer name or tax code, newest first, and takes % and _ literally', async () => {
    type Page = { items: { id: string; number: string; createdAt: string }[]; total: number; totalCapped?: boolean };
    const page = async (who: string, query: string) => (await get(who, `/api/v1/contracts?${query}`)).body as Page;
    const customer = await s.customers.row(enterpriseCustomerId);
    const theirs = await page('admin', `customerId=${enterpriseCustomerId}&pageSize=200`);
    expect(theirs.total).toBeGreaterThan(1);
    expect(theirs.totalCapped).toBe(false);
    const ids = theirs.items.map((c) => c.id).sort();
    const times = theirs.items.map((c) => Date.parse(c.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const found = async (q: string) => (await page('admin', `q=${encodeURIComponent(q)}&pageSize=200`)).items.map((c) => c.id);
    // a number's first characters, any case; a piece of the customer's name; the start of its tax code
    const { number } = theirs.items[0];
    expect(await found(number.slice(0, -1).toLowerCase())).toContain(theirs.items[0].id);
    expect(await found(customer.name.slice(-8).toLowerCase())).toEqual(expect.arrayContaining(ids));
    expect(await found(customer.taxCode!.slice(0, 6))).toEqual(expect.arrayContaining(ids));
    expect(await found(customer.taxCode!.slice(2))).not.toEqual(expect.arrayContaining(ids)); // a tax code matches from its start
    expect(await found('%')).toEqual([]);
    expect(await found('HD_2026')).toEqual([]);
    // the same search within the AM's scope (CTKV 1) finds no more than the admin's
    const amFound = (await page('am1', `q=${encodeURIComponent(customer.taxCode!)}&pageSize=200`)).items.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(amFound));
  });

  it('a search pages newest first without overlap, counts its matches, and an AM finds only what their list holds', async () => {
    type Page = { items: { id: string; createdAt: string }[]; total: number; totalCapped?: boolean };
    const page = async (who: string, query: string) => (await get(who, `/api/v1/contracts?${query}`)).body as Page;
    const ids = (p: Page) => p.items.map((c) => c.id);
    // 'HD-' is in every number: the search matches every contract the caller may see
    const all = await page('admin', 'q=HD-&pageSize=200');
    expect(all.items.length).toBeGreaterThan(2);
    expect(all).toMatchObject({ total: all.items.length, totalCapped: false });
    expect(ids(all).sort()).toEqual(ids(await page('admin', 'pageSize=200')).sort());
    const times = all.items.map((c) => Date.parse(c.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const paged: string[] = [];
    for (let n = 1; n <= all.items.length; n++) {
      const one = await page('admin', `q=HD-&pageSize=1&page=${n}`);
      expect(one.total).toBe(all.items.length);
      paged.push(...ids(one));
    }
    expect(paged).toEqual(ids(all));
    expect(await page('admin', `q=HD-&pageSize=1&page=${all.items.length + 1}`)).toMatchObject({ items: [], total: all.items.length });
    // the AM: exactly the contracts of their own list, no other unit's
    const am = await page('am1', 'q=HD-&pageSize=200');
    expect(ids(am).sort()).toEqual(ids(await page('am1', 'pageSize=200')).sort());
    expect(am.total).toBe(am.items.length);
    const draft = await page('am1', 'q=HD-&status=draft&pageSize=200');
    expect(ids(draft).sort()).toEqual(ids(await page('am1', 'status=draft&pageSize=200')).sort());
  });

  it('overdue steps are listed for managers only', async () => {
    const overdue = await get('admin', '/api/v1/tasks/overdue');
    expect(overdue.status).toBe(200);
    expect(overdue.body.items.length).toBeGreaterThan(0);
    expect(overdue.body.items.every((x: { overdue: boolean }) => x.overdue)).toBe(true);
    expect((await get('am1', '/api/v1/tasks/overdue')).status).toBe(403);
  });
});
