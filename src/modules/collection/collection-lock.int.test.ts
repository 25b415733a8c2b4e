import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, noDatabase, type TestSystem } from '../../../test/system.ts';

const at = (local: string) => new Date(`${local}+07:00`);

/**
 * The lock step (seed 003: "khóa dịch vụ", then "thu nợ sau khi khóa dịch vụ") on a short policy:
 * suspended after 1 day past due, locked after 2, in collection after 3.
 */
describe.skipIf(noDatabase)('a service locked for debt: keys refused, no resume by paying part, collection with partial payments', () => {
  let s: TestSystem;
  const t: Record<string, string> = {};
  let contractId = '';
  let apiKey = '';
  const bills: Record<'march' | 'april', { id: string; totalVnd: bigint }> = { march: { id: '', totalVnd: 0n }, april: { id: '', totalVnd: 0n } };
  const post = (who: string, url: string, body: unknown = {}) => s.http('POST', url, { token: t[who], body });
  const get = (who: string, url: string) => s.http('GET', url, { token: t[who] });
  const travel = async (local: string) => {
    s.clock.set(at(local));
    for (const u of Object.keys(t)) t[u] = await s.login(u);
  };
  const status = async () => (await get('am1', `/api/v1/contracts/${contractId}`)).body.status;
  const send = (id: string, local: string) =>
    s.http('POST', '/api/v1/usage/events', {
      headers: { 'x-api-key': apiKey },
      body: { events: [{ transactionId: id, metric: 'ekyc.request', timestamp: at(local).toISOString() }] },
    });
  const pay = (bill: keyof typeof bills, amountVnd: bigint, bankRef: string) =>
    post('accountant1', '/api/v1/payments/manual', { contractId, billId: bills[bill].id, amountVnd: amountVnd.toString(), bankRef });
  const openCase = async () =>
    (await get('collector1', '/api/v1/collection/cases?status=open')).body.items.find((x: { contractId: string }) => x.contractId === contractId);

  beforeAll(async () => {
    s = await createTestSystem();
    for (const u of ['am1', 'approver.ctkv1', 'approver.ttcntt', 'ops1', 'accountant1', 'collector1', 'enterprise1']) t[u] = await s.login(u);
    const me = await get('enterprise1', '/api/v1/me');
    const declared = { customerId: me.body.user.customer.id, product: 'EKYC', billing: 'postpaid', quantity: 1, signedDate: '2026-03-02' };
    contractId = (await post('am1', '/api/v1/contracts', declared)).body.id;
    await post('am1', `/api/v1/contracts/${contractId}/submit`);
    await post('approver.ctkv1', `/api/v1/contracts/${contractId}/approve`);
    await post('approver.ttcntt', `/api/v1/contracts/${contractId}/approve`);
    await post('ops1', `/api/v1/contracts/${contractId}/provisioning/complete`, { accountRef: 'ekyc:lock' });
    apiKey = (await post('enterprise1', `/api/v1/contracts/${contractId}/api-keys`, { name: 'lock' })).body.key;
    const steps = [
      { afterDays: 1, action: 'suspend' },
      { afterDays: 2, action: 'lock' },
      { afterDays: 3, action: 'collect' },
    ];
    expect((await s.http('PUT', '/api/v1/collection/policy', { token: t.accountant1, body: { steps } })).status).toBe(200);
    await travel('2026-03-31T22:00:00');
    for (let i = 0; i < 50; i++) expect((await send(`mar-${i}`, '2026-03-10T10:00:00')).body.accepted).toBe(1);
    await travel('2026-04-01T08:00:00');
    await post('accountant1', '/api/v1/billing/runs', { period: '2026-03' });
    await s.jobs.drain();
    const march = (await get('accountant1', `/api/v1/bills?contractId=${contractId}&period=2026-03`)).body.items[0];
    bills.march = { id: march.id, totalVnd: BigInt(march.totalVnd) };
    expect(march).toMatchObject({ status: 'issued', dueDate: '2026-04-16' });
    await travel('2026-04-10T10:00:00');
    for (let i = 0; i < 20; i++) expect((await send(`apr-${i}`, '2026-04-10T09:00:00')).body.accepted).toBe(1);
  });
  afterAll(() => s?.close());

  it('locks the service: still suspended, API keys refused with SERVICE_LOCKED, a case opened for the AM, the customer told by SMS', async () => {
    await travel('2026-04-19T09:00:00');
    expect((await post('accountant1', '/api/v1/collection/run')).body.steps).toBe(3);
    expect(await status()).toBe('suspended');
    const timeline = (await get('am1', `/api/v1/contracts/${contractId}`)).body.timeline.map((e: { action: string }) => e.action);
    expect(timeline).toEqual(expect.arrayContaining(['collection.suspend', 'usage.service_locked', 'collection.lock', 'collection.collect']));
    expect(await send('after-lock', '2026-04-19T08:00:00')).toMatchObject({ status: 403, body: { error: { code: 'SERVICE_LOCKED' } } });
    expect((await post('enterprise1', `/api/v1/contracts/${contractId}/api-keys`, { name: 'again' })).body.error.code).toBe('SERVICE_LOCKED');
    expect(await openCase()).toMatchObject({ assigneeUsername: 'am1', outstandingVnd: bills.march.totalVnd.toString() });
    await s.jobs.drain();
    expect((await s.simulators.smsc!.waitForMessage((m) => m.text.includes('da bi KHOA'), 10_000)).text).toContain('mo lai khi thanh toan toan bo');
  });

  it('a part paid within the case: the bill stays overdue for its remainder, aging and the case show what remains; staff cannot resume it', async () => {
    const part = bills.march.totalVnd / 2n;
    const promised = await post('collector1', `/api/v1/collection/cases/${(await openCase()).id}/promises`, {
      promisedDate: '2026-04-25',
      amountVnd: part.toString(),
      note: 'Khách hẹn trả một nửa',
    });
    expect(promised.status).toBe(200);
    expect((await pay('march', part, 'UNC-LOCK-1')).status).toBe(201);
    await s.jobs.drain();
    const rest = bills.march.totalVnd - part;
    expect((await get('accountant1', `/api/v1/bills/${bills.march.id}`)).body).toMatchObject({ status: 'overdue', outstandingVnd: rest.toString() });
    expect(await openCase()).toMatchObject({ outstandingVnd: rest.toString(), promises: [expect.objectContaining({ amountVnd: part.toString() })] });
    const aging = (await get('collector1', '/api/v1/collection/aging')).body;
    expect(aging.contracts).toEqual([expect.objectContaining({ contractId, stage: 'in_collection', totalVnd: rest.toString() })]);
    expect(await status()).toBe('suspended');
    expect((await post('ops1', `/api/v1/contracts/${contractId}/resume`)).body.error.code).toBe('SERVICE_LOCKED');
  });

  it('paying the overdue bill is not enough once locked: the next bill must be paid too; then the service reopens and the keys work', async () => {
    await travel('2026-05-01T08:00:00');
    await post('accountant1', '/api/v1/billing/runs', { period: '2026-04' });
    await s.jobs.drain();
    const april = (await get('accountant1', `/api/v1/bills?contractId=${contractId}&period=2026-04`)).body.items[0];
    bills.april = { id: april.id, totalVnd: BigInt(april.totalVnd) };
    expect(april).toMatchObject({ status: 'issued', dueDate: '2026-05-16' });
    await travel('2026-05-02T09:00:00');
    expect((await pay('march', bills.march.totalVnd - bills.march.totalVnd / 2n, 'UNC-LOCK-2')).status).toBe(201);
    await s.jobs.drain();
    await post('accountant1', '/api/v1/collection/run');
    expect(await status()).toBe('suspended'); // nothing past due, but April's bill is owed
    expect(await send('may-1', '2026-05-02T08:00:00')).toMatchObject({ status: 403 });
    expect((await post('ops1', `/api/v1/contracts/${contractId}/resume`)).body.error.code).toBe('SERVICE_LOCKED');

    expect((await pay('april', 1n, 'UNC-LOCK-3')).status).toBe(201);
    await s.jobs.drain();
    expect(await status()).toBe('suspended');
    expect((await pay('april', bills.april.totalVnd - 1n, 'UNC-LOCK-4')).status).toBe(201);
    await s.jobs.drain();
    expect(await status()).toBe('active');
    const timeline = (await get('am1', `/api/v1/contracts/${contractId}`)).body.timeline.map((e: { action: string }) => e.action);
    expect(timeline).toEqual(expect.arrayContaining(['usage.service_unlocked', 'contract.resumed', 'collection.reopened']));
    expect((await send('may-2', '2026-05-02T08:30:00')).body).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    expect((await get('collector1', '/api/v1/collection/cases?status=paid')).body.items.map((x: { contractId: string }) => x.contractId)).toEqual([contractId]);
  });
});
