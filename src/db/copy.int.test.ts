import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, driver, noDatabase, type TestSystem } from '../../test/system.ts';

const bytes = (s: string) => new TextEncoder().encode(s); // plain Uint8Arrays, as fetch yields them
const target = { table: 'copy_probe', columns: ['ref', 'amount', 'note'] };

/** `database.copyCsv`: a CSV file into a table as it came (reconciliation loads VNPay's daily list so). */
describe.skipIf(noDatabase)(`COPY of a CSV file (${driver})`, () => {
  let s: TestSystem;
  beforeAll(async () => {
    s = await createTestSystem();
  });
  afterAll(() => s?.close());

  const inTemp = <T,>(fn: (tx: Parameters<Parameters<TestSystem['database']['db']['transaction']>[0]>[0]) => Promise<T>) =>
    s.database.db.transaction(async (tx) => {
      await tx.execute(sql`create temp table copy_probe (ref text not null, amount bigint, note text, ord bigint generated always as identity) on commit drop`);
      return fn(tx);
    });

  it('loads the rows in order, past the header, whatever the chunks’ boundaries; an empty field is null, a quoted one kept', async () => {
    const file = 'ref,amount,note\nA1,100,\nA2,200,"x, ""y"""\nA3,,z\n';
    const chunks = [bytes(file.slice(0, 7)), bytes(file.slice(7, 20)), bytes(file.slice(20))];
    const [n, rows] = await inTemp(async (tx) => [
      await s.database.copyCsv(tx, target, chunks),
      await s.database.rows<{ ref: string; amount: string | null; note: string | null; ord: string }>(sql`select ref, amount::text, note, ord::text from copy_probe order by ord`, tx),
    ]);
    expect(n).toBe(3);
    expect(rows).toEqual([
      { ref: 'A1', amount: '100', note: null, ord: '1' },
      { ref: 'A2', amount: '200', note: 'x, "y"', ord: '2' },
      { ref: 'A3', amount: null, note: 'z', ord: '3' },
    ]);
  });

  it('fails on a malformed line, naming it, and the transaction keeps nothing', async () => {
    const bad = (file: string) => inTemp((tx) => s.database.copyCsv(tx, target, [bytes(file)]));
    await expect(bad('ref,amount,note\nA1,100,\nA2,abc,\n')).rejects.toMatchObject({ message: expect.stringMatching(/bigint.*abc/), where: expect.stringMatching(/line 3/) });
    await expect(bad('ref,amount,note\nA1,100,x,extra\n')).rejects.toThrow(/extra data/);
    await expect(bad('ref,amount,note\n,100,x\n')).rejects.toThrow(); // '' is null here: ref is not null
    // The connection is usable afterwards (the COPY's refusal ended cleanly).
    expect(await inTemp((tx) => s.database.copyCsv(tx, target, [bytes('ref,amount,note\nB1,1,\n')]))).toBe(1);
  });

  it('works outside a transaction too (a table of its own)', async () => {
    await s.database.rows(sql`create table public.copy_probe (ref text not null, amount bigint, note text)`);
    try {
      expect(await s.database.copyCsv(s.database.db, { table: 'public.copy_probe', columns: target.columns }, [bytes('ref,amount,note\nC1,5,\nC2,6,\n')])).toBe(2);
      expect(await s.database.rows(sql`select ref from public.copy_probe order by ref`)).toEqual([{ ref: 'C1' }, { ref: 'C2' }]);
    } finally {
      await s.database.rows(sql`drop table public.copy_probe`);
    }
  });
});
