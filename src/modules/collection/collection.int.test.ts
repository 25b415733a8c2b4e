import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, noDatabase, type TestSystem } from '../../../test/system.ts';

const at = (local: string) => new Date(`${local}+07:00`);

describe.skipIf(noDatabase)('collection and debt (G2): reminders → suspension → payment → reopened; collection case → write-off', () => {
  let s: TestSystem;
  const t: Record<string, string> = {};
  const c: Record<'late' | 'paid' | 'bad', { id: string; billId?: string; totalVnd?: string }> = { late: { id: '' }, paid: { id: '' }, bad: { id: '' } };
  const post = (who: string, url: string, body: unknown = {}) => s.http('POST', url, { token: t[who], body });
  const get = (who: string, url: string) => s.http('GET', url, { token: t[who] });
  const travel = async (local: string) => {
    s.clock.set(at(local));
    for (const u of Object.keys(t)) t[u] = await s.login(u);
  };
  const status = async (id: string) => (await get('am1', `/api/v1/contracts/${id}`)).body.status;
  const timeline = async (id: string) => (await get('am1', `/api/v1/contracts/${id}`)).body.timeline.map((e: { action: string }) => e.action) as string[];
  const payBill = (k: keyof typeof c, ref: string) =>
    post('accountant1', '/api/v1/payments/manual', { contractId: c[k].id, billId: c[k].billId, amountVnd: c[k].totalVnd, bankRef: ref });

  beforeAll(async () => {
    s = await createTestSystem();
    for (const u of ['admin', 'am1', 'approver.ctkv1', 'approver.ttcntt', 'ops1', 'accountant1', 'collector1', 'enterprise1']) t[u] = await s.login(u);
    // Three postpaid eKYC contracts of the same customer, each used in March and billed on 1 April (due 16 April).
    const me = await get('enterprise1', '/api/v1/me');
    for (const k of Object.keys(c) as (keyof typeof c)[]) {
      const d = await post(
        'am1',
        '/api/v1/contracts',
        { customerId: me.body.user.customer.id, product: 'EKYC', billing: 'postpaid', quantity: 1, signedDate: '2026-03-02' },
      );
      c[k].id = d.body.id;
      await post('am1', `/api/v1/contracts/${d.body.id}/submit`);
      await post('approver.ctkv1', `/api/v1/contracts/${d.body.id}/approve`);
      await post('approver.ttcntt', `/api/v1/contracts/${d.body.id}/approve`);
      await post('ops1', `/api/v1/contracts/${d.body.id}/provisioning/complete`, { accountRef: `ekyc:${k}` });
    }
    await travel('2026-03-31T22:00:00');
    for (const k of Object.keys(c) as (keyof typeof c)[]) {
      const key = (await post('enterprise1', `/api/v1/contracts/${c[k].id}/api-keys`, { name: k })).body.key;
      const events = Array.from(
        { length: 100 },
        (_, i) => ({ transactionId: `${k}-${i}`, metric: 'ekyc.request', timestamp: at('2026-03-10T10:00:00').toISOString() }),
      );
      expect((await s.http('POST', '/api/v1/usage/events', { headers: { 'x-api-key': key }, body: { events } })).body.accepted).toBe(100);
    }
    await travel('2026-04-01T08:00:00');
    await post('accountant1', '/api/v1/billing/runs', { period: '2026-03' });
    await s.jobs.drain();
    for (const k of Object.keys(c) as (keyof typeof c)[]) {
      const bill = (await get('accountant1', `/api/v1/bills?contractId=${c[k].id}&period=2026-03`)).body.items[0];
      expect(bill).toMatchObject({ status: 'issued', dueDate: '2026-04-16' });
      Object.assign(c[k], { billId: bill.id, totalVnd: bill.totalVnd });
    }
    expect((await payBill('paid', 'VCB-COLL-PAID')).status).toBe(201);
  });
  afterAll(() => s?.close());

  it('the policy is editable by the accountant, checked, and audited', async () => {
    expect((await get('collector1', '/api/v1/collection/policy')).body.steps).toHaveLength(5);
    const bad = await s.http('PUT', '/api/v1/collection/policy', { token: t.accountant1, body: { steps: [{ afterDays: 30, action: 'lock' }] } });
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'COLLECTION_POLICY_INVALID' } } });
    expect((await s.http('PUT', '/api/v1/collection/policy', { token: t.am1, body: { steps: [] } })).status).toBe(403);
    const steps = [
      { afterDays: 1, action: 'remind_email' },
      { afterDays: 5, action: 'remind_sms' },
      { afterDays: 10, action: 'suspend' },
      { afterDays: 30, action: 'lock' },
      { afterDays: 35, action: 'collect' },
    ];
    const ok = await s.http('PUT', '/api/v1/collection/policy', { token: t.accountant1, body: { steps } });
    expect(ok.body).toMatchObject({ steps, version: 1, updatedBy: expect.any(String) });
    expect((await get('admin', '/api/v1/audit?action=collection.policy_changed')).body.items).toHaveLength(1);
  });

  it('an overdue contract is reminded, then suspended; the paid contract of the same customer is never touched', async () => {
    await travel('2026-04-17T09:00:00');
    // Two runs at once (two processes, or the daily job and a manual run): each reminder is sent once.
    const first = await Promise.all([post('accountant1', '/api/v1/collection/run'), s.collection.runDaily().then((body) => ({ body }))]);
    expect(first.map((r) => r.body.steps).reduce((x, y) => x + y, 0)).toBe(2);
    expect((await post('accountant1', '/api/v1/collection/run')).body).toMatchObject({ overdue: 0, evaluated: 2, steps: 0 });
    await s.jobs.drain();
    expect(s.simulators.smtp!.messages.filter((m) => m.subject.includes('nhắc thanh toán'))).toHaveLength(2);
    await travel('2026-04-26T09:00:00');
    expect((await post('accountant1', '/api/v1/collection/run')).body.steps).toBe(4); // SMS and suspension, for each
    expect(await status(c.late.id)).toBe('suspended');
    expect(await status(c.paid.id)).toBe('active');
    expect(await timeline(c.late.id)).toEqual(
      expect.arrayContaining(['collection.remind_email', 'collection.remind_sms', 'contract.suspended', 'collection.suspend'])
    );
    expect((await timeline(c.paid.id)).some((a) => a.startsWith('collection.'))).toBe(false);

    const aging = await get('collector1', '/api/v1/collection/aging');
    expect(aging.body.asOf).toBe('2026-04-26');
    const owed = (BigInt(c.late.totalVnd!) + BigInt(c.bad.totalVnd!)).toString();
    expect(aging.body.buckets).toEqual([
      { bucket: '0-30', bills: 2, amountVnd: owed },
      { bucket: '31-60', bills: 0, amountVnd: '0' },
      { bucket: '61-90', bills: 0, amountVnd: '0' },
      { bucket: '90+', bills: 0, amountVnd: '0' },
    ]);
    expect(
      aging.body.contracts.map((r: { contractId: string; stage: string }) => [r.contractId, r.stage]).sort()
    ).toEqual([[c.late.id, 'suspended'], [c.bad.id, 'suspended']].sort());
    const xlsx = await s.server!.inject({ method: 'GET', url: '/api/v1/collection/aging/export', headers: { authorization: `Bearer ${t.accountant1}` } });
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('paying the debt reopens the service (a job after the payment commits)', async () => {
    expect((await payBill('late', 'VCB-COLL-LATE')).status).toBe(201);
    await s.jobs.drain();
    expect(await status(c.late.id)).toBe('active');
    expect(await timeline(c.late.id)).toEqual(expect.arrayContaining(['contract.resumed', 'collection.reopened']));
    expect(await status(c.bad.id)).toBe('suspended');
    // The AM earns 35 % of what the two paid bills collected, before VAT (the bill's own VAT share).
    await s.commissions.sync('2026-04');
    const earned = (await get('am1', '/api/v1/commissions?period=2026-04')).body.items;
    const bills = await Promise.all([c.paid, c.late].map(async (k) => (await get('accountant1', `/api/v1/bills/${k.billId}`)).body));
    expect(earned.map((i: { contractId: string }) => i.contractId).sort()).toEqual([c.paid.id, c.late.id].sort());
    for (const b of bills) {
      const item = earned.find((i: { contractId: string }) => i.contractId === b.contractId);
      expect(item).toMatchObject({ collectedVnd: b.totalVnd, rateBp: 3500, amountVnd: ((BigInt(b.subtotalVnd) * 3500n) / 10_000n).toString() });
    }
  });

  it('after the lock a collection case goes to the AM; promise to pay; the write-off is approved by the accountant, never by its requester', async () => {
    await travel('2026-05-22T09:00:00');
    await post('accountant1', '/api/v1/collection/run');
    expect(await timeline(c.bad.id)).toEqual(expect.arrayContaining(['collection.lock', 'collection.collect']));
    const cases = (await get('collector1', '/api/v1/collection/cases?status=open')).body.items;
    expect(cases).toEqual([expect.objectContaining({ contractId: c.bad.id, assigneeUsername: 'am1', outstandingVnd: c.bad.totalVnd })]);
    const caseId = cases[0].id;
    expect((await get('am1', '/api/v1/collection/cases')).body.items.map((x: { id: string }) => x.id)).toEqual([caseId]);
    const bad = await post('collector1', `/api/v1/collection/cases/${caseId}/assign`, { assigneeUsername: 'enterprise1' });
    expect(bad.body.error.code).toBe('COLLECTION_ASSIGNEE_INVALID');
    expect((await post('am1', `/api/v1/collection/cases/${caseId}/assign`, { assigneeUsername: 'collector1' })).body.assigneeUsername).toBe('collector1');
    const promised = await post(
      'collector1',
      `/api/v1/collection/cases/${caseId}/promises`,
      { promisedDate: '2026-05-30', amountVnd: '100000', note: 'Kế toán KH hẹn chuyển khoản' },
    );
    expect(promised.body.promises).toEqual([expect.objectContaining({ promisedDate: '2026-05-30', amountVnd: '100000' })]);
    // A part paid within the case: the case and the write-off count only what remains; the AM earned on the part.
    const part = BigInt(c.bad.totalVnd!) / 4n;
    const remaining = (BigInt(c.bad.totalVnd!) - part).toString();
    const transfer = { contractId: c.bad.id, billId: c.bad.billId, amountVnd: part.toString(), bankRef: 'VCB-COLL-PART' };
    const paidPart = await post('accountant1', '/api/v1/payments/manual', transfer);
    expect(paidPart.status).toBe(201);
    await s.jobs.drain();
    expect((await get('collector1', '/api/v1/collection/cases?status=open')).body.items[0].outstandingVnd).toBe(remaining);
    expect((await get('accountant1', `/api/v1/bills/${c.bad.billId}`)).body.status).toBe('overdue');
    const commissionsOfMay = async () =>
      (await get('accountant1', '/api/v1/commissions?period=2026-05')).body.items.filter((i: { contractId: string }) => i.contractId === c.bad.id);

    const own = await post('accountant1', `/api/v1/collection/cases/${caseId}/write-off`, { reason: 'Khách hàng mất khả năng thanh toán' });
    const selfApproved = await post('accountant1', `/api/v1/collection/write-offs/${own.body.id}/approve`);
    expect(selfApproved).toMatchObject({ status: 403, body: { error: { code: 'COLLECTION_WRITE_OFF_SELF_APPROVAL' } } });
    const withdrawn = await post('accountant1', `/api/v1/collection/write-offs/${own.body.id}/reject`, { reason: 'Rút lại đề nghị' });
    expect(withdrawn.body.status).toBe('rejected');
    const asked = await post('collector1', `/api/v1/collection/cases/${caseId}/write-off`, { reason: 'Khách hàng giải thể, không còn tài sản' });
    expect(asked).toMatchObject({ status: 201, body: { status: 'requested', amountVnd: remaining } });
    expect(
      (await post('collector1', `/api/v1/collection/cases/${caseId}/write-off`, { reason: 'Đề nghị lần hai' })).body.error.code
    ).toBe('COLLECTION_WRITE_OFF_PENDING');
    expect((await post('collector1', `/api/v1/collection/write-offs/${asked.body.id}/approve`)).status).toBe(403);
    const approved = await post('accountant1', `/api/v1/collection/write-offs/${asked.body.id}/approve`);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: expect.any(String) });
    expect((await post('accountant1', `/api/v1/collection/write-offs/${asked.body.id}/approve`)).body.error.code).toBe('COLLECTION_WRITE_OFF_DECIDED');
    expect((await get('accountant1', `/api/v1/bills/${c.bad.billId}`)).body.status).toBe('written_off');
    // The commission on the part (accrued then, if the 10-minute sync had not yet) is taken back with
    // the write-off, and a later sync adds nothing.
    await s.commissions.sync('2026-05');
    expect(await commissionsOfMay()).toEqual([expect.objectContaining({ collectedVnd: part.toString(), amountVnd: '0' })]);
    const accrued = await get('admin', '/api/v1/audit?action=commission.accrued_payment');
    expect(accrued.body.items.filter((e: { after: { contractId: string } }) => e.after?.contractId === c.bad.id)).toHaveLength(1);
    expect((await get('collector1', '/api/v1/collection/cases?status=written_off')).body.items.map((x: { id: string }) => x.id)).toEqual([caseId]);
    expect(await timeline(c.bad.id)).toEqual(
      expect.arrayContaining(['collection.case_assigned', 'collection.promise_to_pay', 'collection.write_off_requested', 'collection.write_off_approved'])
    );
    // The March bills are March's revenue in the BHTT feed (before VAT, with the VAT), whatever became of them.
    expect(await s.revenueFeed.close('2026-03')).toBe(3);
    const revenue = (await s.revenueFeed.list('2026-03')).items.filter((i) => i.kind === 'revenue');
    const badBill = (await get('accountant1', `/api/v1/bills/${c.bad.billId}`)).body;
    expect(revenue.find((i) => i.contractId === c.bad.id)).toMatchObject({ amount: badBill.subtotalVnd, vat: badBill.vatVnd });
    // Written off, not paid: the service is not reopened by the next run.
    await post('accountant1', '/api/v1/collection/run');
    expect(await status(c.bad.id)).toBe('suspended');
  });
});
