import { eq, sql } from 'drizzle-orm';
import { bigint, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, driver, noDatabase, type TestSystem } from '../../test/system.ts';
import { batchWrites, insertLater } from './batch.ts';
import type { Executor } from './client.ts';
import { prepared, updateWhere } from './prepared.ts';

/** A table with every kind of value the hot paths write: bigint money, instants, JSON, NULL, defaults, a generated column. */
const things = pgTable('prepared_things', {
  id: text('id').primaryKey(),
  amountVnd: bigint('amount_vnd', { mode: 'bigint' }).notNull(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  doc: jsonb('doc'),
  note: text('note'),
  version: integer('version').notNull().default(1),
  double: bigint('double', { mode: 'bigint' }).generatedAlwaysAs(sql`amount_vnd * 2`),
});

const byId = prepared('test.thingById', (ex) => ex.select().from(things).where(eq(things.id, sql.placeholder('id'))));

describe.skipIf(noDatabase)(`statements built once (${driver})`, () => {
  let s: TestSystem;
  const db = () => s.database.db;
  beforeAll(async () => {
    s = await createTestSystem();
    await db().execute(sql`create table prepared_things (id text primary key, amount_vnd bigint not null, at timestamptz not null, doc jsonb,
      note text, version integer not null default 1, double bigint generated always as (amount_vnd * 2) stored)`);
  });
  afterAll(() => s.close());

  it('held inserts are written in one statement with values encoded as Drizzle would: bigint, instants, JSON, NULL, defaults', async () => {
    const at = new Date('2026-03-02T02:00:00.123Z');
    await db().transaction((tx) =>
      batchWrites(tx, async () => {
        await insertLater(tx, things, { id: 'a', amountVnd: 12_345_678_901_234n, at, doc: { k: ['v', 1], vi: 'Đã thanh toán' }, note: null });
        await insertLater(tx, things, { id: 'b', amountVnd: 1n, at, doc: null });
        // Held, not yet written: nothing reads them back inside the batch.
        expect(await byId(tx, { id: 'a' })).toEqual([]);
      }),
    );
    const rows = await db().select().from(things).orderBy(things.id);
    expect(rows).toEqual([
      { id: 'a', amountVnd: 12_345_678_901_234n, at, doc: { k: ['v', 1], vi: 'Đã thanh toán' }, note: null, version: 1, double: 24_691_357_802_468n },
      { id: 'b', amountVnd: 1n, at, doc: null, note: null, version: 1, double: 2n },
    ]);
    // JSON null is not written for a missing document: the column is SQL NULL.
    const [{ n }] = await s.database.rows<{ n: string }>(sql`select count(*)::text as n from prepared_things where id = 'b' and doc is null`);
    expect(n).toBe('1');
  });

  it('a prepared query runs on the connection of the transaction it is given, and on the pool', async () => {
    const seen = await db().transaction(async (tx) => {
      await tx.insert(things).values({ id: 'c', amountVnd: 5n, at: new Date() });
      return byId(tx, { id: 'c' });
    });
    expect(seen.map((r) => r.id)).toEqual(['c']);
    if (driver === 'postgres') {
      // An uncommitted row is seen only through its own transaction: the statement is not bound to the first connection.
      await db().transaction(async (tx: Executor) => {
        await tx.insert(things).values({ id: 'd', amountVnd: 5n, at: new Date() });
        expect(await byId(tx, { id: 'd' })).toHaveLength(1);
        expect(await byId(db(), { id: 'd' })).toEqual([]);
      });
    }
    expect(await byId(db(), { id: 'd' })).toHaveLength(driver === 'postgres' ? 1 : 0);
  });

  it('updateWhere encodes each value, keeps NULL as NULL, returns the rows it changed, and changes none when the condition fails', async () => {
    const at = new Date('2026-12-07T03:00:00Z');
    const [after] = await updateWhere(db(), things, { amountVnd: 99n, at, doc: { paid: true }, note: 'x', version: 2 }, { id: 'a', version: 1 }, { returning: true });
    expect(after).toMatchObject({ id: 'a', amountVnd: 99n, at, doc: { paid: true }, note: 'x', version: 2, double: 198n });
    // The same shape again (built once) with other values, and a stale version: nothing changes.
    expect(await updateWhere(db(), things, { amountVnd: 1n, at, doc: null, note: null, version: 3 }, { id: 'a', version: 1 }, { returning: true })).toEqual([]);
    await updateWhere(db(), things, { amountVnd: 7n, at, doc: null, note: null, version: 3 }, { id: 'a', version: 2 });
    const [row] = await byId(db(), { id: 'a' });
    expect(row).toMatchObject({ amountVnd: 7n, doc: null, note: null, version: 3 });
  });

  it('a batch that comes again is prepared by name, and each run writes its own values on whichever connection runs it', async () => {
    const at = new Date('2026-12-07T04:00:00Z');
    const batch = (id: string, amountVnd: bigint) =>
      db().transaction((tx) =>
        batchWrites(tx, async () => {
          await insertLater(tx, things, { id: `${id}1`, amountVnd, at });
          await insertLater(tx, things, { id: `${id}2`, amountVnd: amountVnd + 1n, at, note: id });
        }),
      );
    // More runs than the pool has connections: the name is used on connections that have not prepared it yet.
    for (let i = 0; i < 14; i++) await batch(`n${String(i).padStart(2, '0')}-`, BigInt(i));
    await Promise.all([batch('p1-', 100n), batch('p2-', 200n), batch('p3-', 300n)]);
    const rows = await s.database.rows<{ id: string; amount_vnd: string; note: string | null }>(
      sql`select id, amount_vnd::text, note from prepared_things where id like 'n%' or id like 'p%' order by id`,
    );
    expect(rows).toHaveLength(34);
    expect(rows.find((r) => r.id === 'n13-2')).toEqual({ id: 'n13-2', amount_vnd: '14', note: 'n13-' });
    expect(rows.find((r) => r.id === 'p3-1')).toEqual({ id: 'p3-1', amount_vnd: '300', note: null });
  });
});
