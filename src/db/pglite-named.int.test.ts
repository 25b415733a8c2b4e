import type { PGlite } from '@electric-sql/pglite';
import { eq, sql } from 'drizzle-orm';
import { bigint, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, driver, type TestSystem } from '../../test/system.ts';
import { batchWrites, insertLater } from './batch.ts';
import { driverClient } from './copy.ts';
import { prepared } from './prepared.ts';

const rows = pgTable('named_rows', {
  id: text('id').primaryKey(),
  amountVnd: bigint('amount_vnd', { mode: 'bigint' }).notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  doc: jsonb('doc'),
});
const byId = prepared('test.namedRowById', (ex) => ex.select().from(rows).where(eq(rows.id, sql.placeholder('id'))));

/** The Parse messages sent to PGlite for statement `name` (a Parse is 'P', its length, then the name). */
function countParses(db: PGlite, name: string): () => number {
  let parses = 0;
  const send = db.execProtocolStream.bind(db);
  db.execProtocolStream = (message, options) => {
    for (let at = 0; at < message.length; at += 1 + new DataView(message.buffer, message.byteOffset + at + 1, 4).getInt32(0)) {
      if (message[at] === 0x50 && new TextDecoder().decode(message.subarray(at + 5, at + 5 + name.length)) === name) parses++;
    }
    return send(message, options);
  };
  return () => parses;
}

describe.runIf(driver === 'pglite')('named statements on PGlite', () => {
  let s: TestSystem;
  const db = () => s.database.db;
  beforeAll(async () => {
    s = await createTestSystem();
    await db().execute(sql`create table named_rows (id text primary key, amount_vnd bigint not null, at timestamptz not null, doc jsonb)`);
  });
  afterAll(() => s.close());

  it('a statement is parsed once and its rows come back as query() gives them', async () => {
    const parses = countParses(driverClient(db()) as PGlite, 'test.namedRowById');
    const at = new Date('2026-12-07T05:00:00.123Z');
    await db().insert(rows).values({ id: 'a', amountVnd: 12_345_678_901_234n, at, doc: { vi: 'Đã thanh toán', n: [1, 2] } });
    const viaQuery = await db().select().from(rows).where(eq(rows.id, 'a'));
    for (let i = 0; i < 3; i++) expect(await byId(db(), { id: 'a' })).toEqual(viaQuery);
    expect(await db().transaction((tx) => byId(tx, { id: 'a' }))).toEqual(viaQuery);
    expect(viaQuery).toEqual([{ id: 'a', amountVnd: 12_345_678_901_234n, at, doc: { vi: 'Đã thanh toán', n: [1, 2] } }]);
    expect(await byId(db(), { id: 'none' })).toEqual([]);
    expect(parses()).toBe(1);
  });

  it('outside a transaction it waits for the one in progress, and does not run inside it', async () => {
    const events: string[] = [];
    let commit!: () => void;
    const held = new Promise<void>((r) => (commit = r));
    const tx = db().transaction(async (t) => {
      await t.insert(rows).values({ id: 'u', amountVnd: 1n, at: new Date() });
      events.push('inserted');
      await held;
      events.push('committing');
    });
    while (!events.includes('inserted')) await new Promise((r) => setTimeout(r, 5));
    const read = byId(db(), { id: 'u' }).then((r) => events.push(`read ${r.length}`));
    await new Promise((r) => setTimeout(r, 50));
    expect(events).toEqual(['inserted']);
    commit();
    await Promise.all([tx, read]);
    expect(events).toEqual(['inserted', 'committing', 'read 1']);
  });

  it('a named batch that fails rolls its transaction back, and the next runs', async () => {
    const at = new Date('2026-12-07T06:00:00Z');
    const batch = (id: string) => db().transaction((tx) => batchWrites(tx, () => insertLater(tx, rows, { id, amountVnd: 5n, at })));
    await batch('b1');
    await batch('b2'); // named from its second sighting
    await expect(db().transaction(async (tx) => {
      await tx.insert(rows).values({ id: 'b4', amountVnd: 4n, at });
      await batchWrites(tx, () => insertLater(tx, rows, { id: 'b1', amountVnd: 5n, at })); // b1 exists: unique violation
    })).rejects.toThrow(/duplicate key/);
    expect((await byId(db(), { id: 'b4' })).length).toBe(0);
    await batch('b3');
    const ids = await s.database.rows<{ id: string }>(sql`select id from named_rows where id like 'b%' order by id`);
    expect(ids.map((r) => r.id)).toEqual(['b1', 'b2', 'b3']);
  });
});
