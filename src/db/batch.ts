import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './client.ts';
import { insertText, runText } from './prepared.ts';

/** One held insert: its table, its row and whether a clash on a unique column is skipped. */
interface Held {
  table: PgTable;
  row: Record<string, unknown>;
  skipOn?: PgColumn;
}

/** The inserts held for each open batch, by the transaction (or savepoint) object that holds them. */
const open = new WeakMap<Executor, Held[]>();

/**
 * Runs `fn` in the transaction `tx` with its write-only inserts held (audit entries, outbox messages,
 * jobs, tasks, the rows a use case creates and never reads back), then writes them all in ONE
 * statement before the transaction commits: one multi-row INSERT per table, the tables joined by
 * data-modifying WITH clauses. A hot transaction (the VNPay IPN, a self-service order) saves a
 * round trip per row. What `fn` reads in the transaction does not see the held rows: only inserts
 * of rows nothing reads back in the same transaction go through `insertLater`. A throw discards them
 * with the transaction. Without a batch open, `insertLater` writes at once.
 */
export async function batchWrites<T>(tx: Executor, fn: () => Promise<T>): Promise<T> {
  if (open.has(tx)) return fn();
  const held: Held[] = [];
  open.set(tx, held);
  try {
    const out = await fn();
    await writeHeld(tx, held.splice(0));
    return out;
  } finally {
    open.delete(tx);
  }
}

/**
 * A savepoint in `tx`: an AppError thrown inside rolls back only what `fn` did. Inserts held inside
 * join the enclosing batch when `fn` succeeds and are dropped with the savepoint when it throws.
 */
export function savepoint<T>(tx: Executor, fn: (sp: Executor) => Promise<T>): Promise<T> {
  const outer = open.get(tx);
  return tx.transaction(async (sp) => {
    if (!outer) return fn(sp);
    const mine: Held[] = [];
    open.set(sp, mine);
    try {
      const out = await fn(sp);
      outer.push(...mine);
      return out;
    } finally {
      open.delete(sp);
    }
  });
}

/**
 * Inserts a row now, or at the end of the open batch of `ex` (see `batchWrites`). `skipOn`: a row
 * clashing on that unique column is skipped (ON CONFLICT DO NOTHING), as an idempotent enqueue wants.
 */
export async function insertLater(ex: Executor, table: PgTable, row: Record<string, unknown>, opts: { skipOn?: PgColumn } = {}): Promise<void> {
  const held = open.get(ex);
  if (held) {
    held.push({ table, row, skipOn: opts.skipOn });
    return;
  }
  const params: unknown[] = [];
  await runText(ex, insertText(table, [row], params, opts.skipOn), params);
}

/** The held rows in one statement: a multi-row insert per (table, conflict rule), in the order first seen. */
async function writeHeld(ex: Executor, held: Held[]): Promise<void> {
  if (held.length === 0) return;
  const groups = new Map<string, { table: PgTable; skipOn?: PgColumn; rows: Record<string, unknown>[] }>();
  const names = new Map<PgTable, number>();
  for (const h of held) {
    if (!names.has(h.table)) names.set(h.table, names.size);
    const key = `${names.get(h.table)}:${h.skipOn ? h.skipOn.name : ''}`;
    const g = groups.get(key) ?? { table: h.table, skipOn: h.skipOn, rows: [] };
    g.rows.push(h.row);
    groups.set(key, g);
  }
  const params: unknown[] = [];
  const inserts = [...groups.values()].map((g) => insertText(g.table, g.rows, params, g.skipOn));
  // WITH w0 AS (INSERT …), w1 AS (INSERT …) INSERT …: PostgreSQL runs every part exactly once, as one statement.
  const last = inserts.pop()!;
  const text = inserts.length ? `with ${inserts.map((q, i) => `w${i} as (${q})`).join(', ')} ${last}` : last;
  await runText(ex, text, params);
}
