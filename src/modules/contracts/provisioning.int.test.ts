import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, noDatabase, type TestSystem } from '../../../test/system.ts';
import { systemCtx } from '../../platform/context.ts';
import type { ProvisioningPort, ServiceAccount } from './index.ts';

/** Mon 02/03/2026 09:00 in Hà Nội; the provisioning step is due one working day later. */
const START = '2026-03-02T02:00:00Z';
const NEXT_WORKING_DAY = '2026-03-03T02:00:00.000Z';

/**
 * Issue #8 items 6 and 10: provisioning goes through a durable job (the port called outside any
 * transaction, retried with backoff, a lookup before each retry), and a contract tells the customer
 * which approvals apply and where their service is — or when it is expected.
 */
describe.skipIf(noDatabase)('provisioning and what the customer sees', () => {
  let s: TestSystem;
  const t: Record<string, string> = {};
  let enterpriseId: string;

  const get = (who: string, url: string) => s.http('GET', url, { token: t[who] });
  const post = (who: string, url: string, body: unknown = {}) => s.http('POST', url, { token: t[who], body });
  const pay = (id: string, ref: string, amountVnd: string) => s.contracts.confirmPayment(systemCtx('vnpay'), id, { paymentRef: ref, amountVnd: BigInt(amountVnd), paidAt: s.clock.now() });
  const mailsTo = async (addr: string) => {
    await s.jobs.drain();
    return s.simulators.smtp!.messages.filter((m) => m.to.includes(addr));
  };
  /** Moves the clock on by `minutes` and runs what is due then. */
  const later = async (minutes: number) => {
    s.clock.set(new Date(s.clock.now().getTime() + minutes * 60_000));
    await s.jobs.drain();
  };

  /** A port that proves it is called with no lock held on the contract, and records what it was asked. */
  const fakePort = (behaviour: { failures?: number; createsBeforeFailing?: boolean; lookup?: boolean }) => {
    const calls: { provision: string[]; lookup: string[] } = { provision: [], lookup: [] };
    const created = new Map<string, ServiceAccount>();
    let failures = behaviour.failures ?? 0;
    const port: ProvisioningPort = {
      async provision(req) {
        calls.provision.push(req.idempotencyKey);
        // NOWAIT fails if any transaction holds the contract row (as the approval's did when it called out).
        await s.database.rows(sql`select id from contracts.contracts where id = ${req.contractId} for update nowait`);
        const account = created.get(req.idempotencyKey) ?? { accountRef: `ekyc:${req.number}`, accessUrl: 'https://ekyc.mobifone.vn/console' };
        if (failures > 0) {
          failures--;
          if (behaviour.createsBeforeFailing) created.set(req.idempotencyKey, account);
          throw new Error('provider timed out');
        }
        created.set(req.idempotencyKey, account);
        return account;
      },
      ...(behaviour.lookup === false
        ? {}
        : {
            async lookup(key: string) {
              calls.lookup.push(key);
              return created.get(key) ?? null;
            },
          }),
    };
    return { port, calls };
  };

  /** An eKYC contract sold by am1 (CTKV 1), paid and approved at both levels: it is now provisioning. */
  const approvedEkyc = async (ref: string) => {
    const d = await post('am1', '/api/v1/contracts', { customerId: enterpriseId, product: 'EKYC', quantity: 12000, signedDate: '2026-03-02' });
    await post('am1', `/api/v1/contracts/${d.body.id}/submit`);
    await pay(d.body.id, ref, d.body.totalVnd);
    await post('approver.ctkv1', `/api/v1/contracts/${d.body.id}/approve`);
    const approved = await post('approver.ttcntt', `/api/v1/contracts/${d.body.id}/approve`);
    expect(approved.body.status).toBe('provisioning');
    return approved.body;
  };

  beforeAll(async () => {
    s = await createTestSystem({ now: START });
    for (const u of ['am1', 'approver.ctkv1', 'approver.ttcntt', 'ops1', 'customer1', 'enterprise1']) t[u] = await s.login(u);
    enterpriseId = (await get('enterprise1', '/api/v1/me')).body.user.customer.id;
  });
  afterAll(() => s?.close());

  it('C1: an active self-service contract shows no approvals, the expected provisioning time, then the account and link', async () => {
    // The hand-made path (a product whose port answers 'manual'); Meeting's own port is tested in src/modules/meeting.
    s.contracts.registerProvisioning('MEETING', { provision: async () => 'manual' });
    const bought = await post('customer1', '/api/v1/self-service/contracts', { product: 'MEETING', quantity: 2, periodMonths: 1 });
    expect(bought.body.approvals).toEqual({ ctkv: null, ttcntt: null });
    expect(bought.body.service).toBeNull(); // nothing to provision before payment
    await pay(bought.body.id, 'VNP-C1', bought.body.totalVnd);

    const waiting = await get('customer1', `/api/v1/contracts/${bought.body.id}`);
    expect(waiting.body).toMatchObject({ status: 'active', approvals: { ctkv: null, ttcntt: null }, service: { status: 'provisioning', expectedBy: NEXT_WORKING_DAY, accountRef: null, accessUrl: null } });
    expect((await mailsTo('ops1@example.vn')).some((m) => m.text.includes(bought.body.number))).toBe(true);
    expect((await get('ops1', `/api/v1/contracts/${bought.body.id}`)).body.allowedActions).toContain('complete_provisioning');

    expect((await post('ops1', `/api/v1/contracts/${bought.body.id}/provisioning/complete`, { accountRef: 'meeting:quynh', accessUrl: 'javascript:alert(1)' })).status).toBe(400);
    const done = await post('ops1', `/api/v1/contracts/${bought.body.id}/provisioning/complete`, { accountRef: 'meeting:quynh', accessUrl: 'https://meeting.mobifone.vn/quynh' });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const seen = await get('customer1', `/api/v1/contracts/${bought.body.id}`);
    expect(seen.body).toMatchObject({ status: 'active', endDate: '2026-04-01', service: { status: 'ready', expectedBy: null, accountRef: 'meeting:quynh', accessUrl: 'https://meeting.mobifone.vn/quynh' } });
    expect(seen.body.tasks.find((x: { kind: string }) => x.kind === 'provision').status).toBe('done');
    const mail = (await mailsTo('customer1@example.vn')).find((m) => m.text.includes('meeting:quynh'));
    expect(mail?.text).toContain('https://meeting.mobifone.vn/quynh');
    // once is enough: a second completion is refused and changes nothing
    expect((await post('ops1', `/api/v1/contracts/${bought.body.id}/provisioning/complete`, { accountRef: 'meeting:other' })).body.error.code).toBe('INVALID_TRANSITION');
  });

  it('a declared contract shows the approvals its channel needs', async () => {
    const d = await post('am1', '/api/v1/contracts', { customerId: enterpriseId, product: 'MEETING', quantity: 5, periodMonths: 12, signedDate: '2026-03-02' });
    expect(d.body.approvals).toMatchObject({ ctkv: { required: true, at: null }, ttcntt: { required: true, at: null } });
  });

  it('a product with a port is provisioned by a job: outside the approval, retried with backoff, a lookup before the retry', async () => {
    const { port, calls } = fakePort({ failures: 1 });
    s.contracts.registerProvisioning('EKYC', port);
    const c = await approvedEkyc('VNP-P1');
    expect(calls.provision).toEqual([]); // the approval only queued the job
    expect(c.service).toMatchObject({ status: 'provisioning', expectedBy: expect.any(String) });

    await s.jobs.drain(); // first try: the provider times out
    expect((await s.contracts.row(c.id)).status).toBe('provisioning');
    const [job] = await s.database.rows<{ status: string; attempts: number; key: string }>(sql`select status, attempts, key from platform.jobs where queue = 'contracts.provision' and payload->>'contractId' = ${c.id}`);
    expect(job).toMatchObject({ status: 'pending', attempts: 1, key: `${c.id}:provision` });

    await later(1); // the retry, 30 s later, asks first
    const key = `${c.id}:provision`;
    expect(calls).toEqual({ provision: [key, key], lookup: [key] });
    const active = await get('enterprise1', `/api/v1/contracts/${c.id}`);
    expect(active.body).toMatchObject({ status: 'active', startDate: '2026-03-02', service: { status: 'ready', accountRef: `ekyc:${c.number}`, accessUrl: 'https://ekyc.mobifone.vn/console' } });
    expect(active.body.tasks.find((x: { kind: string }) => x.kind === 'provision').status).toBe('done');
    expect((await mailsTo('am1@example.vn')).some((m) => m.text.includes(`ekyc:${c.number}`))).toBe(true);
  });

  it('when the lost answer had created the account, the lookup finds it: no second account', async () => {
    const { port, calls } = fakePort({ failures: 1, createsBeforeFailing: true });
    s.contracts.registerProvisioning('EKYC', port);
    const c = await approvedEkyc('VNP-P2');
    await s.jobs.drain();
    await later(1);
    expect(calls.provision).toHaveLength(1);
    expect(calls.lookup).toEqual([`${c.id}:provision`]);
    expect((await s.contracts.row(c.id)).accountRef).toBe(`ekyc:${c.number}`);
  });

  it('a port that keeps failing hands the step to ops, who finish it by hand', async () => {
    const { port, calls } = fakePort({ failures: 99, lookup: false });
    s.contracts.registerProvisioning('EKYC', port);
    const c = await approvedEkyc('VNP-P3');
    await s.jobs.drain();
    for (let i = 0; i < 6; i++) await later(10);
    expect(calls.provision).toHaveLength(6);
    const opsMail = (await mailsTo('ops1@example.vn')).find((m) => m.text.includes(c.number) && m.text.includes('provider timed out'));
    expect(opsMail).toBeDefined();
    const waiting = await get('ops1', `/api/v1/contracts/${c.id}`);
    expect(waiting.body).toMatchObject({ status: 'provisioning', allowedActions: ['complete_provisioning'] });
    const done = await post('ops1', `/api/v1/contracts/${c.id}/provisioning/complete`, { accountRef: 'ekyc:manual' });
    expect(done.body).toMatchObject({ status: 'active', service: { status: 'ready', accountRef: 'ekyc:manual', accessUrl: null } });
  });

  it('C1 with a port: the job creates the account after the payment, and the customer is told', async () => {
    const { port } = fakePort({});
    s.contracts.registerProvisioning('MEETING', port);
    const bought = await post('customer1', '/api/v1/self-service/contracts', { product: 'MEETING', quantity: 1, periodMonths: 1 });
    const paid = await pay(bought.body.id, 'VNP-C1P', bought.body.totalVnd);
    expect(paid.contract.service?.status).toBe('provisioning');
    const mails = await mailsTo('customer1@example.vn');
    const seen = await get('customer1', `/api/v1/contracts/${bought.body.id}`);
    expect(seen.body.service).toMatchObject({ status: 'ready', accountRef: `ekyc:${bought.body.number}` });
    expect(mails.some((m) => m.text.includes(`ekyc:${bought.body.number}`))).toBe(true);
  });
});
