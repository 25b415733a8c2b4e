import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, driver, noDatabase, type TestSystem } from '../../../test/system.ts';
import { systemCtx } from '../../platform/context.ts';

/** Ingestion racing itself and a bill run, on PostgreSQL (PGlite has a single connection). */
describe.skipIf(noDatabase || driver !== 'postgres')('usage and bill runs under concurrency (PostgreSQL)', () => {
  let s: TestSystem;
  const t: Record<string, string> = {};
  let contractId: string;
  let key: string;
  const send = (events: unknown[]) => s.http('POST', '/api/v1/usage/events', { headers: { 'x-api-key': key }, body: { events } });
  const batch = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      transactionId: `c-${from + i}`,
      metric: 'ekyc.request',
      timestamp: `2026-03-${String(2 + ((from + i) % 28)).padStart(2, '0')}T09:00:00+07:00`,
    }));

  beforeAll(async () => {
    s = await createTestSystem({ now: '2026-03-02T02:00:00Z' });
    for (const u of ['am1', 'approver.ctkv1', 'approver.ttcntt', 'ops1', 'accountant1', 'enterprise1']) t[u] = await s.login(u);
    const me = await s.http('GET', '/api/v1/me', { token: t.enterprise1 });
    const post = (who: string, url: string, body: unknown = {}) => s.http('POST', url, { token: t[who], body });
    const declared = { customerId: me.body.user.customer.id, product: 'EKYC', billing: 'postpaid', quantity: 1, signedDate: '2026-03-02' };
    contractId = (await post('am1', '/api/v1/contracts', declared)).body.id;
    await post('am1', `/api/v1/contracts/${contractId}/submit`);
    await post('approver.ctkv1', `/api/v1/contracts/${contractId}/approve`);
    await post('approver.ttcntt', `/api/v1/contracts/${contractId}/approve`);
    await post('ops1', `/api/v1/contracts/${contractId}/provisioning/complete`, { accountRef: 'ekyc:race' });
    key = (await post('enterprise1', `/api/v1/contracts/${contractId}/api-keys`, { name: 'race' })).body.key;
    s.clock.set(new Date('2026-04-01T02:00:00Z'));
    t.accountant1 = await s.login('accountant1'); // sessions last 12 hours
  });
  afterAll(() => s?.close());

  it('the same batch sent four times at once is stored once', async () => {
    const same = batch(0, 500);
    const results = await Promise.all([send(same), send(same), send(same), send(same)]);
    expect(results.reduce((n, r) => n + r.body.accepted, 0)).toBe(500);
    expect(results.reduce((n, r) => n + r.body.duplicates, 0)).toBe(1500);
  });

  it('an event racing the bill run is either on the bill or refused as PERIOD_CLOSED, never lost', async () => {
    const batches = Array.from({ length: 12 }, (_, i) => batch(1_000 + i * 250, 250));
    const run = await s.billing.createRun(systemCtx('test'), '2026-03');
    const [ingested, done] = await Promise.all([
      (async () => {
        const out = [];
        for (let i = 0; i < batches.length; i += 3) out.push(...(await Promise.all(batches.slice(i, i + 3).map(send))));
        return out;
      })(),
      s.billing.executeRun(run.id),
    ]);
    expect(done.status).toBe('done');
    const accepted = ingested.reduce((n, r) => n + r.body.accepted, 0);
    const closed = ingested.reduce((n, r) => n + r.body.rejected.filter((x: { code: string }) => x.code === 'PERIOD_CLOSED').length, 0);
    expect(accepted + closed).toBe(12 * 250);
    const bills = await s.http('GET', `/api/v1/bills?contractId=${contractId}&period=2026-03`, { token: t.accountant1 });
    const detail = await s.http('GET', `/api/v1/bills/${bills.body.items[0].id}`, { token: t.accountant1 });
    expect(detail.body.lines[0].quantity).toBe(500 + accepted);
  });

  it('two runs of the same month at once make one bill per contract', async () => {
    s.clock.set(new Date('2026-05-01T02:00:00Z'));
    t.accountant1 = await s.login('accountant1');
    const runs = await Promise.all([s.billing.createRun(systemCtx('a'), '2026-04'), s.billing.createRun(systemCtx('b'), '2026-04')]);
    const done = await Promise.all(runs.map((r) => s.billing.executeRun(r.id)));
    expect(done.reduce((n, r) => n + r.billsCreated, 0)).toBe(done[0].contractsDone);
    const april = await s.http('GET', `/api/v1/bills?contractId=${contractId}&period=2026-04`, { token: t.accountant1 });
    expect(april.body.total).toBe(1);
  });

  it('parts of a bill recorded at once never pay more than it owes: the bill refuses the one that would', async () => {
    const [march] = (await s.http('GET', `/api/v1/bills?contractId=${contractId}&period=2026-03`, { token: t.accountant1 })).body.items;
    const total = BigInt(march.totalVnd);
    const part = total / 3n + 1n; // three of them are more than the bill
    // The fee e-mail's job has not run: the bill's link payment is not open yet, and the first transfer opens it.
    expect((await s.http('GET', `/api/v1/bills/${march.id}`, { token: t.accountant1 })).body.payUrl).toBeNull();
    const transfer = (i: number) =>
      s.http('POST', '/api/v1/payments/manual', {
        token: t.accountant1,
        body: { contractId, billId: march.id, amountVnd: part.toString(), bankRef: `RACE-${i}` },
      });
    const results = await Promise.all([0, 1, 2].map(transfer));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 409]);
    expect(results.find((r) => r.status === 409)!.body.error.code).toBe('BILL_OVERPAID');
    const bill = (await s.http('GET', `/api/v1/bills/${march.id}`, { token: t.accountant1 })).body;
    expect(bill).toMatchObject({ status: 'partly_paid', paidVnd: (2n * part).toString(), outstandingVnd: (total - 2n * part).toString() });
    // The link now asks for exactly what remains.
    const token = bill.payUrl.match(/\/pay\/([\w.-]+)/)![1];
    expect((await s.http('GET', `/api/v1/pay/${token}`)).body.amountVnd).toBe((total - 2n * part).toString());
    // The e-mail's job then links that same payment: one payment awaits money, never two.
    await s.jobs.drain();
    const ofContract = (await s.http('GET', `/api/v1/payments?contractId=${contractId}&pageSize=50`, { token: t.accountant1 })).body.items;
    expect(ofContract.filter((p: { status: string }) => p.status === 'pending')).toHaveLength(1);
    const mail = s.simulators.smtp!.messages.find((m) => m.subject.includes('03/2026'));
    expect(mail?.text).toContain(token);
  });

  it('a VNPay attempt started before a transfer reduced the balance: the bill takes what it owes, the excess is flagged for a refund', async () => {
    const [march] = (await s.http('GET', `/api/v1/bills?contractId=${contractId}&period=2026-03`, { token: t.accountant1 })).body.items;
    const before = (await s.http('GET', `/api/v1/bills/${march.id}`, { token: t.accountant1 })).body;
    const token = before.payUrl.match(/\/pay\/([\w.-]+)/)![1];
    const start = await s.http('POST', `/api/v1/pay/${token}/start`, { body: {} });
    const ref = new URL(start.body.payUrl).searchParams.get('vnp_TxnRef')!;
    await fetch(start.body.payUrl, { redirect: 'manual' });
    const transfer = { contractId, billId: march.id, amountVnd: '1000', bankRef: 'LATE-PART' };
    expect((await s.http('POST', '/api/v1/payments/manual', { token: t.accountant1, body: transfer })).status).toBe(201);
    s.simulators.vnpay!.completePayment(ref);
    await s.simulators.vnpay!.ipnSettled(ref);
    const after = (await s.http('GET', `/api/v1/bills/${march.id}`, { token: t.accountant1 })).body;
    expect(after).toMatchObject({ status: 'paid', paidVnd: after.totalVnd, outstandingVnd: '0' });
    const paid = (await s.http('GET', `/api/v1/payments?contractId=${contractId}&pageSize=50`, { token: t.accountant1 })).body.items
      .find((p: { paidTxnRef: string | null }) => p.paidTxnRef === ref);
    expect(paid).toMatchObject({ status: 'paid', amountVnd: before.outstandingVnd, applyError: '1000 VND above what the bill owed: refund it' });
  });
});
