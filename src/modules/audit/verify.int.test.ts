import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, noDatabase, type TestSystem } from '../../../test/system.ts';
import { sealHash } from './domain/chain.ts';
import { entryBody3, entryDigest, entryDigest3 } from './queries.ts';
import { AuditLog } from './service.ts';

/** Verify's packed, concurrent read (two connections, one snapshot on PostgreSQL; one on PGlite) and seal format 3. */
describe.skipIf(noDatabase)('audit verify: ranges read at once, seal format 3', () => {
  let s: TestSystem;
  /** The same chain, verified in ranges of 7 positions by worker threads: many ranges, alternating between the readers. */
  let small: AuditLog;
  const raw = <T = Record<string, unknown>>(q: ReturnType<typeof sql>) => s.database.rows<T>(q);
  const triggers = async (on: boolean) => {
    for (const t of ['entries', 'seals']) await raw(sql.raw(`alter table audit.${t} ${on ? 'enable' : 'disable'} trigger user`));
  };
  /** Tampers with the triggers off, then undoes it (`undo` puts the exact values back). */
  const tampered = async (tamper: () => Promise<unknown>, undo: () => Promise<unknown>, check: () => Promise<void>) => {
    await triggers(false);
    try {
      await tamper();
      await check();
    } finally {
      await undo();
      await triggers(true);
    }
  };
  const entryAt = async (seq: number) => (await raw<{ id: string; actor_name: string }>(sql`select e.id::text, e.actor_name from audit.seals s join audit.entries e on e.id = s.entry_id where s.seq = ${seq}`))[0];
  const headSeq = async () => Number((await raw<{ s: string }>(sql`select last_seq::text as s from audit.chain_head`))[0].s);

  beforeAll(async () => {
    s = await createTestSystem();
    small = new AuditLog(s.database, s.clock, s.config.auditKey, { verifyTuning: { range: 7, workersFrom: 1 } });
  });
  afterAll(() => s?.close());

  it('new entries are sealed in format 3, whose body reads back into exactly the entry: no two entries share a body', async () => {
    // Values a plain separator-joined text would confuse: separators, quotes, parentheses, backslashes, blanks, NULL against '' and JSON null.
    await raw(sql`
      insert into audit.entries (at, actor_id, actor_name, action, entity_type, entity_id, before, after, request_id, ip) values
        ('2026-03-01 00:00:00.123456Z', null, 'a,b', 'test.f3', 't', '', null, 'null', null, null),
        ('2026-03-01 00:00:00.123456Z', '', 'a', 'test.f3', 't', null, 'null', null, null, null),
        ('2026-03-01 00:00:00.123457Z', 'a","b', 'Nguyễn "Văn" \\ (A)', 'test.f3', 't', 'x y', '{"k": "v,\\"w)"}', '[]', 'r', '::1'),
        ('2026-03-01 00:00:00.123457Z', 'a"', '"b', 'test.f3', 't', E'tab\there\nline', '{"k": "v"}', '[1, "2"]', '', ''),
        ('2026-03-01 00:00:00.123457Z', 'a', '","b', 'test.f3', 't', null, null, null, null, null)`);
    await s.audit.seal();
    const rows = await s.database.db.transaction(async (tx) => {
      await s.database.rows(
        sql`create type pg_temp.body3 as (id bigint, at numeric, actor_id text, actor_name text, action text, entity_type text, entity_id text,
              before jsonb, after jsonb, request_id text, ip text)`,
        tx,
      );
      return s.database.rows<{ body: string; same: boolean; format: number }>(
        sql`
        select ${entryBody3('e')} as body, sf.format,
               (${entryBody3('e')})::pg_temp.body3 is not distinct from
                 row(e.id, extract(epoch from e.at), e.actor_id, e.actor_name, e.action, e.entity_type, e.entity_id, e.before, e.after, e.request_id, e.ip)::pg_temp.body3 as same
          from audit.entries e join audit.seals sf on sf.entry_id = e.id where e.action = 'test.f3' order by e.id`,
        tx,
      );
    });
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.same && r.format === 3)).toBe(true);
    expect(new Set(rows.map((r) => r.body)).size).toBe(5);
    expect(rows[0].body).toMatch(/,1772323200\.123456,,"a,b",test\.f3,t,"",,null,,\)$/);
    expect(await s.audit.verify()).toMatchObject({ ok: true });
  });

  it('an edited format-3 entry is detected, whatever field changed, by both readings', async () => {
    const [{ id }] = await raw<{ id: string }>(sql`select id::text from audit.entries where action = 'test.f3' and actor_name = 'a,b'`);
    const edits: [string, string][] = [
      ['actor_name', `'a'`],
      ['actor_id', `''`],
      ['entity_id', 'null'],
      ['after', 'null'],
      ['at', `at + interval '1 microsecond'`],
    ];
    for (const [column, value] of edits) {
      const [before] = await raw<{ v: string | null }>(sql.raw(`select ${column}::text as v from audit.entries where id = ${id}`));
      await tampered(
        () => raw(sql.raw(`update audit.entries set ${column} = ${value} where id = ${id}`)),
        () => raw(sql`update audit.entries set ${sql.raw(column)} = ${before.v}::${sql.raw(column === 'at' ? 'timestamptz' : column === 'after' ? 'jsonb' : 'text')} where id = ${id}`),
        async () => {
          for (const log of [s.audit, small]) expect(await log.verify()).toMatchObject({ ok: false, reason: 'edited', firstBrokenId: Number(id) });
        },
      );
    }
    expect(await s.audit.verify()).toMatchObject({ ok: true });
  });

  it('reading in many ranges at once finds a tampered entry in any of them (first, second reader, last, partial), as one read does', async () => {
    const head = await headSeq();
    expect(head).toBeGreaterThan(30);
    expect(await small.verify()).toMatchObject({ ok: true, checked: head });
    for (const seq of [1, 7, 8, 15, 16, Math.floor(head / 2), head - 1, head]) {
      const e = await entryAt(seq);
      await tampered(
        () => raw(sql`update audit.entries set actor_name = ${`${e.actor_name}!`} where id = ${e.id}`),
        () => raw(sql`update audit.entries set actor_name = ${e.actor_name} where id = ${e.id}`),
        async () => {
          expect(await small.verify()).toMatchObject({ ok: false, reason: 'edited', brokenAt: seq, firstBrokenId: Number(e.id) });
          expect(await s.audit.verify()).toMatchObject({ ok: false, reason: 'edited', brokenAt: seq, firstBrokenId: Number(e.id) });
        },
      );
    }
    // Deleted entry and swapped seals inside a later range: named as the row-by-row walk names them.
    const e = await entryAt(17);
    const saved = await raw<{ row: unknown }>(sql`select to_jsonb(x) as row from audit.entries x where id = ${e.id}`);
    await tampered(
      () => raw(sql`delete from audit.entries where id = ${e.id}`),
      () => raw(sql`insert into audit.entries select r.* from jsonb_populate_record(null::audit.entries, ${JSON.stringify(saved[0].row)}::jsonb) r`),
      async () => expect(await small.verify()).toMatchObject({ ok: false, reason: 'deleted', brokenAt: 17, firstBrokenId: Number(e.id) }),
    );
    const swap = async () => {
      await raw(sql`update audit.seals set seq = -20 where seq = 20`);
      await raw(sql`update audit.seals set seq = 20 where seq = 21`);
      await raw(sql`update audit.seals set seq = 21 where seq = -20`);
    };
    await tampered(swap, swap, async () => expect(await small.verify()).toMatchObject({ ok: false, reason: 'unlinked', brokenAt: 20 }));
    expect(await small.verify()).toMatchObject({ ok: true, checked: head });
  });

  it('a dozen verifies at once all answer (each takes its turn: a verify holds two of the pool\'s ten connections)', async () => {
    const head = await headSeq();
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? small : s.audit).verify()));
    expect(answers.every((a) => a.ok && a.checked === head)).toBe(true);
  });

  it('seals of format 2 (before format 3) and format 3 verify as one chain, and an edit under either is found', async () => {
    // Re-seal the first half of the chain in format 2, as the sealer of the previous version did, and chain the rest onto it.
    const seals = await raw<{ seq: string; entry_id: string; prev_hash: string; hash: string; format: number; d2: string; d3: string }>(sql`
      select s.seq::text, s.entry_id::text, s.prev_hash, s.hash, s.format, ${entryDigest('e')} as d2, ${entryDigest3('e')} as d3
        from audit.seals s join audit.entries e on e.id = s.entry_id order by s.seq`);
    const [head] = await raw<{ last_hash: string }>(sql`select last_hash from audit.chain_head`);
    const half = Math.floor(seals.length / 2);
    let prev = seals[0].prev_hash;
    const next = seals.map((r, i) => {
      const format = i < half ? 2 : 3;
      const hash = sealHash(s.config.auditKey, prev, format === 2 ? r.d2 : r.d3);
      const row = { seq: r.seq, prev, hash, format };
      prev = hash;
      return row;
    });
    const write = async (rows: { seq: string; prev: string; hash: string; format: number }[], last: string) => {
      for (const r of rows) await raw(sql`update audit.seals set prev_hash = ${r.prev}, hash = ${r.hash}, format = ${r.format} where seq = ${r.seq}`);
      await raw(sql`update audit.chain_head set last_hash = ${last}`);
    };
    await tampered(
      () => write(next, prev),
      () => write(seals.map((r) => ({ seq: r.seq, prev: r.prev_hash, hash: r.hash, format: r.format })), head.last_hash),
      async () => {
        const formats = await raw<{ format: number }>(sql`select distinct format from audit.seals order by format`);
        expect(formats.map((f) => f.format)).toEqual([2, 3]);
        expect(await small.verify()).toMatchObject({ ok: true, checked: seals.length });
        for (const at of [2, half + 2]) {
          const e = await entryAt(at);
          await raw(sql`update audit.entries set actor_name = 'someone else' where id = ${e.id}`);
          expect(await small.verify()).toMatchObject({ ok: false, reason: 'edited', brokenAt: at, firstBrokenId: Number(e.id) });
          await raw(sql`update audit.entries set actor_name = ${e.actor_name} where id = ${e.id}`);
        }
      },
    );
    expect(await s.audit.verify()).toMatchObject({ ok: true, checked: seals.length });
  });
});
