import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, driver, noDatabase, type TestSystem } from '../../../test/system.ts';
import { systemCtx } from '../../platform/context.ts';

describe.skipIf(noDatabase)('audit trail: written freely, sealed behind a horizon, verifiable', () => {
  let s: TestSystem;
  const dir = mkdtempSync(path.join(tmpdir(), 'qldv-audit-'));
  const checkpointFile = path.join(dir, 'checkpoint.json');
  const raw = <T = Record<string, unknown>>(q: ReturnType<typeof sql>) => s.database.rows<T>(q);
  const record = (action: string, entityId?: string) => s.database.db.transaction((tx) => s.audit.record(tx, systemCtx(), { action, entityType: 'test', entityId }));
  const headSeq = async () => Number((await raw<{ s: string }>(sql`select last_seq::text as s from audit.chain_head`))[0].s);

  beforeAll(async () => {
    s = await createTestSystem({ env: { QLDV_AUDIT_CHECKPOINT_FILE: checkpointFile } });
    await s.login('admin');
  });
  afterAll(async () => {
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('seeding and sign-in were audited; verify seals them, checks the chain and writes the signed checkpoint file', async () => {
    const list = await s.audit.list({ page: 1, pageSize: 5 });
    expect(list.total).toBeGreaterThan(40);
    expect(list.items[0]).toMatchObject({ action: 'auth.login', actorName: 'admin' });
    const v = await s.audit.verify();
    expect(v).toMatchObject({ ok: true, checked: list.total, checkpoint: { seq: list.total } });
    expect(v.pending).toBeUndefined();
    const file = JSON.parse(readFileSync(checkpointFile, 'utf8'));
    expect(file).toMatchObject({ seq: list.total, hash: expect.stringMatching(/^[0-9a-f]{64}$/), signature: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('the filter offers each action and entity type the trail holds, once each; only to auditors', async () => {
    const token = await s.login('admin');
    const r = await s.http('GET', '/api/v1/audit/facets', { token });
    expect(r.status).toBe(200);
    expect(r.body.actions).toContain('auth.login');
    expect(r.body.entityTypes).toContain('user');
    expect(new Set(r.body.actions).size).toBe(r.body.actions.length);
    expect((await s.http('GET', '/api/v1/audit/facets', { token: await s.login('am1') })).status).toBe(403);
  });

  it('an entry is one insert, unsealed until the sealer passes; one written in a rolled-back transaction disappears', async () => {
    const before = await s.audit.verify();
    await record('test.pending');
    const [{ sealed }] = await raw<{ sealed: boolean }>(sql`select exists (select 1 from audit.seals s join audit.entries e on e.id = s.entry_id where e.action = 'test.pending') as sealed`);
    expect(sealed).toBe(false);
    expect(await s.audit.seal()).toEqual({ sealed: 1 });
    expect(await s.audit.seal()).toEqual({ sealed: 0 });
    await expect(
      s.database.db.transaction(async (tx) => {
        await s.audit.record(tx, systemCtx(), { action: 'test.rolled_back', entityType: 'test' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect((await s.audit.list({ action: 'test.rolled_back', page: 1, pageSize: 1 })).total).toBe(0);
    expect(await s.audit.verify()).toMatchObject({ ok: true, checked: before.checked + 1 });
  });

  it.skipIf(driver !== 'postgres')('writers never wait for each other, and an open transaction holds the horizon back until it ends', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let opened!: () => void;
    const open = new Promise<void>((r) => (opened = r));
    // T1 writes an entry and stays open; T2, T3 write and commit meanwhile (the old design's lock would block them).
    const t1 = s.database.db.transaction(async (tx) => {
      await s.audit.record(tx, systemCtx(), { action: 'test.horizon', entityType: 'test', entityId: 'open' });
      opened();
      await held;
    });
    await open;
    await record('test.horizon', 'committed-1');
    await record('test.horizon', 'committed-2');
    const seq = await headSeq();
    await s.audit.seal();
    expect(await headSeq()).toBe(seq); // everything after T1's xid waits behind the horizon
    expect((await s.audit.verify()).pending).toBe(2);
    release();
    await t1;
    await s.audit.seal();
    const order = await raw<{ entity_id: string }>(sql`
      select e.entity_id from audit.seals s join audit.entries e on e.id = s.entry_id where e.action = 'test.horizon' order by s.seq`);
    expect(order.map((r) => r.entity_id)).toEqual(['open', 'committed-1', 'committed-2']);
    expect(await s.audit.verify()).toMatchObject({ ok: true });
  });

  it.skipIf(driver !== 'postgres')('200 transactions in parallel, sealed while they run: all end sealed, each one contiguous, and the chain verifies', async () => {
    const before = await headSeq();
    let sealing = true;
    const sealer = (async () => {
      while (sealing) await s.audit.seal();
    })();
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        s.database.db.transaction(async (tx) => {
          for (let k = 0; k < 3; k++) {
            await s.audit.record(tx, systemCtx(), { action: 'test.parallel', entityType: 'test', entityId: `${i}`, after: { k, amount: 1000n } });
            if (i % 7 === 0) await new Promise((r) => setTimeout(r, 5));
          }
        }),
      ),
    );
    sealing = false;
    await sealer;
    await s.audit.seal();
    expect((await headSeq()) - before).toBe(600);
    const chain = await raw<{ entity_id: string; k: string }>(sql`
      select e.entity_id, e.after->>'k' as k from audit.seals s join audit.entries e on e.id = s.entry_id where e.action = 'test.parallel' order by s.seq`);
    // (xid, id) order: a transaction's three entries follow each other, in the order it wrote them.
    for (let i = 0; i < chain.length; i += 3) expect(chain.slice(i, i + 3).map((r) => [r.entity_id, r.k])).toEqual([0, 1, 2].map((k) => [chain[i].entity_id, String(k)]));
    expect(await s.audit.verify()).toMatchObject({ ok: true });
    const stored = await s.audit.list({ action: 'test.parallel', page: 1, pageSize: 1 });
    expect(stored.items[0].after).toMatchObject({ amount: '1000' });
  });

  it('the database refuses UPDATE, DELETE and TRUNCATE of entries and seals', async () => {
    for (const [table, column] of [['entries', 'action'], ['seals', 'hash']]) {
      const name = sql.raw(`audit.${table}`);
      await expect(raw(sql`update ${name} set ${sql.raw(column)} = ${sql.raw(column)} where true`)).rejects.toThrow();
      await expect(raw(sql`delete from ${name} where true`)).rejects.toThrow();
      await expect(raw(sql`truncate ${name}`)).rejects.toThrow();
    }
    expect((await s.audit.verify()).ok).toBe(true);
  });

  /** Tampers as someone who disabled the triggers could, then puts the trail, the head and the triggers back. */
  const tampering = async (tamper: () => Promise<void>) => {
    await s.audit.seal(); // what is tampered with was sealed before
    const saved = {
      entries: await raw<{ row: unknown }>(sql`select to_jsonb(e) as row from audit.entries e`),
      seals: await raw<{ row: unknown }>(sql`select to_jsonb(s) as row from audit.seals s`),
      head: await raw<{ row: unknown }>(sql`select to_jsonb(h) as row from audit.chain_head h`),
    };
    const checkpoint = readFileSync(checkpointFile, 'utf8');
    const triggers = async (on: boolean) => {
      for (const t of ['entries', 'seals']) await raw(sql.raw(`alter table audit.${t} ${on ? 'enable' : 'disable'} trigger user`));
    };
    await triggers(false);
    try {
      await tamper();
    } finally {
      await raw(sql`delete from audit.entries`);
      await raw(sql`delete from audit.seals`);
      for (const [table, rows] of Object.entries(saved)) {
        const name = sql.raw(`audit.${table === 'head' ? 'chain_head' : table}`);
        if (table === 'head') await raw(sql`delete from audit.chain_head`);
        await raw(sql`insert into ${name} select r.* from jsonb_array_elements(${JSON.stringify(rows.map((x) => x.row))}::jsonb) j, jsonb_populate_record(null::${name}, j) r`);
      }
      await triggers(true);
      writeFileSync(checkpointFile, checkpoint);
    }
    expect(await s.audit.verify()).toMatchObject({ ok: true });
    await expect(raw(sql`delete from audit.seals where seq = 1`)).rejects.toThrow();
  };
  const seqOf = async (entryId: number) => Number((await raw<{ seq: string }>(sql`select seq::text from audit.seals where entry_id = ${entryId}`))[0].seq);

  it('an edited entry is detected (even by someone who disabled the trigger), and the API reports it', async () => {
    const [{ id }] = await raw<{ id: number }>(sql`select id from audit.entries where action = 'user.created' order by id limit 1 offset 3`);
    await tampering(async () => {
      await raw(sql`update audit.entries set after = jsonb_set(after, '{roles}', '["admin"]') where id = ${id}`);
      expect(await s.audit.verify()).toMatchObject({ ok: false, reason: 'edited', firstBrokenId: Number(id), brokenAt: await seqOf(Number(id)) });
      const admin = await s.login('admin');
      const api = await s.http('GET', '/api/v1/audit/verify', { token: admin });
      expect(api.body).toMatchObject({ ok: false, reason: 'edited', firstBrokenId: Number(id) });
    });
  });

  it('a deleted entry, a deleted entry with its seal, and reordered seals are detected', async () => {
    await tampering(async () => {
      await raw(sql`delete from audit.entries where id = 10`);
      expect(await s.audit.verify()).toMatchObject({ ok: false, reason: 'deleted', firstBrokenId: 10 });
      await raw(sql`delete from audit.seals where entry_id = 10`);
      expect(await s.audit.verify()).toMatchObject({ ok: false, reason: 'unlinked', brokenAt: (await seqOf(11)) });
    });
    await tampering(async () => {
      // Swap the positions of two neighbours: the links no longer meet.
      await raw(sql`update audit.seals set seq = -5 where seq = 5`);
      await raw(sql`update audit.seals set seq = 5 where seq = 6`);
      await raw(sql`update audit.seals set seq = 6 where seq = -5`);
      expect(await s.audit.verify()).toMatchObject({ ok: false, reason: 'unlinked', brokenAt: 5 });
    });
  });

  it('an entry slipped in behind the sealer (inside the sealed range) is detected', async () => {
    await tampering(async () => {
      const [{ id }] = await raw<{ id: number }>(sql`
        insert into audit.entries (at, actor_name, action, entity_type, xid) values (now(), 'admin', 'user.created', 'user', '1') returning id`);
      expect(await s.audit.verify()).toMatchObject({ ok: false, reason: 'inserted', firstBrokenId: Number(id) });
    });
  });

  it('a cut tail is detected, and still when the head was rewound too: the checkpoint outside the database is ahead', async () => {
    await record('test.tail', 'a');
    await record('test.tail', 'b');
    await s.audit.seal();
    const last = await headSeq();
    const cut = async () => {
      await raw(sql`delete from audit.entries where id in (select entry_id from audit.seals where seq > ${last - 2})`);
      await raw(sql`delete from audit.seals where seq > ${last - 2}`);
    };
    await tampering(async () => {
      await cut();
      expect(await s.audit.verify()).toMatchObject({ ok: false, reason: 'tail_cut', brokenAt: last - 1 });
    });
    await tampering(async () => {
      await cut();
      await raw(sql`
        update audit.chain_head h set last_seq = s.seq, count = s.seq, last_hash = s.hash, cursor_xid = e.xid, cursor_id = e.id
          from audit.seals s join audit.entries e on e.id = s.entry_id where s.seq = ${last - 2}`);
      expect(await s.audit.verify()).toMatchObject({ ok: false, reason: 'tail_cut', brokenAt: last - 1 });
      // The sealer will not build on the rewound head, nor move the checkpoint back.
      await record('test.tail', 'after the cut');
      expect(await s.audit.seal()).toMatchObject({ sealed: 0, refused: expect.stringMatching(/no longer extends checkpoint/) });
      expect(JSON.parse(readFileSync(checkpointFile, 'utf8')).seq).toBe(last);
      await raw(sql`delete from audit.entries where entity_id = 'after the cut'`);
    });
  });

  it('a checkpoint file not signed with the key is reported, and the sealer stops', async () => {
    const good = readFileSync(checkpointFile, 'utf8');
    try {
      const c = JSON.parse(good);
      writeFileSync(checkpointFile, JSON.stringify({ ...c, seq: c.seq - 1 }));
      expect(await s.audit.verify()).toMatchObject({ ok: false, reason: 'checkpoint_forged' });
      writeFileSync(checkpointFile, 'garbage');
      expect(await s.audit.verify()).toMatchObject({ ok: false, reason: 'checkpoint_forged' });
      expect((await s.audit.seal()).refused).toMatch(/not signed/);
    } finally {
      writeFileSync(checkpointFile, good);
    }
    expect((await s.audit.verify()).ok).toBe(true);
  });

  it('the list filters by actor, action, entity and time, newest first, paged', async () => {
    for (let i = 0; i < 6; i++) await record('test.listed', String(i));
    const all = await s.audit.list({ action: 'test.listed', page: 1, pageSize: 5 });
    expect(all.total).toBe(6);
    expect(all.items).toHaveLength(5);
    expect(all.items[0].id).toBeGreaterThan(all.items[4].id);
    const one = await s.audit.list({ action: 'test.listed', entityId: '4', page: 1, pageSize: 5 });
    expect(one.items.map((e) => e.entityId)).toEqual(['4']);
    const none = await s.audit.list({ action: 'test.listed', from: new Date(s.clock.now().getTime() + 1000), page: 1, pageSize: 5 });
    expect(none.total).toBe(0);
  });
});
