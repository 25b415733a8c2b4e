import { parse, protocol, type ParserOptions, type PGlite, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite';

/*
 * Named statements on PGlite. PGlite's `query()` sends each statement into its WebAssembly PostgreSQL
 * in six calls (Parse, Describe, Bind, Describe, Execute, Sync); PostgreSQL parses and plans it anew
 * and every result decodes its row description again. A statement that comes again (`prepared`, a
 * batch text named by `textName`) is parsed once per PGlite instance, its parameter types and row
 * description kept, and each run is one message (Bind, Execute, Sync). Values are serialized by those
 * types and rows parsed as `query()` does, under the same locks: the caller's transaction, or the
 * whole database outside one.
 */

type PGliteInternals = PGlite & {
  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T>;
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
};

/** The PGlite instance behind each of its transaction handles. */
const owners = new WeakMap<Transaction, PGlite>();
type BackendMessage = Awaited<ReturnType<PGlite['execProtocolStream']>>[number];
/** A statement parsed by name: its parameters' types, and the description of its rows (none for a statement without rows). */
interface Described {
  types: number[];
  rows: BackendMessage[];
}
/** Per instance, the statements parsed by name. */
const parsed = new WeakMap<PGlite, Map<string, Described>>();

/** Lets statements inside this instance's transactions run by name (records each transaction handle's instance). */
export function trackTransactions(db: PGlite): void {
  const transaction = db.transaction.bind(db);
  db.transaction = <T>(fn: (tx: Transaction) => Promise<T>) =>
    transaction((tx) => {
      owners.set(tx, db);
      return fn(tx);
    });
}

/** The PGlite instance a driver client (the instance, or one of its transaction handles) runs on, if it is one. */
function ownerOf(client: unknown): { db: PGliteInternals; inTransaction: boolean } | undefined {
  const owner = owners.get(client as Transaction);
  if (owner) return { db: owner as PGliteInternals, inTransaction: true };
  const db = client as Partial<PGliteInternals>;
  return typeof db._runExclusiveTransaction === 'function' && typeof db.execProtocolStream === 'function' ? { db: db as PGliteInternals, inTransaction: false } : undefined;
}

type Parsers = PGlite['parsers'];
/** The instance's value parsers with a caller's over them (Drizzle's keep instants as text), merged once per caller, not per result (318 entries). */
const merged = new WeakMap<PGlite, WeakMap<ParserOptions, Parsers>>();
function parsersFor(db: PGlite, over: ParserOptions | undefined): Parsers {
  if (!over) return db.parsers;
  let mine = merged.get(db);
  if (!mine) merged.set(db, (mine = new WeakMap()));
  let parsers = mine.get(over);
  if (!parsers) mine.set(over, (parsers = { ...db.parsers, ...over }));
  return parsers;
}

const message = (...parts: Uint8Array[]) => {
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
};

/**
 * Runs `text` as the named statement `name` on a PGlite client; undefined when the client is not
 * PGlite (the caller runs it its own way). A name must always stand for the same text.
 */
export async function runNamedOnPglite(client: unknown, name: string, text: string, params: unknown[], options?: QueryOptions): Promise<Results | undefined> {
  const owner = ownerOf(client);
  if (!owner) return undefined;
  const { db, inTransaction } = owner;
  const exclusive = <T>(fn: () => Promise<T>) => (inTransaction ? db._runExclusiveQuery(fn) : db._runExclusiveTransaction(() => db._runExclusiveQuery(fn)));
  const { serialize } = protocol;
  return exclusive(async () => {
    let statements = parsed.get(db);
    if (!statements) parsed.set(db, (statements = new Map()));
    let described = statements.get(name);
    if (!described) {
      const answer = await db.execProtocolStream(message(serialize.parse({ name, text }), serialize.describe({ type: 'S', name }), serialize.sync()), { syncToFs: false });
      described = { types: parse.parseDescribeStatementResults(answer), rows: answer.filter((m) => m.name === 'rowDescription') };
      statements.set(name, described);
    }
    const { types, rows } = described;
    const values = params.map((v, i) => (v === null || v === undefined ? null : (db.serializers[types[i]]?.(v) ?? String(v))));
    const messages = await db.execProtocolStream(message(serialize.bind({ statement: name, values }), serialize.execute({}), serialize.sync()), { syncToFs: false });
    if (!inTransaction) await db.syncToFs();
    // The rows' description, read once with the statement's, comes before its rows as a Describe would have put it.
    return parse.parseResults([...rows, ...messages], parsersFor(db, options?.parsers), { ...options, parsers: undefined })[0];
  });
}
