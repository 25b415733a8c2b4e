import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, noDatabase, type TestSystem } from '../../../test/system.ts';
import { systemCtx } from '../../platform/context.ts';

describe.skipIf(noDatabase)('commissions on collected money (A6): accrual, refund reversal, statements, minutes', () => {
  let s: TestSystem;
  const t: Record<string, string> = {};
  const list = (who: string, period = '2026-03') => s.http('GET', `/api/v1/commissions?period=${period}`, { token: t[who] });

  /** An AM-sold Meeting contract of enterprise1 paid through the VNPay simulator; returns the contract and its payment. */
  async function amContractPaid() {
    const me = await s.http('GET', '/api/v1/me', { token: t.enterprise1 });
    const d = await s.http(
      'POST',
      '/api/v1/contracts',
      { token: t.am1, body: { customerId: me.body.user.customer.id, product: 'MEETING', quantity: 5, periodMonths: 12, signedDate: '2026-03-02' } },
    );
    expect(d.status).toBe(201);
    await s.http('POST', `/api/v1/contracts/${d.body.id}/submit`, { token: t.am1, body: {} });
    const link = await s.http('POST', `/api/v1/contracts/${d.body.id}/payment-link`, { token: t.am1, body: {} });
    const token = link.body.link.match(/\/pay\/([\w.-]+)/)[1];
    const start = await s.http('POST', `/api/v1/pay/${token}/start`, { body: {} });
    expect([302, 303]).toContain((await fetch(start.body.payUrl, { redirect: 'manual' })).status);
    const ref = new URL(start.body.payUrl).searchParams.get('vnp_TxnRef')!;
    s.simulators.vnpay!.completePayment(ref);
    await s.simulators.vnpay!.ipnSettled(ref);
    const pay = (await s.http('GET', `/api/v1/payments?contractId=${d.body.id}`, { token: t.admin })).body.items[0];
    expect(pay.status).toBe('paid');
    return { contract: d.body, pay };
  }

  beforeAll(async () => {
    s = await createTestSystem();
    for (const u of ['admin', 'am1', 'kam1', 'agent1', 'accountant1', 'enterprise1']) t[u] = await s.login(u);
  });
  afterAll(() => s?.close());

  it('a collected payment accrues the AM 35 % of the amount before VAT, once however often it is recomputed; each sees their own', async () => {
    const { contract, pay } = await amContractPaid();
    expect(await s.commissions.sync('2026-03')).toBe(1);
    expect(await s.commissions.sync('2026-03')).toBe(0);
    const expected = (BigInt(pay.amountVnd) * 3500n) / 10_000n; // Meeting is KCT: no VAT in the amount
    const all = await list('accountant1');
    expect(all.body.items).toEqual([
      {
        beneficiaryUsername: 'am1',
        contractId: contract.id,
        contractNumber: contract.number,
        collectedVnd: pay.amountVnd,
        rateBp: 3500,
        amountVnd: expected.toString(),
        status: 'accrued',
      },
    ]);
    expect((await list('am1')).body.items).toHaveLength(1);
    expect((await list('kam1')).body.items).toEqual([]);
    expect((await list('agent1')).body.items).toEqual([]);
    expect((await s.http('GET', '/api/v1/commissions?period=2026-13', { token: t.accountant1 })).status).toBe(400);
    expect((await s.http('POST', '/api/v1/commissions/sync', { token: t.am1, body: { period: '2026-03' } })).status).toBe(403);
  });

  it('a commission agent earns 40 % on a recorded bank transfer; the sync job finds it', async () => {
    const cust = await s.http(
      'POST',
      '/api/v1/customers',
      { token: t.agent1, body: { type: 'individual', name: 'Phan Thị Yến', email: 'yen@example.vn', phone: '0987654321' } },
    );
    const d = await s.http(
      'POST',
      '/api/v1/contracts',
      { token: t.agent1, body: { customerId: cust.body.id, product: 'MEETING', quantity: 1, periodMonths: 1, signedDate: '2026-03-02' } },
    );
    expect(d.body).toMatchObject({ channel: 'agent' });
    await s.http('POST', `/api/v1/contracts/${d.body.id}/submit`, { token: t.agent1, body: {} });
    const paid = await s.http(
      'POST',
      '/api/v1/payments/manual',
      { token: t.accountant1, body: { contractId: d.body.id, amountVnd: d.body.totalVnd, bankRef: 'VCB-TEST-001' } },
    );
    expect(paid.status).toBe(201);
    await s.jobs.enqueue(s.database.db, { queue: 'commissions.sync', payload: {} });
    await s.jobs.drain();
    const mine = (await list('agent1')).body.items;
    expect(mine).toEqual(
      [
        expect.objectContaining(
          {
            beneficiaryUsername: 'agent1',
            contractId: d.body.id,
            rateBp: 4000,
            collectedVnd: d.body.totalVnd,
            amountVnd: ((BigInt(d.body.totalVnd) * 4000n) / 10_000n).toString(),
          }
        )
      ]
    );
  });

  it('a reseller agent (đại lý bao tiêu) bought outright: its contracts earn nothing', async () => {
    const unit = s.identity.orgUnitByCode('DL-BT01')!;
    expect(unit.agentKind).toBe('reseller');
    const admin = await s.login('admin');
    const made = await s.http(
      'POST',
      '/api/v1/admin/users',
      {
        token: admin,
        body: {
          username: 'reseller1',
          password: 'Qldv@2026',
          fullName: 'Đại lý Minh Phát',
          email: 'reseller1@example.vn',
          roles: ['agent'],
          orgUnitId: unit.id,
        },
      },
    );
    expect(made.status).toBe(201);
    const reseller = await s.login('reseller1');
    const cust = await s.http(
      'POST',
      '/api/v1/customers',
      { token: reseller, body: { type: 'individual', name: 'Vũ Văn Long', email: 'long@example.vn', phone: '0977123456' } },
    );
    const d = await s.http(
      'POST',
      '/api/v1/contracts',
      { token: reseller, body: { customerId: cust.body.id, product: 'MEETING', quantity: 1, periodMonths: 1, signedDate: '2026-03-02' } },
    );
    expect(d.body).toMatchObject({ channel: 'agent' });
    await s.http('POST', `/api/v1/contracts/${d.body.id}/submit`, { token: reseller, body: {} });
    const transfer = { contractId: d.body.id, amountVnd: d.body.totalVnd, bankRef: 'VCB-RESELLER-1' };
    expect((await s.http('POST', '/api/v1/payments/manual', { token: t.accountant1, body: transfer })).status).toBe(201);
    expect(await s.commissions.sync('2026-03')).toBe(0);
    expect((await list('accountant1')).body.items.some((i: { contractId: string }) => i.contractId === d.body.id)).toBe(false);
  });

  it('a refund reverses its share; the month is approved only once it has ended; the minutes and the Excel follow', async () => {
    const { pay } = await amContractPaid();
    const part = 1_000_003n;
    const refund = await s.http(
      'POST',
      `/api/v1/payments/${pay.id}/refund`,
      { token: t.admin, body: { amountVnd: part.toString(), reason: 'Giảm giá theo thoả thuận' } },
    );
    expect(refund.status).toBe(202);
    await s.jobs.drain();
    await s.commissions.sync('2026-03');
    const items = (await list('accountant1')).body.items.filter((i: { contractId: string }) => i.contractId === pay.contractId);
    const remaining = BigInt(pay.amountVnd) - part;
    expect(items).toEqual([expect.objectContaining({ collectedVnd: remaining.toString(), amountVnd: ((remaining * 3500n) / 10_000n).toString() })]);

    const early = await s.http(
      'POST',
      '/api/v1/commissions/statements/approve',
      { token: t.accountant1, body: { period: '2026-03', beneficiaryUsername: 'am1' } },
    );
    expect(early).toMatchObject({ status: 409, body: { error: { code: 'COMMISSION_PERIOD_NOT_ENDED' } } });
    s.clock.set('2026-04-01T02:00:00Z');
    for (const u of Object.keys(t)) t[u] = await s.login(u); // the sessions of March have expired
    expect(
      (await s.http('POST', '/api/v1/commissions/statements/approve', { token: t.am1, body: { period: '2026-03', beneficiaryUsername: 'am1' } })).status
    ).toBe(403);
    const draft = await s.http('GET', '/api/v1/commissions/minutes?period=2026-03&beneficiaryUsername=am1', { token: t.am1 });
    expect(draft.body).toContain('DỰ THẢO');
    const approved = await s.http(
      'POST',
      '/api/v1/commissions/statements/approve',
      { token: t.accountant1, body: { period: '2026-03', beneficiaryUsername: 'am1' } },
    );
    const total = (await list('am1')).body.items.reduce((sum: bigint, i: { amountVnd: string }) => sum + BigInt(i.amountVnd), 0n);
    expect(approved).toMatchObject(
      { status: 200, body: { period: '2026-03', beneficiaryUsername: 'am1', status: 'approved', amountVnd: total.toString(), approvedBy: expect.any(String) } }
    );
    expect((await list('am1')).body.items.every((i: { status: string }) => i.status === 'approved')).toBe(true);
    const again = await s.http(
      'POST',
      '/api/v1/commissions/statements/approve',
      { token: t.accountant1, body: { period: '2026-03', beneficiaryUsername: 'am1' } },
    );
    expect(again.body.error.code).toBe('COMMISSION_STATEMENT_APPROVED');
    const none = await s.http(
      'POST',
      '/api/v1/commissions/statements/approve',
      { token: t.accountant1, body: { period: '2026-02', beneficiaryUsername: 'am1' } },
    );
    expect(none.body.error.code).toBe('COMMISSION_NOTHING_TO_APPROVE');
    const audit = await s.http('GET', '/api/v1/audit?action=commission.statement_approved', { token: t.accountant1 });
    expect(audit.body.items).toHaveLength(1);

    const statements = await s.http('GET', '/api/v1/commissions/statements?period=2026-03', { token: t.accountant1 });
    expect(statements.body.items).toEqual(
      expect.arrayContaining(
        [
          expect.objectContaining({ beneficiaryUsername: 'am1', status: 'approved' }),
          expect.objectContaining({ beneficiaryUsername: 'agent1', status: 'accrued' }),
        ]
      )
    );
    const minutes = await s.http('GET', '/api/v1/commissions/minutes?period=2026-03&beneficiaryUsername=am1', { token: t.accountant1 });
    expect(minutes.headers['content-type']).toContain('text/html');
    expect(minutes.body).toContain('BIÊN BẢN XÁC NHẬN DOANH THU THỰC THU');
    expect(minutes.body).not.toContain('DỰ THẢO');
    expect((await s.http('GET', '/api/v1/commissions/minutes?period=2026-03&beneficiaryUsername=am1', { token: t.agent1 })).status).toBe(404);
    const xlsx = await s.server!.inject(
      { method: 'GET', url: '/api/v1/commissions/export?period=2026-03', headers: { authorization: `Bearer ${t.accountant1}` } }
    );
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('an approved write-off takes back what its payments earned, once, in the month it is approved', async () => {
    const [line] = (await list('accountant1')).body.items.filter((i: { beneficiaryUsername: string }) => i.beneficiaryUsername === 'agent1');
    const pay = (await s.http('GET', `/api/v1/payments?contractId=${line.contractId}`, { token: t.admin })).body.items[0];
    const writeOff = { writeOffId: 'wof_TEST', contractId: line.contractId, paymentIds: [pay.id] };
    const ctx = systemCtx('test');
    expect(await s.database.db.transaction((tx) => s.commissions.reverseWriteOff(tx, ctx, writeOff))).toBe(-BigInt(line.amountVnd));
    await s.database.db.transaction((tx) => s.commissions.reverseWriteOff(tx, ctx, writeOff));
    const april = (await list('agent1', '2026-04')).body.items;
    expect(april).toEqual(
      [expect.objectContaining({ contractId: line.contractId, collectedVnd: '0', amountVnd: (-BigInt(line.amountVnd)).toString(), status: 'accrued' })]
    );
  });
});
