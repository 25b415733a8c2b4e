import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';

/**
 * The next value of a named counter, inside the caller's transaction: numbers are gapless when the
 * transaction commits and never reused, because the row stays locked until then.
 */
export async function nextCounter(tx: Executor, name: string): Promise<number> {
  const res = (await tx.execute(sql`
    insert into platform.counters (name, value) values (${name}, 1)
    on conflict (name) do update set value = platform.counters.value + 1
    returning value`)) as unknown as { rows: { value: number }[] };
  return Number(res.rows[0].value);
}

/** `HĐ-2026-000042` style numbers: a prefix, the year and a zero-padded counter per prefix and year. */
export async function nextDocumentNumber(tx: Executor, prefix: string, year: number, width = 6): Promise<string> {
  const n = await nextCounter(tx, `${prefix}-${year}`);
  return `${prefix}-${year}-${String(n).padStart(width, '0')}`;
}

/** `count` consecutive document numbers at once (a bill run numbers thousands of bills per transaction). */
export async function nextDocumentNumbers(tx: Executor, prefix: string, year: number, count: number, width = 6): Promise<string[]> {
  if (count === 0) return [];
  const res = (await tx.execute(sql`
    insert into platform.counters (name, value) values (${`${prefix}-${year}`}, ${count})
    on conflict (name) do update set value = platform.counters.value + ${count}
    returning value`)) as unknown as { rows: { value: number }[] };
  const last = Number(res.rows[0].value);
  return Array.from({ length: count }, (_, i) => `${prefix}-${year}-${String(last - count + 1 + i).padStart(width, '0')}`);
}
