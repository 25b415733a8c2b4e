import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, noDatabase, type TestSystem } from '../../../test/system.ts';
import { readMarks } from './db/schema.ts';

const at = (local: string) => new Date(`${local}+07:00`);
type Item = { key: string; kind: string; ref: string; link: string; read: boolean; amountVnd: string | null; subject: string | null };

describe.skipIf(noDatabase)('the notification feed (the bell): scoped to the user, read marks per user', () => {
  let s: TestSystem;
  const t: Record<string, string> = {};
  const users = ['admin', 'am1', 'approver.ctkv1', 'approver.ttcntt', 'accountant1', 'enterprise1', 'customer1', 'callcenter1', 'product.ctkv1'];
  const post = (who: string, url: string, body: unknown = {}) => s.http('POST', url, { token: t[who], body });
  const get = (who: string, url: string) => s.http('GET', url, { token: t[who] });
  const feedOf = async (who: string): Promise<{ items: Item[]; unread: number }> => {
    const r = await get(who, '/api/v1/notifications/feed');
    expect(r.status).toBe(200);
    return r.body;
  };
  const travel = async (local: string) => {
    s.clock.set(at(local));
    for (const u of Object.keys(t)) t[u] = await s.login(u, u.endsWith('.kv2') ? 'Matkhau123' : undefined);
  };
  let contract: { id: string; number: string; totalVnd: string };
  let approvalKey: string;

  beforeAll(async () => {
    s = await createTestSystem({ now: '2026-03-02T02:00:00Z' }); // Mon 02/03/2026 09:00
    for (const u of users) t[u] = await s.login(u);
    // Staff of another region, to prove scope.
    const kv2 = s.identity.orgUnitByCode('CTKV2')!;
    for (const [username, roles] of [['approver.kv2', ['approver_ctkv']], ['am.kv2', ['am']]] as const) {
      await post('admin', '/api/v1/admin/users', { username, password: 'Matkhau123', fullName: username, email: `${username}@example.vn`, roles, orgUnitId: kv2.id });
      t[username] = await s.login(username, 'Matkhau123');
    }
  }, 180_000); // a whole system and eleven sign-ins (argon2id) on a busy machine
  afterAll(() => s?.close());

  it('a declared contract is a task near its deadline for its seller only', async () => {
    const me = await get('enterprise1', '/api/v1/me');
    const r = await post('am1', '/api/v1/contracts', { customerId: me.body.user.customer.id, product: 'MEETING', quantity: 1, periodMonths: 12, signedDate: '2026-02-27' }); // due by Monday 17:30
    expect(r.status).toBe(201);
    contract = r.body;
    const am1 = await feedOf('am1');
    expect(am1.items).toContainEqual(expect.objectContaining({ kind: 'task_due', ref: contract.number, link: `/contracts/${contract.id}`, read: false }));
    expect(am1.unread).toBeGreaterThanOrEqual(1);
    expect((await feedOf('am.kv2')).items.some((i) => i.ref === contract.number)).toBe(false);
    expect((await feedOf('enterprise1')).items).toEqual([]);
  });

  it('once paid: the approval waits for the approvers of its unit (with the amount), the payment shows to the seller and the customer', async () => {
    expect((await post('am1', `/api/v1/contracts/${contract.id}/submit`)).status).toBe(200);
    const paid = await post('accountant1', '/api/v1/payments/manual', { contractId: contract.id, amountVnd: contract.totalVnd, bankRef: 'FT2026030200001' });
    expect(paid.status).toBe(201);

    const approver = await feedOf('approver.ctkv1');
    expect(approver.items).toContainEqual(expect.objectContaining({ kind: 'approval', ref: contract.number, amountVnd: contract.totalVnd, subject: expect.stringContaining('Sao Mai') }));
    // Another region's approver and AM see nothing of it.
    for (const who of ['approver.kv2', 'am.kv2']) expect((await feedOf(who)).items.some((i) => i.ref === contract.number)).toBe(false);

    const payment = { kind: 'payment_received', ref: contract.number, amountVnd: contract.totalVnd, link: `/contracts/${contract.id}` };
    expect((await feedOf('am1')).items).toContainEqual(expect.objectContaining(payment));
    expect((await feedOf('enterprise1')).items).toContainEqual(expect.objectContaining(payment));
    expect((await feedOf('customer1')).items).toEqual([]);
  });

  it('marks one item read for that user only; a key outside the caller\'s feed is refused and changes nothing', async () => {
    const before = await feedOf('approver.ctkv1');
    const approval = before.items.find((i) => i.kind === 'approval' && i.ref === contract.number)!;
    approvalKey = approval.key;
    const r = await post('approver.ctkv1', '/api/v1/notifications/feed/read', { keys: [approval.key] });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ marked: 1, unread: before.unread - 1 });
    const after = await feedOf('approver.ctkv1');
    expect(after.items.find((i) => i.key === approval.key)!.read).toBe(true);
    expect(after.unread).toBe(before.unread - 1);

    // The same key is not in another unit's approver's feed: refused, nothing stored for them.
    const theirs = await post('approver.kv2', '/api/v1/notifications/feed/read', { keys: [approval.key] });
    expect(theirs.status).toBe(404);
    expect(theirs.body.error.code).toBe('FEED_ITEM_GONE');
    const rowsOfKv2 = await s.database.db.select().from(readMarks).where(eq(readMarks.itemKey, approval.key));
    expect(rowsOfKv2).toHaveLength(1); // approver.ctkv1's only

    // Bad bodies are refused.
    for (const body of [{}, { keys: [] }, { all: false }, { keys: ['x'], all: true }]) {
      expect((await post('approver.ctkv1', '/api/v1/notifications/feed/read', body)).status).toBe(400);
    }
  });

  it('marks all read, audited; an item gone from the feed takes its mark with it', async () => {
    const am1 = await feedOf('am1');
    expect(am1.unread).toBeGreaterThan(0);
    const r = await post('am1', '/api/v1/notifications/feed/read', { all: true });
    expect(r.body).toEqual({ marked: am1.items.length, unread: 0 });
    expect((await feedOf('am1')).unread).toBe(0);
    const audit = await get('admin', '/api/v1/audit?action=notification.read');
    expect(audit.body.items.some((e: { entityType: string }) => e.entityType === 'notification_feed')).toBe(true);

    // The CTKV approver approves: the approval leaves their feed, and its read mark goes at the next mark.
    expect((await post('approver.ctkv1', `/api/v1/contracts/${contract.id}/approve`)).status).toBe(200);
    expect((await feedOf('approver.ctkv1')).items.some((i) => i.kind === 'approval' && i.ref === contract.number)).toBe(false);
    await post('approver.ctkv1', '/api/v1/notifications/feed/read', { all: true });
    expect(await s.database.db.select().from(readMarks).where(eq(readMarks.itemKey, approvalKey))).toEqual([]);
    // And TT CNTT's approver now has it waiting.
    expect((await feedOf('approver.ttcntt')).items).toContainEqual(expect.objectContaining({ kind: 'approval', ref: contract.number }));
  });

  it('an SLA warning on a ticket reaches the staff of the stage holding it, not the customer or another stage', async () => {
    await travel('2026-03-03T09:00:00');
    const r = await post('callcenter1', '/api/v1/tickets', { channel: 'hotline_9090', requestType: 'incident', level: 3, subject: 'Meeting mất tiếng', description: 'Không nghe được âm thanh', customerPhone: '0243123456' });
    expect(r.status).toBe(201);
    expect((await feedOf('product.ctkv1')).items.some((i) => i.ref === r.body.number)).toBe(false);
    await travel('2026-03-03T12:01:00'); // past 75 % of CTKV's 4 h
    await s.support.checkSla();
    const feed = await feedOf('product.ctkv1');
    expect(feed.items).toContainEqual(expect.objectContaining({ key: `ticket:${r.body.id}:warning`, kind: 'sla_warning', ref: r.body.number, link: `/tickets/${r.body.id}`, read: false }));
    for (const who of ['enterprise1', 'am.kv2']) expect((await feedOf(who)).items.some((i) => i.ref === r.body.number)).toBe(false);
  });

  it('is documented in OpenAPI: the feed and the mark (some keys, or all)', async () => {
    const r = await s.http('GET', '/openapi.json');
    expect(r.body.paths['/api/v1/notifications/feed'].get.responses['200']).toBeDefined();
    const body = JSON.stringify(r.body.paths['/api/v1/notifications/feed/read'].post.requestBody);
    expect(body).toContain('keys');
    expect(body).toContain('all');
  });

  it('signed out: 401', async () => {
    expect((await s.http('GET', '/api/v1/notifications/feed')).status).toBe(401);
  });
});
