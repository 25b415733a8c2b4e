import { and, eq, getTableColumns, is, sql, SQL, type Column } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Executor } from './client.ts';
import { driverClient } from './copy.ts';
import type { QueryOptions } from '@electric-sql/pglite';
import { runNamedOnPglite } from './pglite-named.ts';

/*
 * Drizzle builds a statement's SQL on every call, and on the hot paths (the VNPay IPN, a self-service
 * order) building cost more server CPU than the round trip: about a quarter of an IPN's. The statements
 * here are built once and run on whichever executor the caller holds (pool, transaction or savepoint);
 * `prepared` statements are also prepared by name on each connection (on PGlite, once per instance:
 * pglite-named.ts), so PostgreSQL parses them once per connection.
 */

/** The driver's client under a Drizzle executor: the pool, or the connection of the transaction. */
interface DriverClient {
  query(text: string, params: unknown[], options?: QueryOptions): Promise<{ rows: unknown[] }>;
}
const clientOf = (ex: Executor) => driverClient(ex) as DriverClient;
const isPostgres = (client: DriverClient): client is pg.Pool | pg.Client => client instanceof pg.Pool || client instanceof pg.Client;

/** A PGlite client that runs its statement by `name` (Drizzle's PGlite driver sends everything through `query()`). */
const byName = (client: DriverClient, name: string): DriverClient => ({
  query: async (text, params, options) => (await runNamedOnPglite(client, name, text, params, options)) ?? client.query(text, params, options),
});

interface PreparedQuery<R> {
  execute(values?: Record<string, unknown>): Promise<R>;
}

/**
 * A query built once, with `sql.placeholder(name)` where its values go. Drizzle's prepared query holds
 * the client it was made on; each run rebinds it to the caller's, so one built statement serves every
 * transaction. Placeholders compared to a column (`eq(col, sql.placeholder('id'))`) take the driver's
 * value as is (ids, codes, numbers): give dates and JSON through `updateWhere`, which encodes them.
 */
export function prepared<V extends Record<string, unknown>, R>(name: string, build: (ex: Executor) => { prepare(name: string): PreparedQuery<R> }) {
  let built: PreparedQuery<R> | undefined;
  return (ex: Executor, values: V): Promise<R> => {
    built ??= build(ex).prepare(name);
    const client = clientOf(ex);
    const bound = Object.create(built, { client: { value: isPostgres(client) ? client : byName(client, name) } }) as PreparedQuery<R>;
    return bound.execute(values);
  };
}

/** A column's value as the driver takes it (what Drizzle's own insert and update do with a value). */
const encode = (column: Column, value: unknown) => (value === null || value === undefined ? null : column.mapToDriverValue(value));

type Run = ReturnType<typeof prepared<Record<string, unknown>, unknown[]>>;
/** The update statements built so far, per table and shape; `updateCount` names them uniquely in this process. */
const updates = new WeakMap<PgTable, Map<string, Run>>();
let updateCount = 0;

/**
 * `UPDATE table SET <set> WHERE <each where column = value> [RETURNING *]`, built once per table and
 * set of column names. Values are encoded per column (dates, JSON, bigint) and null stays SQL NULL.
 */
export async function updateWhere<T extends PgTable>(
  ex: Executor,
  table: T,
  set: Record<string, unknown>,
  where: Record<string, unknown>,
  opts: { returning?: boolean } = {},
): Promise<T['$inferSelect'][]> {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  if (Object.values(set).some((v) => is(v, SQL))) {
    // An SQL expression in the set (rare, not on a hot path): Drizzle builds it as usual.
    const q = ex.update(table).set(set as never).where(and(...Object.keys(where).map((k) => eq(columns[k], where[k]))));
    return (opts.returning ? await q.returning() : (await q, [])) as T['$inferSelect'][];
  }
  const setKeys = Object.keys(set).filter((k) => set[k] !== undefined);
  const whereKeys = Object.keys(where);
  const key = `${setKeys.join(',')}|${whereKeys.join(',')}|${opts.returning ? 'r' : ''}`;
  const built = updates.get(table) ?? new Map<string, Run>();
  updates.set(table, built);
  let run = built.get(key);
  if (!run) {
    // Placeholders wrapped in sql`` reach the driver unencoded: the values are encoded here, null included.
    const ph = (name: string): SQL => sql`${sql.placeholder(name)}`;
    run = prepared(`update${++updateCount}`, (db) => {
      const q = db
        .update(table)
        .set(Object.fromEntries(setKeys.map((k) => [k, ph(`s_${k}`)])) as never)
        .where(and(...whereKeys.map((k) => eq(columns[k], ph(`w_${k}`)))));
      return (opts.returning ? q.returning() : q) as never;
    });
    built.set(key, run);
  }
  const values: Record<string, unknown> = {};
  for (const k of setKeys) values[`s_${k}`] = encode(columns[k], set[k]);
  for (const k of whereKeys) values[`w_${k}`] = encode(columns[k], where[k]);
  const out = await run(ex, values);
  return (opts.returning ? out : []) as T['$inferSelect'][];
}

/** How one table's rows are inserted: its quoted name and insertable columns, read once. */
interface InsertShape {
  target: string;
  columns: { key: string; name: string; column: PgColumn }[];
}
const shapes = new WeakMap<PgTable, InsertShape>();
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function shapeOf(table: PgTable): InsertShape {
  let s = shapes.get(table);
  if (!s) {
    const { schema, name } = getTableConfig(table);
    const columns = Object.entries(getTableColumns(table) as Record<string, PgColumn>)
      .filter(([, c]) => !c.generated || c.generated.type === 'byDefault') // what Drizzle's insert leaves out
      .map(([key, column]) => ({ key, name: quote(column.name), column }));
    s = { target: `${schema ? `${quote(schema)}.` : ''}${quote(name)}`, columns };
    shapes.set(table, s);
  }
  return s;
}

/** One multi-row INSERT: its text (parameters numbered from `params.length + 1`), its parameters appended. */
export function insertText(table: PgTable, rows: Record<string, unknown>[], params: unknown[], skipOn?: PgColumn): string {
  const { target, columns } = shapeOf(table);
  const tuples = rows.map((row) => {
    const values = columns.map(({ key, column }) => {
      const v = row[key];
      // A missing value takes the column's default, as Drizzle's insert does (no table here has a $defaultFn).
      if (v === undefined) return 'default';
      params.push(encode(column, v));
      return `$${params.length}`;
    });
    return `(${values.join(', ')})`;
  });
  const conflict = skipOn ? ` on conflict (${quote(skipOn.name)}) do nothing` : '';
  return `insert into ${target} (${columns.map((c) => c.name).join(', ')}) values ${tuples.join(', ')}${conflict}`;
}

/** One UPDATE of the rows whose columns equal `where`: its text (parameters numbered on from `params`), its parameters appended. */
export function updateText(table: PgTable, set: Record<string, unknown>, where: Record<string, unknown>, params: unknown[]): string {
  const { target } = shapeOf(table);
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const param = (key: string, value: unknown) => {
    params.push(encode(columns[key], value));
    return `${quote(columns[key].name)} = $${params.length}`;
  };
  const assignments = Object.keys(set).filter((k) => set[k] !== undefined).map((k) => param(k, set[k]));
  const conditions = Object.keys(where).map((k) => param(k, where[k]));
  return `update ${target} set ${assignments.join(', ')} where ${conditions.join(' and ')}`;
}

/*
 * A text that comes again is prepared by name (on PostgreSQL per connection, on PGlite per instance):
 * the IPN's batched statement (a dozen rows in six tables, 135 parameters) cost PostgreSQL more to
 * parse and plan, 0.8 ms, than to run. Texts repeat per code path (the rows a use case holds); the
 * names are bounded, and texts seen once or long ones (a bill run's thousands of rows) stay unnamed,
 * so no connection keeps one-off plans.
 */
const MAX_NAMED = 100;
const MAX_NAMED_CHARS = 16_000;
const named = new Map<string, string>();
const seenOnce = new Set<string>();

/** The statement name of `text` if it has come before and there is room, else undefined (an unnamed statement). */
export function textName(text: string): string | undefined {
  const name = named.get(text);
  if (name || text.length > MAX_NAMED_CHARS) return name;
  if (!seenOnce.has(text)) {
    if (seenOnce.size >= 1_000) seenOnce.clear();
    seenOnce.add(text);
    return undefined;
  }
  if (named.size >= MAX_NAMED) return undefined;
  seenOnce.delete(text);
  named.set(text, `qldv_text_${named.size}`);
  return named.get(text);
}

/** Runs SQL text with its parameters on the executor's connection (no result rows wanted). */
export async function runText(ex: Executor, text: string, params: unknown[]): Promise<void> {
  const client = clientOf(ex);
  const name = textName(text);
  if (!name) await client.query(text, params);
  else if (isPostgres(client)) await client.query({ name, text, values: params });
  else await byName(client, name).query(text, params);
}
