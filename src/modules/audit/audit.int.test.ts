import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, noDatabase, type TestSystem } from '../../../test/system.ts';
import { systemCtx } from '../../platform/context.ts';

describe.skipIf(noDatabase)('audit trail: append-only, hash-chained, verifiable', () => {
  let s: TestSystem;
  const raw = (q: ReturnType<typeof sql>) => s.database.rows(q);

  beforeAll(async () => {
    s = await createTestSystem();
    await s.login('admin');
  });
  afterAll(() => s?.close());

  it('seeding and sign-in were audited, and the chain verifies', async () => {
    const list = await s.audit.list({ page: 1, pageSize: 5 });
    expect(list.total).toBeGreaterThan(40);
    expect(list.items[0]).toMatchObject({ action: 'auth.login', actorName: 'admin' });
    expect(await s.audit.verify()).toEqual({ ok: true, checked: list.total });
  });

  it('an entry written in a transaction that rolls back disappears with it', async () => {
    const before = await s.audit.verify();
    await expect(
      s.database.db.transaction(async (tx) => {
        await s.audit.record(tx, systemCtx(), { action: 'test.rolled_back', entityType: 'test' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect((await s.audit.list({ action: 'test.rolled_back', page: 1, pageSize: 1 })).total).toBe(0);
    expect(await s.audit.verify()).toEqual(before);
  });

  it('concurrent writers still form one unbroken chain', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        s.database.db.transaction((tx) => s.audit.record(tx, systemCtx(), { action: 'test.concurrent', entityType: 'test', entityId: String(i), after: { i, amount: 1000n } })),
      ),
    );
    const v = await s.audit.verify();
    expect(v.ok).toBe(true);
    const stored = await s.audit.list({ action: 'test.concurrent', page: 1, pageSize: 1 });
    expect(stored.items[0].after).toMatchObject({ amount: '1000' });
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE of entries', async () => {
    await expect(raw(sql`update audit.entries set action = 'x' where id = 1`)).rejects.toThrow();
    await expect(raw(sql`delete from audit.entries where id = 1`)).rejects.toThrow();
    await expect(raw(sql`truncate audit.entries`)).rejects.toThrow();
    expect((await s.audit.verify()).ok).toBe(true);
  });

  /** Tampers with the trail as someone who disabled the trigger could, then restores the entries and the trigger. */
  const tampering = async (ids: number[], tamper: () => Promise<void>) => {
    const idList = sql.join(ids.map((id) => sql`${id}`), sql`, `);
    const saved = (await raw(sql`select to_jsonb(e) as row from audit.entries e where id in (${idList})`)) as { row: unknown }[];
    await raw(sql`alter table audit.entries disable trigger entries_append_only`);
    try {
      await tamper();
    } finally {
      await raw(sql`delete from audit.entries where id in (${idList})`);
      for (const { row } of saved) await raw(sql`insert into audit.entries select * from jsonb_populate_record(null::audit.entries, ${JSON.stringify(row)}::jsonb)`);
      await raw(sql`alter table audit.entries enable trigger entries_append_only`);
    }
    // Later tests find the trail intact and append-only again.
    expect((await s.audit.verify()).ok).toBe(true);
    await expect(raw(sql`delete from audit.entries where id = ${ids[0]}`)).rejects.toThrow();
  };

  it('an edited row is detected (even by someone who disabled the trigger), and the API reports it', async () => {
    const [{ id }] = (await raw(sql`select id from audit.entries where action = 'user.created' order by id limit 1 offset 3`)) as { id: number }[];
    await tampering([Number(id)], async () => {
      await raw(sql`update audit.entries set after = jsonb_set(after, '{roles}', '["admin"]') where id = ${id}`);
      const v = await s.audit.verify();
      expect(v.ok).toBe(false);
      expect(v.firstBrokenId).toBe(Number(id));
      const admin = await s.login('admin');
      const api = await s.http('GET', '/api/v1/audit/verify', { token: admin });
      expect(api.body).toMatchObject({ ok: false, firstBrokenId: Number(id) });
    });
  });

  it('a deleted row and a cut-off tail are detected', async () => {
    const [{ id }] = (await raw(sql`select max(id) as id from audit.entries`)) as { id: number }[];
    const last = Number(id);
    await tampering([last, 10], async () => {
      await raw(sql`delete from audit.entries where id = ${last}`);
      const tail = await s.audit.verify();
      expect(tail.ok).toBe(false);
      expect(tail.firstBrokenId).toBe(last);

      await raw(sql`delete from audit.entries where id = 10`);
      const middle = await s.audit.verify();
      expect(middle).toMatchObject({ ok: false, checked: 9, firstBrokenId: 11 });
    });
  });

  it('the list filters by actor, action, entity and time, newest first, paged', async () => {
    const all = await s.audit.list({ action: 'test.concurrent', page: 1, pageSize: 5 });
    expect(all.total).toBe(20);
    expect(all.items).toHaveLength(5);
    expect(all.items[0].id).toBeGreaterThan(all.items[4].id);
    const one = await s.audit.list({ action: 'test.concurrent', entityId: '7', page: 1, pageSize: 5 });
    expect(one.items.map((e) => e.entityId)).toEqual(['7']);
    const none = await s.audit.list({ action: 'test.concurrent', from: new Date(s.clock.now().getTime() + 1000), page: 1, pageSize: 5 });
    expect(none.total).toBe(0);
  });
});
