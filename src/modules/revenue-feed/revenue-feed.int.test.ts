import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, noDatabase, type TestSystem } from '../../../test/system.ts';

describe.skipIf(noDatabase)('the revenue feed to BHTT: per contract, month and kind, through a retried, idempotent job', () => {
  let s: TestSystem;
  const t: Record<string, string> = {};
  const bhtt = () => s.simulators.bhtt!;

  beforeAll(async () => {
    s = await createTestSystem();
    for (const u of ['agent1', 'accountant1', 'am1']) t[u] = await s.login(u);
  });
  afterAll(() => s?.close());

  it('closes an ended month once; a lost answer is looked up before any resend; an outage is retried', async () => {
    const cust = await s.http(
      'POST',
      '/api/v1/customers',
      { token: t.agent1, body: { type: 'individual', name: 'Đỗ Thị Hoa', email: 'hoa@example.vn', phone: '0912345678' } },
    );
    const d = await s.http(
      'POST',
      '/api/v1/contracts',
      { token: t.agent1, body: { customerId: cust.body.id, product: 'MEETING', quantity: 1, periodMonths: 1, signedDate: '2026-03-02' } },
    );
    await s.http('POST', `/api/v1/contracts/${d.body.id}/submit`, { token: t.agent1, body: {} });
    expect(
      (
        await s.http(
          'POST',
          '/api/v1/payments/manual',
          { token: t.accountant1, body: { contractId: d.body.id, amountVnd: d.body.totalVnd, bankRef: 'BIDV-FEED-01' } },
        )
      ).status
    ).toBe(201);
    await s.commissions.sync('2026-03');
    await s.jobs.drain();

    const early = await s.http('POST', '/api/v1/revenue-feed/close', { token: t.accountant1, body: { period: '2026-03' } });
    expect(early).toMatchObject({ status: 409, body: { error: { code: 'REVENUE_FEED_PERIOD_NOT_ENDED' } } });
    s.clock.set('2026-04-03T01:00:00Z');
    for (const u of Object.keys(t)) t[u] = await s.login(u);
    expect((await s.http('POST', '/api/v1/revenue-feed/close', { token: t.am1, body: { period: '2026-03' } })).status).toBe(403);
    const closed = await s.http('POST', '/api/v1/revenue-feed/close', { token: t.accountant1, body: { period: '2026-03' } });
    expect(closed.body).toEqual({ queued: 2 }); // the collection and the agent's commission (no bills yet)
    expect((await s.http('POST', '/api/v1/revenue-feed/close', { token: t.accountant1, body: { period: '2026-03' } })).body.queued).toBe(0);

    bhtt().inject('timeout_after_commit');
    bhtt().inject('down');
    await s.jobs.drain();
    let feed = (await s.http('GET', '/api/v1/revenue-feed?period=2026-03', { token: t.accountant1 })).body.items;
    expect(feed.filter((i: { status: string }) => i.status === 'pending')).toHaveLength(2);
    expect(feed[0]).toMatchObject({ attempts: 1, lastError: expect.any(String) });
    s.clock.advance(2 * 60_000); // past the first retry delay
    await s.jobs.drain();
    feed = (await s.http('GET', '/api/v1/revenue-feed?period=2026-03', { token: t.accountant1 })).body.items;
    expect(feed.map((i: { status: string }) => i.status)).toEqual(['sent', 'sent']);
    const collection = feed.find((i: { kind: string }) => i.kind === 'collection');
    expect(collection).toMatchObject({ recordId: `${d.body.id}.2026-03.collection`, contractNumber: d.body.number, amount: d.body.totalVnd, vat: null });
    const commission = feed.find((i: { kind: string }) => i.kind === 'commission');
    expect(commission.amount).toBe(((BigInt(d.body.totalVnd) * 4000n) / 10_000n).toString());

    const records = bhtt().records();
    expect(records).toHaveLength(2);
    expect(records.every((r) => r.revision === 1)).toBe(true);
    const calls = bhtt().calls();
    // The record whose answer was lost was stored once: its retry found it and did not PUT again.
    const hung = calls.find((c) => c.outcome === 'hang')!;
    expect(calls.filter((c) => c.recordId === hung.recordId).map((c) => `${c.method} ${c.outcome}`)).toEqual(['PUT hang', 'GET 00']);
    const outage = calls.find((c) => c.outcome === 'HTTP 503')!;
    expect(calls.filter((c) => c.recordId === outage.recordId).map((c) => `${c.method} ${c.outcome}`)).toEqual(['PUT HTTP 503', 'GET 04', 'PUT 00']);
  });
});
