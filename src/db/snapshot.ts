import { sql } from 'drizzle-orm';
import type { Database, Executor } from './client.ts';

const readOnly = { isolationLevel: 'repeatable read', accessMode: 'read only' } as const;

/**
 * Runs `fn` with up to `n` executors that all see the database as of one instant: on PostgreSQL, `n`
 * read-only REPEATABLE READ transactions, each on its own connection (so their statements run in
 * parallel), the first exporting its snapshot and the others adopting it (`SET TRANSACTION
 * SNAPSHOT`). `settings` are set locally in each (`set_config(…, true)`). PGlite is one connection:
 * `fn` gets the database itself, once; its statements take turns there anyway, and a transaction
 * held open for the whole read would stall every other query of the process meanwhile.
 */
export async function withSharedSnapshot<T>(
  database: Database,
  n: number,
  fn: (readers: Executor[]) => Promise<T>,
  settings: Record<string, string> = {},
): Promise<T> {
  if (database.kind === 'pglite' || n < 1) return fn([database.db]);
  const prepare = async (tx: Executor) => {
    const names = Object.keys(settings);
    if (names.length) await database.rows(sql`select ${sql.join(names.map((k) => sql`set_config(${k}, ${settings[k]}, true)`), sql`, `)}`, tx);
  };
  return database.db.transaction(async (first) => {
    const [{ id }] = await database.rows<{ id: string }>(sql`select pg_export_snapshot() as id`, first);
    if (!/^[0-9A-Fa-f-]+$/.test(id)) throw new Error(`unexpected snapshot id ${id}`);
    await prepare(first);
    const open = (readers: Executor[]): Promise<T> =>
      readers.length >= n
        ? fn(readers)
        : database.db.transaction(async (tx) => {
            // Must be the transaction's first statement: it sees exactly what `first` sees.
            await database.rows(sql.raw(`set transaction snapshot '${id}'`), tx);
            await prepare(tx);
            return open([...readers, tx]);
          }, readOnly);
    return open([first]);
  }, readOnly);
}

/** One connection's statements in turn: a driver client runs one statement at a time, and pg no longer wants them queued on it. */
export interface Lane {
  run<T>(statement: (ex: Executor) => Promise<T>): Promise<T>;
}

export function lane(ex: Executor): Lane {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run(statement) {
      const next = tail.then(() => statement(ex));
      tail = next.catch(() => {});
      return next;
    },
  };
}
