import { sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { openDatabase, type Database } from '../../db/client.ts';
import { freshDatabaseUrl } from '../../../test/system.ts';
import { invoices, seriesCounters } from './db/schema.ts';

/**
 * Test helper (imported by *.test.ts only): a throw-away database (PGlite in memory, or a fresh
 * PostgreSQL database in the `postgres` project) built by the real migrations, so tests run on the
 * schema production runs on.
 */
export async function openInvoicingTestDatabase(): Promise<Database> {
  const url = await freshDatabaseUrl();
  const database = await openDatabase(url ? { kind: 'postgres', url } : { kind: 'pglite', dataDir: 'memory://' });
  await database.migrate();
  return database;
}

/** Columns of the Drizzle tables missing (or with another nullability) in the migrated database: [] when they match. */
export async function schemaDrift(database: Database): Promise<string[]> {
  const rows = await database.rows<{ table_name: string; column_name: string; is_nullable: string }>(
    sql`select table_name, column_name, is_nullable from information_schema.columns where table_schema = 'invoicing'`,
  );
  const actual = new Map(rows.map((r) => [`${r.table_name}.${r.column_name}`, r.is_nullable === 'YES']));
  const drift: string[] = [];
  for (const table of [invoices, seriesCounters]) {
    const cfg = getTableConfig(table);
    const pk = new Set(cfg.primaryKeys.flatMap((p) => p.columns.map((c) => c.name)));
    for (const c of cfg.columns) {
      const key = `${cfg.name}.${c.name}`;
      const nullable = !c.notNull && !c.primary && !pk.has(c.name);
      if (!actual.has(key)) drift.push(`${key} missing`);
      else if (actual.get(key) !== nullable) drift.push(`${key} nullability`);
      actual.delete(key);
    }
  }
  drift.push(...[...actual.keys()].map((k) => `${k} not in the Drizzle schema`));
  return drift;
}
