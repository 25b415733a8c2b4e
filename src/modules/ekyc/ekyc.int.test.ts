import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, noDatabase, type TestSystem } from '../../../test/system.ts';
import { buildMrz } from './domain/mrz-build.ts';

const HOLDER = { idNumber: '001096012345', fullName: 'Nguyễn Văn Đức', birthDate: '1996-05-14', sex: 'M' as const, expiryDate: '2036-05-14' };
const LINES = buildMrz(HOLDER);

/**
 * Issue #14 items 1, 3 and 4: an eKYC contract is provisioned by the system, its API keys call the text
 * checks, every call is one usage event (idempotent per request id) that reaches the projected bill at
 * the right tier, suspension and termination stop calls, the customer sees and exports the log, and
 * the retention job erases personal data.
 */
describe.skipIf(noDatabase)('eKYC: provisioning, metered text checks, request log, retention', () => {
  let s: TestSystem;
  const t: Record<string, string> = {};
  let contractId: string;
  let key: string;

  const post = (who: string, url: string, body: unknown = {}) => s.http('POST', url, { token: t[who], body });
  const get = (who: string, url: string) => s.http('GET', url, { token: t[who] });
  const api = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    s.http('POST', `/api/v1/ekyc/checks/${path}`, { body, headers: { 'x-api-key': key, ...headers } });
  const eventsOf = async () =>
    (await s.database.rows<{ n: number }>(sql`select count(*)::int as n from usage.events where contract_id = ${contractId} and metric = 'ekyc.request'`))[0].n;

  beforeAll(async () => {
    s = await createTestSystem();
    for (const u of ['am1', 'approver.ctkv1', 'approver.ttcntt', 'ops1', 'customer1', 'enterprise1']) t[u] = await s.login(u);
  });
  afterAll(() => s?.close());

  it('an approved eKYC contract is provisioned by the system (no hand-typed account) and becomes active', async () => {
    const me = await get('enterprise1', '/api/v1/me');
    const d = await post('am1', '/api/v1/contracts', { customerId: me.body.user.customer.id, product: 'EKYC', billing: 'postpaid', quantity: 1, signedDate: '2026-03-02' });
    contractId = d.body.id;
    await post('am1', `/api/v1/contracts/${contractId}/submit`);
    await post('approver.ctkv1', `/api/v1/contracts/${contractId}/approve`);
    expect((await post('approver.ttcntt', `/api/v1/contracts/${contractId}/approve`)).body.status).toBe('provisioning');
    await s.jobs.drain();
    const c = await get('enterprise1', `/api/v1/contracts/${contractId}`);
    expect(c.body).toMatchObject({ status: 'active', service: { status: 'ready', accountRef: `ekyc:${d.body.number}`, accessUrl: expect.stringMatching(/\/ekyc$/) } });
    const [account] = await s.database.rows<{ contract_id: string }>(sql`select contract_id from ekyc.accounts where contract_id = ${contractId}`);
    expect(account).toBeDefined();
    key = (await post('enterprise1', `/api/v1/contracts/${contractId}/api-keys`, { name: 'eKYC' })).body.key;
  });

  it('checks an MRZ with the exact shape of the issue, and names a corrupted check digit', async () => {
    const r = await api('mrz', { lines: LINES }, { 'idempotency-key': 'mrz-1' });
    expect(r.status).toBe(200);
    expect(r.headers['idempotency-key']).toBe('mrz-1');
    expect(r.body).toEqual({
      valid: true,
      fields: { documentNumber: '096012345', birthDate: '1996-05-14', sex: 'M', expiryDate: '2036-05-14', nationality: 'VNM', surname: 'NGUYEN', givenNames: 'VAN DUC', idNumber: '001096012345' },
      checks: expect.arrayContaining([{ name: 'compositeCheckDigit', ok: true }, { name: 'idNumberCheckDigit', ok: true }]),
    });
    const bad = await api('mrz', { lines: [LINES[0], LINES[1].slice(0, 6) + '9' + LINES[1].slice(7), LINES[2]] }, { 'idempotency-key': 'mrz-2' });
    expect(bad.body.valid).toBe(false);
    expect(bad.body.checks.filter((c: { ok: boolean }) => !c.ok).map((c: { name: string }) => c.name)).toEqual(['birthDateCheckDigit', 'compositeCheckDigit']);
  });

  it('checks an ID number against a birth date and sex', async () => {
    const r = await api('id-number', { idNumber: '001096012345', birthDate: '1996-05-14', sex: 'F' }, { 'idempotency-key': 'id-1' });
    expect(r.body).toMatchObject({ valid: false, provinceCode: '001', provinceName: 'Hà Nội', sex: 'M', century: 20, birthYear: 1996 });
    expect(r.body.checks).toContainEqual({ name: 'sexMatches', ok: false });
    expect((await api('id-number', { idNumber: '001096012345', sex: 'X' })).status).toBe(400);
  });

  it('each call is one usage event; a resend with the same request id is answered again and not counted', async () => {
    expect(await eventsOf()).toBe(3);
    const again = await api('mrz', { lines: LINES }, { 'idempotency-key': 'mrz-1' });
    expect(again.body.valid).toBe(true);
    expect(await eventsOf()).toBe(3);
    const reused = await api('mrz', { lines: [LINES[0], LINES[1], LINES[2].replace('DUC', 'DAT')] }, { 'idempotency-key': 'mrz-1' });
    expect(reused).toMatchObject({ status: 409, body: { error: { code: 'EKYC_REQUEST_ID_REUSED' } } });
    const unnamed = await api('id-number', { idNumber: '079304000001' });
    expect(unnamed.headers['idempotency-key']).toMatch(/^req_/);
    expect(await eventsOf()).toBe(4);
    expect((await api('mrz', { lines: LINES }, { 'idempotency-key': 'bad key!' })).body.error.code).toBe('EKYC_REQUEST_ID_INVALID');
    expect(await eventsOf()).toBe(4);
  });

  it('refuses calls without a live key', async () => {
    const none = await s.http('POST', '/api/v1/ekyc/checks/mrz', { body: { lines: LINES } });
    expect(none).toMatchObject({ status: 401, body: { error: { code: 'EKYC_API_KEY_INVALID' } } });
    expect((await s.http('POST', '/api/v1/ekyc/checks/mrz', { body: { lines: LINES }, headers: { 'x-api-key': 'qk_nope' } })).status).toBe(401);
  });

  it("reaches the contract's usage and projected bill at the volume tier of the month", async () => {
    // 4,997 requests the customer sent through /usage/events, then 1 more eKYC call: 5,002 → the 950 đ tier.
    const events = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ transactionId: `bulk-${from + i}`, metric: 'ekyc.request', timestamp: s.clock.now().toISOString() }));
    for (let i = 0; i < 4997; i += 1000) {
      const r = await s.http('POST', '/api/v1/usage/events', { headers: { 'x-api-key': key }, body: { events: events(i, Math.min(1000, 4997 - i)) } });
      expect(r.body.rejected).toEqual([]);
    }
    const before = await get('enterprise1', `/api/v1/contracts/${contractId}/usage`);
    expect(before.body.metrics['ekyc.request'].quantity).toBe(5001);
    await api('id-number', { idNumber: '048187654321' }, { 'idempotency-key': 'tier-2' });
    const u = await get('enterprise1', `/api/v1/contracts/${contractId}/usage`);
    expect(u.body.metrics['ekyc.request'].quantity).toBe(5002);
    const quote = await s.http('POST', '/api/v1/quotes', { body: { product: 'EKYC', quantity: 5002 } });
    expect(u.body.projected).toMatchObject({ totalVnd: quote.body.totalVnd });
    expect(u.body.projected.lines[0]).toMatchObject({ metric: 'ekyc.request', quantity: 5002, unitPriceVnd: '950' });

    const dash = await get('enterprise1', `/api/v1/ekyc/dashboard?contractId=${contractId}`);
    expect(dash.status).toBe(200);
    expect(dash.body).toMatchObject({ period: '2026-03', requests: 5, byOutcome: { pass: 3, fail: 2 }, volume: 5002, projected: { totalVnd: quote.body.totalVnd }, retentionDays: 30 });
    expect(dash.body.tiers.find((x: { reached: boolean }) => x.reached)).toEqual({ from: 5001, upTo: 10000, unitPriceVnd: '950', reached: true });
    expect(dash.body.reasons).toContainEqual({ code: 'sexMatches', count: 1 });
  });

  it("the customer lists and exports their own log; others do not see it", async () => {
    const log = await get('enterprise1', `/api/v1/ekyc/requests?contractId=${contractId}&kind=mrz`);
    expect(log.body.total).toBe(2);
    // Both at the same instant of the fixed clock: newest first, ties in any order.
    expect(log.body.items.map((i: { requestId: string; outcome: string }) => [i.requestId, i.outcome]).sort()).toEqual([['mrz-1', 'pass'], ['mrz-2', 'fail']]);
    expect((await get('customer1', `/api/v1/ekyc/requests?contractId=${contractId}`)).status).toBe(404);
    const csv = await s.http('GET', `/api/v1/ekyc/requests/export?contractId=${contractId}`, { token: t.enterprise1 });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const text = String(csv.body ?? '');
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(6); // header + 5 requests
    expect(text).toContain('mrz-2,mrz,fail,birthDateCheckDigit; compositeCheckDigit');
    expect(text).not.toContain('NGUYEN');
  });

  it('suspension and termination stop the calls with their codes', async () => {
    await post('ops1', `/api/v1/contracts/${contractId}/suspend`, { reason: 'Nợ cước' });
    expect((await api('mrz', { lines: LINES }, { 'idempotency-key': 'while-suspended' })).body.error.code).toBe('EKYC_CONTRACT_SUSPENDED');
    await post('ops1', `/api/v1/contracts/${contractId}/resume`);
    expect((await api('mrz', { lines: LINES }, { 'idempotency-key': 'after-resume' })).status).toBe(200);
    const end = await post('am1', `/api/v1/contracts/${contractId}/terminate`, { date: '2026-03-02', reason: 'Khách hàng huỷ' });
    expect(end.status, JSON.stringify(end.body)).toBe(200);
    expect((await api('mrz', { lines: LINES }, { 'idempotency-key': 'after-end' })).body.error.code).toBe('EKYC_CONTRACT_TERMINATED');
  });

  it('the retention job erases the personal data of old requests, audited; a resend then gets a clear code', async () => {
    s.clock.set(new Date(s.clock.now().getTime() + 31 * 86_400_000));
    expect(await s.ekyc.eraseExpired()).toBe(6);
    expect(await s.ekyc.eraseExpired()).toBe(0);
    const [row] = await s.database.rows<{ response: unknown; erased_at: Date | null; outcome: string }>(
      sql`select response, erased_at, outcome from ekyc.requests where contract_id = ${contractId} and request_id = 'mrz-1'`,
    );
    expect(row).toMatchObject({ response: null, outcome: 'pass' });
    expect(row.erased_at).not.toBeNull();
    const audit = await s.audit.list({ action: 'ekyc.erased', page: 1, pageSize: 5 });
    expect(audit.total).toBe(1);
    expect((await s.audit.list({ action: 'ekyc.request', page: 1, pageSize: 1 })).total).toBe(6);
  });
});
