import { sql } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { openDatabase, type Database } from '../../db/client.ts';
import { freshDatabaseUrl } from '../../../test/system.ts';
import { invoices, seriesCounters } from './db/schema.ts';

/**
 * Test helper (imported by *.test.ts only): a throw-away database (PGlite in memory, or a fresh
 * PostgreSQL database in the `postgres` project) with the platform/audit/notifications migrations
 * and this module's tables, created from the SQL below until the real migration exists
 * (`if not exists` keeps it harmless afterwards). Same DDL as `drizzle-kit export` of db/schema.ts.
 */
export const INVOICING_DDL = [
  `create schema if not exists "invoicing"`,
  `create table if not exists "invoicing"."invoices" (
    "id" text primary key not null,
    "source_payment_id" text,
    "paid_at" timestamp with time zone not null,
    "customer_id" text,
    "contract_id" text,
    "buyer" jsonb not null,
    "seller" jsonb not null,
    "lines" jsonb not null,
    "payment_method" text not null,
    "subtotal_vnd" bigint not null,
    "vat_vnd" bigint not null,
    "discount_vnd" bigint not null,
    "total_vnd" bigint not null,
    "form" text not null,
    "series" text not null,
    "number" integer,
    "status" text not null,
    "provider" text,
    "provider_ref" text,
    "tax_authority_code" text,
    "xml" text,
    "attempts" integer default 0 not null,
    "last_error" text,
    "issued_date" date,
    "issued_at" timestamp with time zone,
    "replaces_id" text,
    "replaced_by_id" text,
    "relation" jsonb,
    "cancel_reason" text,
    "cancelled_at" timestamp with time zone,
    "created_by" text,
    "created_at" timestamp with time zone not null,
    "updated_at" timestamp with time zone not null,
    "version" integer default 1 not null,
    constraint "invoices_source_payment_id_unique" unique("source_payment_id")
  )`,
  `create table if not exists "invoicing"."series_counters" (
    "form" text not null,
    "series" text not null,
    "last_number" integer default 0 not null,
    "last_issued_date" date,
    "updated_at" timestamp with time zone not null,
    constraint "series_counters_form_series_pk" primary key("form","series")
  )`,
  `create unique index if not exists "invoices_series_number_idx" on "invoicing"."invoices" using btree ("form","series","number")`,
  `create index if not exists "invoices_status_idx" on "invoicing"."invoices" using btree ("status")`,
  `create index if not exists "invoices_customer_idx" on "invoicing"."invoices" using btree ("customer_id")`,
  `create index if not exists "invoices_created_idx" on "invoicing"."invoices" using btree ("created_at")`,
  `create index if not exists "invoices_replaces_idx" on "invoicing"."invoices" using btree ("replaces_id")`,
];

export async function openInvoicingTestDatabase(): Promise<Database> {
  const url = await freshDatabaseUrl();
  const database = await openDatabase(url ? { kind: 'postgres', url } : { kind: 'pglite', dataDir: 'memory://' });
  await database.migrate();
  for (const ddl of INVOICING_DDL) await database.db.execute(sql.raw(ddl));
  return database;
}

/** Columns of the Drizzle tables missing (or with another nullability) in the database: [] when the DDL matches. */
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
