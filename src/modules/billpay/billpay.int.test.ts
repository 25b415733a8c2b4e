import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestSystem, noDatabase, type TestSystem } from '../../../test/system.ts';
import { SIMULATOR_VNPAY } from '../../config.ts';
import { signedQuery } from '../../protocols/vnpay/protocol.ts';

/** Bill payment and top-up by card (SPEC E, issue #12) through the HTTP API, VNPay, SMSC and ledger simulators. */
describe.skipIf(noDatabase)('billpay: the payment site and the clearing desk', () => {
  let s: TestSystem;
  const t: Record<string, string> = {};
  const at = (local: string) => new Date(`${local}+07:00`);

  const order = (body: Record<string, unknown>) => s.http('POST', '/api/v1/billpay/orders', { body: { cardType: 'domestic', ...body } });
  const details = (msisdn: string, password: string) => s.http('POST', `/api/v1/billpay/subscribers/${msisdn}/details`, { body: { password } });
  const desk = (who: string, query = '') => s.http('GET', `/api/v1/billpay/desk/orders${query}`, { token: t[who] });
  const publicOrder = async (id: string) => (await s.http('GET', `/api/v1/billpay/orders/${id}`)).body;
  /** Pays an order at the VNPay simulator (as the card holder would) and waits for the IPN. */
  const pay = async (payUrl: string, code = '00') => {
    const res = await fetch(payUrl, { redirect: 'manual' });
    expect([302, 303]).toContain(res.status);
    const ref = new URL(payUrl).searchParams.get('vnp_TxnRef')!;
    s.simulators.vnpay!.completePayment(ref, code);
    await s.simulators.vnpay!.ipnSettled(ref);
    return { ref, page: res.headers.get('location') ?? '' };
  };
  const smsTo = async (msisdn: string) => {
    const res = await s.http('GET', '/api/v1/notifications/messages?channel=sms&direction=out&pageSize=200', { token: t.admin });
    return (res.body.items as { to: string; body: string }[]).filter((m) => m.to === `84${msisdn.slice(1)}`).map((m) => m.body);
  };
  const relogin = async () => {
    for (const u of Object.keys(t)) t[u] = await s.login(u);
  };

  beforeAll(async () => {
    s = await createTestSystem({ now: '2026-03-02T02:00:00Z' });
    for (const u of ['admin', 'C1_ePayment', 'C2_ePayment', 'C3_ePayment', 'am1']) t[u] = await s.login(u);
  });
  afterAll(() => s?.close());

  it('E1/E2: without the password the site says only whether a number can pay and its kind', async () => {
    const post = await s.http('GET', '/api/v1/billpay/subscribers/0901%20234%20567');
    expect(post.body).toEqual({ msisdn: '0901234567', mobifone: true, canPay: true, type: 'postpaid', hasPassword: false });
    expect(JSON.stringify(post.body)).not.toContain('Hùng');
    expect((await s.http('GET', '/api/v1/billpay/subscribers/+84701234567')).body).toMatchObject({ canPay: true, type: 'prepaid' });
    expect((await s.http('GET', '/api/v1/billpay/subscribers/0981234567')).body).toMatchObject({ mobifone: false, canPay: false });
    expect((await s.http('GET', '/api/v1/billpay/subscribers/0909999999')).body).toMatchObject({ mobifone: true, canPay: false });
    expect((await s.http('GET', '/api/v1/billpay/subscribers/12345abcde')).body.error.code).toBe('NOT_MOBIFONE_NUMBER');
  });

  it('refuses what E1/E3 forbid with a code, and a bill for a prepaid number (or the reverse)', async () => {
    const code = async (body: Record<string, unknown>) => (await order(body)).body.error?.code;
    expect(await code({ msisdn: '0981234567', kind: 'bill', amountVnd: '100000' })).toBe('NOT_MOBIFONE_NUMBER');
    expect(await code({ msisdn: '0931234567', kind: 'bill', amountVnd: '49999' })).toBe('AMOUNT_OUT_OF_RANGE');
    expect(await code({ msisdn: '0931234567', kind: 'bill', amountVnd: '10000001' })).toBe('AMOUNT_OUT_OF_RANGE');
    expect(await code({ msisdn: '0701234567', kind: 'bill', amountVnd: '100000' })).toBe('WRONG_SUBSCRIBER_TYPE');
    expect(await code({ msisdn: '0931234567', kind: 'topup', amountVnd: '100000' })).toBe('WRONG_SUBSCRIBER_TYPE');
    expect(await code({ msisdn: '0909999999', kind: 'topup', amountVnd: '100000' })).toBe('SUBSCRIBER_NOT_FOUND');
    expect((await order({ msisdn: '0931234567', kind: 'bill', amountVnd: 100000 })).status).toBe(400);
    expect((await order({ msisdn: '0931234567', kind: 'bill', amountVnd: '100000', extra: 1 })).status).toBe(400);
    expect((await desk('C2_ePayment')).body.total).toBe(0);
  });

  it('E2: "MK 1234" to 9223 sets the password (not kept in the SMS log) and replies; details need it', async () => {
    const mo = await s.http('POST', '/api/v1/simulators/smsc/mo', { token: t.admin, body: { from: '0931234567', to: '9223', text: 'MK 1234' } });
    expect(mo.status).toBe(202);
    await vi.waitFor(async () => {
      await s.jobs.drain();
      expect((await smsTo('0931234567')).some((b) => b.includes('da duoc dang ky/thay doi thanh cong'))).toBe(true);
    }, { timeout: 5000 });
    const inbound = await s.http('GET', '/api/v1/notifications/messages?channel=sms&direction=in&pageSize=50', { token: t.admin });
    expect(inbound.body.items.find((m: { from: string }) => m.from === '84931234567').body).toBe('MK ***');
    expect((await s.http('GET', '/api/v1/billpay/subscribers/0931234567')).body.hasPassword).toBe(true);
    expect(await details('0931234567', '1234').then((r) => r.body)).toEqual({
      msisdn: '0931234567',
      name: 'Trần Thị Thu Hà',
      address: '45 Nguyễn Huệ, Quận 1, TP. Hồ Chí Minh',
      debtVnd: '3480000',
    });
    // A prepaid number gets no password.
    await s.simulators.smsc!.sendMo('84701234567', '9223', 'MK 5678');
    await vi.waitFor(async () => {
      await s.jobs.drain();
      expect((await smsTo('0701234567')).some((b) => b.includes('chi danh cho thue bao tra sau'))).toBe(true);
    }, { timeout: 5000 });
  });

  it('E2: wrong passwords lock the number out after the 5th, for 15 minutes, and the right one is refused meanwhile', async () => {
    for (let i = 0; i < 4; i++) expect((await details('0931234567', '0000')).body.error.code).toBe('PAYMENT_PASSWORD_INVALID');
    expect((await details('0931234567', '1234')).status).toBe(200); // a success resets the count
    for (let i = 0; i < 4; i++) expect((await details('0931234567', '0000')).status).toBe(401);
    const fifth = await details('0931234567', '0000');
    expect(fifth.status).toBe(401);
    const locked = await details('0931234567', '1234');
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('PAYMENT_PASSWORD_LOCKED');
    s.clock.set(new Date(s.clock.now().getTime() + 15 * 60_000));
    expect((await details('0931234567', '1234')).status).toBe(200);
    expect((await details('0901234567', '1234')).body.error.code).toBe('PAYMENT_PASSWORD_INVALID'); // no password registered
  });

  it('after the VNPay IPN 00 for a bill order the debt is reduced (seen through /details) and the SMS is in the outbox', async () => {
    const created = await order({ msisdn: '0931234567', kind: 'bill', amountVnd: '1000000', cardType: 'international' });
    expect(created.status).toBe(201);
    expect(created.body.orderId).toMatch(/^bpo_/);
    const url = new URL(created.body.payUrl);
    expect(url.searchParams.get('vnp_BankCode')).toBe('INTCARD');
    expect(url.searchParams.get('vnp_Amount')).toBe('100000000');
    expect(url.searchParams.get('vnp_ReturnUrl')).toContain(`/billpay/return?order=${created.body.orderId}`);
    // International cards open the card scheme's form directly (no bank to choose).
    expect((await pay(created.body.payUrl)).page).toContain('/CardInfo.html');
    expect((await publicOrder(created.body.orderId)).status).toBe('paid');
    await s.jobs.drain();
    expect(await publicOrder(created.body.orderId)).toMatchObject({ status: 'cleared', amountVnd: '1000000' });
    expect((await details('0931234567', '1234')).body.debtVnd).toBe('2480000');
    expect((await smsTo('0931234567')).some((b) => b.includes('da thanh toan thanh cong 1.000.000d') && b.includes(created.body.orderId))).toBe(true);
    const row = (await desk('C2_ePayment', '?status=cleared')).body.items[0];
    expect(row).toMatchObject({ id: created.body.orderId, center: 2, riskScore: expect.any(Number), debtAfterVnd: '2480000', clearedBy: 'system' });
    // E4: a cleared transaction is not the customer's to cancel.
    const cancel = await s.http('POST', `/api/v1/billpay/orders/${created.body.orderId}/cancel`, { body: { msisdn: '0931234567' } });
    expect(cancel.body.error.code).toBe('ORDER_ALREADY_CLEARED');
  });

  it('a top-up by domestic card (VNBANK) tops the prepaid number up', async () => {
    const before = BigInt(s.simulators.ledger!.subscriber('0701234567')!.debtVnd);
    const created = await order({ msisdn: '0701234567', kind: 'topup', amountVnd: '200000', cardType: 'domestic' });
    expect(new URL(created.body.payUrl).searchParams.get('vnp_BankCode')).toBe('VNBANK');
    await pay(created.body.payUrl);
    await s.jobs.drain();
    expect((await publicOrder(created.body.orderId)).status).toBe('cleared');
    expect(BigInt(s.simulators.ledger!.subscriber('0701234567')!.debtVnd)).toBe(before + 200_000n);
    expect((await smsTo('0701234567')).some((b) => b.includes('da duoc nap thanh cong 200.000d'))).toBe(true);
  });

  it('E3: the 6th order of a Vietnam day is refused, a failed or dropped one gives its place back, 00:00 starts a new day', async () => {
    s.clock.set(at('2026-03-05T23:00:00'));
    await relogin();
    const m = '0904567890';
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await order({ msisdn: m, kind: 'bill', amountVnd: '50000' });
      expect(r.status).toBe(201);
      ids.push(r.body.orderId);
    }
    expect((await order({ msisdn: m, kind: 'bill', amountVnd: '50000' })).body.error.code).toBe('DAILY_COUNT_EXCEEDED');
    // The subscriber drops an unpaid order: it frees its place (only with the order's own number).
    expect((await publicOrder(ids[1])).status).toBe('pending');
    const cancelled = await s.http('POST', `/api/v1/billpay/orders/${ids[1]}/cancel`, { body: { msisdn: m } });
    expect(cancelled.body.status).toBe('cancelled');
    expect((await s.http('POST', `/api/v1/billpay/orders/${ids[1]}/cancel`, { body: { msisdn: '0901234567' } })).status).toBe(404);
    expect((await order({ msisdn: m, kind: 'bill', amountVnd: '50000' })).status).toBe(201);
    expect((await order({ msisdn: m, kind: 'bill', amountVnd: '50000' })).body.error.code).toBe('DAILY_COUNT_EXCEEDED');
    s.clock.set(at('2026-03-05T23:59:59'));
    expect((await order({ msisdn: m, kind: 'bill', amountVnd: '50000' })).body.error.code).toBe('DAILY_COUNT_EXCEEDED');
    s.clock.set(at('2026-03-06T00:00:00'));
    expect((await order({ msisdn: m, kind: 'bill', amountVnd: '50000' })).status).toBe(201);
  });

  it('E3: at most 10,000,000 đ of bill payment a day; top-ups do not count towards it', async () => {
    s.clock.set(at('2026-03-07T09:00:00'));
    await relogin();
    const m = '0781112223';
    expect((await order({ msisdn: m, kind: 'bill', amountVnd: '9950000' })).status).toBe(201);
    const over = await order({ msisdn: m, kind: 'bill', amountVnd: '50001' });
    expect(over.body.error.code).toBe('DAILY_AMOUNT_EXCEEDED');
    expect((await order({ msisdn: m, kind: 'bill', amountVnd: '50000' })).status).toBe(201);
  });

  it('a failed attempt at VNPay fails the order and releases its place; an unpaid order expires after the page closes', async () => {
    s.clock.set(at('2026-03-08T09:00:00'));
    await relogin();
    const failed = await order({ msisdn: '0901234567', kind: 'bill', amountVnd: '60000' });
    await pay(failed.body.payUrl, '24');
    expect((await publicOrder(failed.body.orderId)).status).toBe('failed');
    const open = await order({ msisdn: '0901234567', kind: 'bill', amountVnd: '70000' });
    s.clock.set(at('2026-03-08T09:21:00'));
    await s.jobs.drain();
    expect((await publicOrder(open.body.orderId)).status).toBe('expired');
  });

  it('E6: a clearing failure is raised as a case with the 2-day limit and recovered by the job', async () => {
    s.clock.set(at('2026-03-09T10:00:00'));
    await relogin();
    const created = await order({ msisdn: '0901234567', kind: 'bill', amountVnd: '250000' });
    await pay(created.body.payUrl);
    s.simulators.ledger!.inject('down', 1);
    await s.jobs.drain();
    expect((await publicOrder(created.body.orderId)).status).toBe('recovery');
    const cases = (await s.http('GET', '/api/v1/billpay/desk/cases?status=open', { token: t.C1_ePayment })).body.items;
    const c = cases.find((x: { orderId: string }) => x.orderId === created.body.orderId);
    expect(c).toMatchObject({ center: 1, overdue: false, minutesLeft: 2 * 24 * 60, lastError: expect.stringContaining('503') });
    expect(new Date(c.dueAt).getTime() - at('2026-03-09T10:00:00').getTime()).toBe(2 * 86_400_000);
    s.clock.set(at('2026-03-09T10:01:00'));
    await s.jobs.drain();
    expect((await publicOrder(created.body.orderId)).status).toBe('cleared');
    expect(s.simulators.ledger!.postings().filter((p) => p.ref === created.body.orderId)).toHaveLength(1);
    const resolved = (await s.http('GET', '/api/v1/billpay/desk/cases?status=resolved', { token: t.C1_ePayment })).body.items;
    expect(resolved.find((x: { orderId: string }) => x.orderId === created.body.orderId)).toMatchObject({ resolution: 'auto' });
  });

  it('E6/E9: a C2 user cannot see or clear a C1 number; the C1 user clears it by hand, audited', async () => {
    s.clock.set(at('2026-03-10T10:00:00'));
    await relogin();
    const created = await order({ msisdn: '0901234567', kind: 'bill', amountVnd: '300000' });
    await pay(created.body.payUrl);
    s.simulators.ledger!.inject('down', 10);
    await s.jobs.drain();
    expect((await publicOrder(created.body.orderId)).status).toBe('recovery');
    const id = created.body.orderId;
    expect((await desk('C2_ePayment', '?status=recovery')).body.items.map((o: { id: string }) => o.id)).not.toContain(id);
    expect((await desk('C1_ePayment', '?status=recovery')).body.items.map((o: { id: string }) => o.id)).toContain(id);
    const c2 = await s.http('POST', `/api/v1/billpay/desk/orders/${id}/clear`, { token: t.C2_ePayment, body: { note: 'Đã xác nhận với VNPay' } });
    expect(c2.status).toBe(403);
    expect(c2.body.error.code).toBe('OTHER_CENTER');
    expect((await s.http('POST', `/api/v1/billpay/desk/orders/${id}/clear`, { token: t.am1, body: { note: 'x'.repeat(5) } })).status).toBe(403);
    s.simulators.ledger!.heal(); // the ledger is back
    const c1 = await s.http('POST', `/api/v1/billpay/desk/orders/${id}/clear`, { token: t.C1_ePayment, body: { note: 'Đã xác nhận với VNPay' } });
    expect(c1.status).toBe(202);
    await s.jobs.drain();
    const row = (await desk('C1_ePayment', '?status=cleared')).body.items.find((o: { id: string }) => o.id === id);
    expect(row.clearedBy).toMatch(/^usr_/);
    const audit = await s.http('GET', `/api/v1/audit?entityId=${id}&pageSize=50`, { token: t.admin });
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['billpay.manual_clear_requested', 'billpay.order_cleared']));
  });

  it('E7: staff cancel a cleared transaction found fraudulent: refunded through VNPay, posting reversed, E7 SMS', async () => {
    s.clock.set(at('2026-03-11T10:00:00'));
    await relogin();
    const debtBefore = BigInt(s.simulators.ledger!.subscriber('0898765432')!.debtVnd);
    const created = await order({ msisdn: '0898765432', kind: 'bill', amountVnd: '400000', email: 'chuthe@example.vn' });
    await pay(created.body.payUrl);
    await s.jobs.drain();
    expect((await publicOrder(created.body.orderId)).status).toBe('cleared');
    expect(BigInt(s.simulators.ledger!.subscriber('0898765432')!.debtVnd)).toBe(debtBefore - 400_000n);
    const id = created.body.orderId;
    // Only the desk's fraud cancel refunds it (with the order and the posting): the payments ledger's own refund refuses.
    const [{ pid }] = await s.database.rows<{ pid: string }>(sql`select id as pid from payments.payments where purpose_ref = ${id}`);
    const generic = await s.http('POST', `/api/v1/payments/${pid}/refund`, { token: t.admin, body: { amountVnd: '400000', reason: 'hoàn thử' } });
    expect(generic.status).toBe(409);
    expect(generic.body.error.code).toBe('PAYMENT_OWNED_ELSEWHERE');
    expect((await s.http('POST', `/api/v1/billpay/desk/orders/${id}/fraud-cancel`, { token: t.C1_ePayment, body: { reason: 'Ngân hàng báo giả mạo' } })).status).toBe(403);
    const r = await s.http('POST', `/api/v1/billpay/desk/orders/${id}/fraud-cancel`, { token: t.C3_ePayment, body: { reason: 'Ngân hàng báo giả mạo' } });
    expect(r.body).toEqual({ orderId: id, status: 'fraud_cancelled' });
    await s.jobs.drain();
    expect(BigInt(s.simulators.ledger!.subscriber('0898765432')!.debtVnd)).toBe(debtBefore);
    const vnp = s.simulators.vnpay!.transactions().find((x) => x.txnRef === new URL(created.body.payUrl).searchParams.get('vnp_TxnRef'));
    expect(vnp?.refundedVnd).toBe(400_000n);
    expect(await smsTo('0898765432')).toContain('Giao dich thanh toan/nap tien cua quy khach da bi huy do khong hop le. Thong tin chi tiet lien he 9090');
    // The card holder asked for e-mail: the receipt, then the cancellation.
    const mails = (await s.http('GET', '/api/v1/notifications/messages?channel=email&pageSize=100', { token: t.admin })).body.items.filter((m: { to: string }) => m.to === 'chuthe@example.vn');
    expect(mails.map((m: { subject: string }) => m.subject).sort()).toEqual([
      `MobiFone: giao dịch ${id} đã bị huỷ`,
      'MobiFone: thanh toán cước thành công cho thuê bao 0898765432 — 400.000 ₫',
    ]);
    expect((await s.http('POST', `/api/v1/billpay/desk/orders/${id}/fraud-cancel`, { token: t.C3_ePayment, body: { reason: 'lần nữa' } })).body.error.code).toBe('ORDER_NOT_CANCELLABLE');
  });

  it('E5: the risk rules are data; a blacklisted number is rejected without clearing and refunded', async () => {
    s.clock.set(at('2026-03-12T10:00:00'));
    await relogin();
    const rules = (await s.http('GET', '/api/v1/billpay/risk-rules', { token: t.admin })).body;
    expect(rules).toMatchObject({ threshold: 100, largeFirstPayment: { minVnd: '5000000' } });
    const changed = { ...rules, blacklist: { ...rules.blacklist, msisdns: ['0904567890'] } };
    expect((await s.http('PUT', '/api/v1/billpay/risk-rules', { token: t.C1_ePayment, body: changed })).status).toBe(403);
    expect((await s.http('PUT', '/api/v1/billpay/risk-rules', { token: t.admin, body: changed })).status).toBe(200);
    const postings = s.simulators.ledger!.postings().length;
    const created = await order({ msisdn: '0904567890', kind: 'bill', amountVnd: '100000' });
    await pay(created.body.payUrl);
    await s.jobs.drain();
    expect((await publicOrder(created.body.orderId)).status).toBe('rejected');
    expect(s.simulators.ledger!.postings()).toHaveLength(postings);
    const row = (await desk('admin', `?msisdn=0904567890&status=rejected`)).body.items[0];
    expect(row.riskHits).toEqual([expect.objectContaining({ rule: 'blacklist' })]);
    const vnp = s.simulators.vnpay!.transactions().find((x) => x.txnRef === new URL(created.body.payUrl).searchParams.get('vnp_TxnRef'));
    expect(vnp?.refundedVnd).toBe(100_000n);
  });

  it('E10: the end-of-day reports per cashier code and center balance, or list each difference; the job keeps each day', async () => {
    const day2 = (await s.http('GET', '/api/v1/billpay/reports/2026-03-02', { token: t.admin })).body;
    expect(day2).toMatchObject({ date: '2026-03-02', center: null, balanced: true, totals: { collectedVnd: '1200000', refundedVnd: '0', clearedVnd: '1200000' } });
    expect(day2.collection).toEqual([
      { cashierCode: 'INTCARD', count: 1, amountVnd: '1000000' },
      { cashierCode: 'NCB', count: 1, amountVnd: '200000' },
    ]);
    expect(day2.clearing).toEqual([
      { center: 2, kind: 'bill', count: 1, amountVnd: '1000000' },
      { center: 4, kind: 'topup', count: 1, amountVnd: '200000' },
    ]);
    const c2 = (await s.http('GET', '/api/v1/billpay/reports/2026-03-02', { token: t.C2_ePayment })).body;
    expect(c2).toMatchObject({ center: 2, totals: { collectedVnd: '1000000' } });
    // A fraud-cancelled day balances (refunded, posting reversed).
    expect((await s.http('GET', '/api/v1/billpay/reports/2026-03-11', { token: t.admin })).body).toMatchObject({ balanced: true, totals: { refundedVnd: '400000', clearedVnd: '0' } });

    s.clock.set(at('2026-03-13T10:00:00'));
    await relogin();
    const stuck = await order({ msisdn: '0781112223', kind: 'bill', amountVnd: '150000' });
    await pay(stuck.body.payUrl);
    s.simulators.ledger!.inject('down', 100); // HT TC QLKH stays down until the day is closed
    await s.jobs.drain();
    const day13 = (await s.http('GET', '/api/v1/billpay/reports/2026-03-13', { token: t.admin })).body;
    expect(day13.balanced).toBe(false);
    expect(day13.differences).toEqual([expect.objectContaining({ orderId: stuck.body.orderId, reason: 'not_cleared', collectedVnd: '150000', clearedVnd: '0', status: 'recovery' })]);
    const csv = await s.server!.inject({ method: 'GET', url: '/api/v1/billpay/reports/2026-03-13/export?format=csv', headers: { authorization: `Bearer ${t.admin}` } });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('Chênh lệch');
    expect(csv.body).toContain(stuck.body.orderId);
    const xlsx = await s.server!.inject({ method: 'GET', url: '/api/v1/billpay/reports/2026-03-13/export', headers: { authorization: `Bearer ${t.admin}` } });
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const html = await s.server!.inject({ method: 'GET', url: '/api/v1/billpay/reports/2026-03-13/print', headers: { authorization: `Bearer ${t.admin}` } });
    expect(html.body).toContain('Không cân đối: 1 chênh lệch');
    expect((await s.http('GET', '/api/v1/billpay/reports/13-03-2026', { token: t.admin })).status).toBe(400);
    expect((await s.http('GET', '/api/v1/billpay/reports/2026-03-13', { token: t.am1 })).status).toBe(403);

    s.clock.set(at('2026-03-14T01:31:00'));
    await s.billpay.scheduleEndOfDay();
    await s.jobs.drain();
    s.simulators.ledger!.heal();
    await relogin();
    const days = (await s.http('GET', '/api/v1/billpay/reports', { token: t.admin })).body.items;
    expect(days[0]).toMatchObject({ date: '2026-03-13', balanced: false, differences: 1 });
  });

  it('E11: VAT invoices asked by web or SMS "HD" are gathered the next morning per center, with a mailing list', async () => {
    s.clock.set(at('2026-03-15T10:00:00'));
    await relogin();
    const bill = await order({ msisdn: '0901234567', kind: 'bill', amountVnd: '320000' });
    await pay(bill.body.payUrl);
    const topup = await order({ msisdn: '0701234567', kind: 'topup', amountVnd: '100000' });
    await pay(topup.body.payUrl);
    const unpaid = await order({ msisdn: '0701234567', kind: 'topup', amountVnd: '60000' });
    await s.jobs.drain();
    const buyer = { msisdn: '0901234567', buyerName: 'Công ty TNHH Hùng Phát', taxCode: '0101234567', address: '12 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội' };
    const vat = (id: string, body: Record<string, unknown>) => s.http('POST', `/api/v1/billpay/orders/${id}/vat-invoice`, { body });
    expect((await vat(bill.body.orderId, { ...buyer, msisdn: '0931234567' })).status).toBe(404);
    expect((await vat(bill.body.orderId, { ...buyer, taxCode: '12345' })).status).toBe(400);
    expect((await vat(unpaid.body.orderId, { ...buyer, msisdn: '0701234567' })).body.error.code).toBe('ORDER_NOT_INVOICEABLE');
    const asked = await vat(bill.body.orderId, buyer);
    expect(asked.body).toEqual({ orderId: bill.body.orderId, day: '2026-03-15', channel: 'web', buyerName: 'Công ty TNHH Hùng Phát', address: buyer.address });
    expect((await vat(bill.body.orderId, { ...buyer, buyerName: 'Khác' })).body.buyerName).toBe('Công ty TNHH Hùng Phát');
    // By SMS: the latest cleared transaction, to the subscriber's name and address in the ledger.
    await s.simulators.smsc!.sendMo('84701234567', '9223', 'HD');
    await s.simulators.smsc!.sendMo('84904567890', '9223', 'HD');
    await vi.waitFor(async () => {
      await s.jobs.drain();
      expect((await smsTo('0701234567')).some((b) => b.includes(`yeu cau hoa don GTGT cho giao dich ${topup.body.orderId}`))).toBe(true);
      expect((await smsTo('0904567890')).some((b) => b.includes('Khong tim thay giao dich'))).toBe(true);
    }, { timeout: 5000 });

    s.clock.set(at('2026-03-16T07:01:00'));
    await s.billpay.scheduleVatBatches();
    await s.jobs.drain();
    await relogin();
    const all = (await s.http('GET', '/api/v1/billpay/invoice-batches', { token: t.admin })).body.items;
    expect(all.map((b: { day: string; center: number; count: number; totalVnd: string }) => [b.day, b.center, b.count, b.totalVnd])).toEqual([
      ['2026-03-15', 1, 1, '320000'],
      ['2026-03-15', 4, 1, '100000'],
    ]);
    const mine = (await s.http('GET', '/api/v1/billpay/invoice-batches', { token: t.C1_ePayment })).body.items;
    expect(mine).toHaveLength(1);
    const list = await s.server!.inject({ method: 'GET', url: `/api/v1/billpay/invoice-batches/${mine[0].id}/mailing-list?format=csv`, headers: { authorization: `Bearer ${t.C1_ePayment}` } });
    expect(list.body).toContain('Công ty TNHH Hùng Phát');
    expect(list.body).toContain('0101234567');
    // Each request became an e-invoice through invoicing (no customer or contract), issued by the provider.
    const paymentId = (await desk('admin', '?msisdn=0901234567&status=cleared')).body.items.find((o: { id: string }) => o.id === bill.body.orderId).paymentId;
    const invoices = (await s.http('GET', '/api/v1/invoices?pageSize=100', { token: t.admin })).body.items;
    expect(invoices.find((i: { sourcePaymentId: string }) => i.sourcePaymentId === paymentId)).toMatchObject({ status: 'issued', totalVnd: '320000', contractId: null });
    const other = all.find((b: { center: number }) => b.center === 4).id;
    expect((await s.http('GET', `/api/v1/billpay/invoice-batches/${other}/mailing-list`, { token: t.C1_ePayment })).status).toBe(404);
  });

  it('E12: a subscriber blocked for debt is reopened by the ledger once paid, and told so', async () => {
    s.clock.set(at('2026-03-17T10:00:00'));
    await relogin();
    await s.http('POST', '/api/v1/simulators/subscribers', {
      token: t.admin,
      body: { msisdn: '0762223334', type: 'postpaid', name: 'Trương Văn Lộc', address: '8 Trần Phú, Nha Trang', debtVnd: '300000', blocked: true },
    });
    const created = await order({ msisdn: '0762223334', kind: 'bill', amountVnd: '300000' });
    await pay(created.body.payUrl);
    await s.jobs.drain();
    expect(s.simulators.ledger!.subscriber('0762223334')).toMatchObject({ status: 'active', debtVnd: '0' });
    expect((await smsTo('0762223334')).some((b) => b.includes('da duoc mo lai lien lac'))).toBe(true);
  });

  it('money whose IPN was lost is found by the expiry job (querydr): the order is paid and cleared, and keeps its place', async () => {
    s.clock.set(at('2026-03-18T10:00:00'));
    await relogin();
    const created = await order({ msisdn: '0931234567', kind: 'bill', amountVnd: '90000' });
    const res = await fetch(created.body.payUrl, { redirect: 'manual' });
    expect([302, 303]).toContain(res.status);
    const ref = new URL(created.body.payUrl).searchParams.get('vnp_TxnRef')!;
    s.simulators.vnpay!.setIpnLost(ref, true);
    s.simulators.vnpay!.completePayment(ref);
    s.clock.set(at('2026-03-18T10:21:00'));
    // The expiry job asks VNPay first (querydr): the money is there, so the order is paid, not expired.
    await s.jobs.drain();
    expect((await publicOrder(created.body.orderId)).status).toBe('cleared');
    const [usage] = await s.database.rows<{ count: number }>(sql`select count from billpay.day_usage where msisdn = '0931234567' and day = '2026-03-18'`);
    expect(usage.count).toBe(1);
  });

  it('money arriving after an order expired is still taken: paid late, cleared, and it takes its place again', async () => {
    s.clock.set(at('2026-03-19T10:00:00'));
    await relogin();
    const created = await order({ msisdn: '0931234567', kind: 'bill', amountVnd: '80000' });
    const usage = async () => (await s.database.rows<{ count: number }>(sql`select count from billpay.day_usage where msisdn = '0931234567' and day = '2026-03-19'`))[0].count;
    expect(await usage()).toBe(1);
    s.clock.set(at('2026-03-19T10:21:00'));
    await s.jobs.drain();
    expect((await publicOrder(created.body.orderId)).status).toBe('expired');
    expect(await usage()).toBe(0);
    // VNPay's IPN comes after all (signed as VNPay signs it).
    const ref = new URL(created.body.payUrl).searchParams.get('vnp_TxnRef')!;
    const ipn = signedQuery(
      {
        vnp_TmnCode: SIMULATOR_VNPAY.tmnCode,
        vnp_Amount: '8000000',
        vnp_BankCode: 'NCB',
        vnp_BankTranNo: 'VNP99990001',
        vnp_CardType: 'ATM',
        vnp_OrderInfo: 'Thanh toan cuoc di dong 0931234567',
        vnp_PayDate: '20260319101400',
        vnp_ResponseCode: '00',
        vnp_TransactionNo: '99990001',
        vnp_TransactionStatus: '00',
        vnp_TxnRef: ref,
      },
      SIMULATOR_VNPAY.hashSecret,
    );
    expect((await s.http('GET', `/api/v1/payments/vnpay/ipn?${ipn}`)).body).toMatchObject({ RspCode: '00' });
    expect((await publicOrder(created.body.orderId)).status).toBe('paid');
    expect(await usage()).toBe(1);
    await s.jobs.drain();
    expect((await publicOrder(created.body.orderId)).status).toBe('cleared');
  });

  it('the simulator API adds a subscriber (center from its prefix when not given)', async () => {
    const r = await s.http('POST', '/api/v1/simulators/subscribers', {
      token: t.admin,
      body: { msisdn: '0771234567', type: 'postpaid', name: 'Ngô Văn Bình', address: '3 Hùng Vương, Huế', debtVnd: '820000' },
    });
    expect(r.body).toEqual({ msisdn: '0771234567', type: 'postpaid', center: 5, debtVnd: '820000' });
    expect((await s.http('POST', '/api/v1/simulators/subscribers', { token: t.am1, body: { msisdn: '0771234567', type: 'postpaid', name: 'x', address: 'y', debtVnd: '1' } })).status).toBe(403);
    expect((await s.http('GET', '/api/v1/billpay/subscribers/0771234567')).body).toMatchObject({ canPay: true, type: 'postpaid' });
  });
});
