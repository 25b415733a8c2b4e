import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './client.ts';
import { insertText, runText, updateText, updateWhere } from './prepared.ts';

/** One held write: an insert (its row, and whether a clash on a unique column is skipped) or an update of rows matching `where`. */
type Held =
  | { table: PgTable; row: Record<string, unknown>; skipOn?: PgColumn; where?: undefined }
  | { table: PgTable; row: Record<string, unknown>; where: Record<string, unknown> };

/** The writes held for each open batch, by the transaction object that holds them. */
const open = new WeakMap<Executor, Held[]>();

/**
 * Runs `fn` in the transaction `tx` with its write-only inserts held (audit entries, outbox messages,
 * jobs, tasks, the rows a use case creates and never reads back), then writes them all in ONE
 * statement before the transaction commits: one multi-row INSERT per table, the tables joined by
 * data-modifying WITH clauses. A hot transaction (the VNPay IPN, a self-service order) saves a
 * round trip per row. What `fn` reads in the transaction does not see the held rows: only inserts
 * of rows nothing reads back in the same transaction go through `insertLater`, and only updates of
 * rows the transaction has locked and reads no more through `updateLater`. A throw discards them
 * with the transaction. Without a batch open, both write at once.
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

/**
 * Updates the rows matching `where` now, or at the end of the open batch of `ex`, in the batch's one
 * statement. For rows the transaction has locked (so the update cannot miss or race) and does not
 * read again; two held updates of the same row become one (the later values win), since the parts of
 * one statement all see the same snapshot.
 */
export async function updateLater(ex: Executor, table: PgTable, set: Record<string, unknown>, where: Record<string, unknown>): Promise<void> {
  const held = open.get(ex);
  if (!held) {
    await updateWhere(ex, table, set, where);
    return;
  }
  const same = held.find((h) => h.table === table && h.where && sameValues(h.where, where));
  if (same) Object.assign(same.row, set);
  else held.push({ table, row: { ...set }, where });
}

const sameValues = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  Object.keys(a).length === Object.keys(b).length && Object.keys(a).every((k) => a[k] === b[k]);

/** The held writes in one statement: the updates, then a multi-row insert per (table, conflict rule) in the order first seen. */
async function writeHeld(ex: Executor, held: Held[]): Promise<void> {
  if (held.length === 0) return;
  const params: unknown[] = [];
  const updates = held.flatMap((h) => (h.where ? [updateText(h.table, h.row, h.where, params)] : []));
  const groups = new Map<string, { table: PgTable; skipOn?: PgColumn; rows: Record<string, unknown>[] }>();
  const names = new Map<PgTable, number>();
  for (const h of held) {
    if (h.where) continue;
    if (!names.has(h.table)) names.set(h.table, names.size);
    const key = `${names.get(h.table)}:${h.skipOn ? h.skipOn.name : ''}`;
    const g = groups.get(key) ?? { table: h.table, skipOn: h.skipOn, rows: [] };
    g.rows.push(h.row);
    groups.set(key, g);
  }
  const parts = [...updates, ...[...groups.values()].map((g) => insertText(g.table, g.rows, params, g.skipOn))];
  // WITH w0 AS (UPDATE …), w1 AS (INSERT …) INSERT …: PostgreSQL runs every part exactly once, as one statement.
  const last = parts.pop()!;
  const text = parts.length ? `with ${parts.map((q, i) => `w${i} as (${q})`).join(', ')} ${last}` : last;
  await runText(ex, text, params);
}
