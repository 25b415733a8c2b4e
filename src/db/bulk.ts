import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from './client.ts';

/** A column of a bulk insert: its SQL type and one value per row (null allowed). */
export type BulkColumn = [type: 'text' | 'int' | 'bigint' | 'date' | 'timestamptz' | 'jsonb', values: readonly unknown[]];

/**
 * Inserts many rows in one statement with one array parameter per column (`insert … select * from
 * unnest(…)`): PostgreSQL parses a dozen arrays instead of tens of thousands of parameters, and no
 * per-value query building happens in JavaScript. `tail` follows the select (ON CONFLICT, RETURNING).
 */
export async function bulkInsert<R = Record<string, unknown>>(
  ex: Executor,
  table: string,
  columns: Record<string, BulkColumn>,
  tail: SQL = sql``,
): Promise<R[]> {
  const names = Object.keys(columns);
  if (names.length === 0 || columns[names[0]][1].length === 0) return [];
  const text = (v: unknown) =>
    v === null || v === undefined ? null : v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v);
  const arrays = names.map((n) => sql`${sql.param(columns[n][1].map(text))}::text[]`);
  const casts = names.map((n) => sql.raw(`u.${n}::${columns[n][0]}`));
  const res = (await ex.execute(sql`
    insert into ${sql.raw(table)} (${sql.raw(names.join(', '))})
    select ${sql.join(casts, sql`, `)} from unnest(${sql.join(arrays, sql`, `)}) as u(${sql.raw(names.join(', '))}) ${tail}`)) as unknown as { rows: R[] };
  return res.rows;
}
