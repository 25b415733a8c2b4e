import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import type { Config } from '../config.ts';
import { trackTransactions } from './pglite-named.ts';
import { copyStatement, driverClient, pgCopyFrom, pgliteCopyFrom, type CopyTarget } from './copy.ts';

/** The Drizzle API shared by both drivers. */
export type Db = PgDatabase<PgQueryResultHKT>;
/** A transaction handle; services take `Executor` so they run inside a caller's transaction too. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Rows of a raw SQL query, the same shape on both drivers. */
  rows<T = Record<string, unknown>>(query: SQL, ex?: Executor): Promise<T[]>;
  migrate(): Promise<void>;
  /**
   * Loads a CSV file (its first line a header, skipped) into `into`'s columns, within `ex` (a
   * transaction, for a temporary table): COPY FROM STDIN on PostgreSQL, COPY from a blob on PGlite.
   * The bytes go to the database as they are. Answers the rows loaded; a malformed line fails the COPY.
   */
  copyCsv(ex: Executor, into: CopyTarget, data: readonly Uint8Array[]): Promise<number>;
  /**
   * Calls `onNotify` on every NOTIFY on `channel` (from any process), and after a lost connection is
   * re-established, since notifications may have been missed meanwhile. Resolves to the unsubscribe.
   */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/**
 * The extensions PGlite loads with every data directory: pg_trgm serves the "contains" searches of
 * contract numbers and customer names (migration 0027), as on PostgreSQL.
 */
export const pgliteExtensions = { pg_trgm };

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export async function openDatabase(cfg: Config['database']): Promise<Database> {
  const rows = async <T,>(query: SQL, ex: Executor): Promise<T[]> => {
    const res = (await ex.execute(query)) as unknown as { rows: T[] };
    return res.rows;
  };

  if (cfg.kind === 'pglite') {
    const memory = cfg.dataDir.startsWith('memory://');
    if (!memory) mkdirSync(cfg.dataDir, { recursive: true });
    const client = await PGlite.create(memory ? cfg.dataDir : path.resolve(cfg.dataDir), { extensions: pgliteExtensions });
    trackTransactions(client);
    const db = drizzlePglite(client) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      rows: (q, ex = db) => rows(q, ex),
      // PGlite is one connection in one process: nothing else can migrate concurrently.
      migrate: () => migratePglite(drizzlePglite(client), { migrationsFolder }),
      copyCsv: (ex, into, data) => pgliteCopyFrom(driverClient(ex) as Parameters<typeof pgliteCopyFrom>[0], copyStatement(into, "'/dev/blob'"), data),
      listen: (channel, onNotify) => client.listen(channel, () => onNotify()),
      close: () => client.close(),
    };
  }

  const pool = new pg.Pool({ connectionString: cfg.url, max: cfg.poolSize ?? 10 });
  pool.on('error', () => {}); // idle-client errors surface on the next query instead of crashing
  // A client checked out (mid-transaction) when PostgreSQL goes away emits 'error' too; with no
  // listener that would end the process. Its pending query fails instead, and the pool drops it.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = drizzlePg(pool) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    rows: (q, ex = db) => rows(q, ex),
    async migrate() {
      // Several processes may boot at once: one migrates, the others wait on the lock.
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock(4242001)');
        await migratePg(drizzlePg(client), { migrationsFolder });
      } finally {
        await client.query('select pg_advisory_unlock(4242001)').catch(() => {});
        client.release();
      }
    },
    async copyCsv(ex, into, data) {
      const client = driverClient(ex);
      const statement = copyStatement(into, 'STDIN');
      if (!(client instanceof pg.Pool)) return pgCopyFrom(client as pg.PoolClient, statement, data);
      const own = await client.connect();
      try {
        return await pgCopyFrom(own, statement, data);
      } finally {
        own.release();
      }
    },
    listen: (channel, onNotify) => listenPg(cfg.url, channel, onNotify),
    close: () => pool.end(),
  };
}

/** LISTEN on a connection of its own (a pooled one would be handed to queries), reconnecting if it drops. */
async function listenPg(url: string, channel: string, onNotify: () => void): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    const c = new pg.Client({ connectionString: url, keepAlive: true });
    c.on('notification', (n) => n.channel === channel && onNotify());
    c.on('error', () => {}); // followed by 'end'
    c.on('end', () => {
      if (client === c && !stopped) reconnect(1000);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${c.escapeIdentifier(channel)}`);
    } catch (err) {
      await c.end().catch(() => {});
      throw err;
    }
    if (stopped) await c.end().catch(() => {});
    else client = c;
  };
  const reconnect = (delay: number) => {
    retry = setTimeout(() => {
      connect().then(onNotify, () => !stopped && reconnect(Math.min(delay * 2, 30_000)));
    }, delay);
    retry.unref();
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}

/** Serialises a critical section across processes for the rest of the transaction. */
export async function advisoryXactLock(tx: Executor, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
}
