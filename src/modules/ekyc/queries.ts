import { and, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.ts';
import type { Kind, Outcome, RequestLogItem } from './contract.ts';
import { images, requests } from './db/schema.ts';
import type { Deps } from './deps.ts';

/** The contract, if the caller sees it (the customer's own users, staff in scope). */
export async function visibleContract(d: Deps, ctx: Ctx, contractId: string) {
  const c = await d.contracts.row(contractId);
  d.contracts.assertCanSee(ctx, c);
  return c;
}

/** `YYYY-MM-DD` (Hà Nội) → the instant the day starts. */
export const dayStart = (date: string): Date => new Date(`${date}T00:00:00+07:00`);

export interface LogFilter {
  contractId: string;
  from?: string;
  to?: string;
  outcome?: Outcome;
  kind?: Kind;
}

export function logWhere(f: LogFilter): SQL | undefined {
  const next = (date: string) => new Date(dayStart(date).getTime() + 86_400_000);
  return and(
    eq(requests.contractId, f.contractId),
    f.from ? gte(requests.createdAt, dayStart(f.from)) : undefined,
    f.to ? lt(requests.createdAt, next(f.to)) : undefined,
    f.outcome ? eq(requests.outcome, f.outcome) : undefined,
    f.kind ? eq(requests.kind, f.kind) : undefined,
  );
}

/** Log rows with their images (ids and parts only: reading an image is its own audited call). */
export async function logItems(d: Deps, where: SQL | undefined, limit: number, offset: number): Promise<RequestLogItem[]> {
  const rows = await d.database.db.select().from(requests).where(where).orderBy(desc(requests.createdAt), desc(requests.id)).limit(limit).offset(offset);
  const ids = rows.map((r) => r.id);
  const imgs = ids.length
    ? await d.database.db.select({ id: images.id, requestRowId: images.requestRowId, part: images.part, erasedAt: images.erasedAt }).from(images).where(inArray(images.requestRowId, ids))
    : [];
  return rows.map((r) => ({
    id: r.id,
    requestId: r.requestId,
    kind: r.kind as Kind,
    outcome: r.outcome as Outcome,
    reasons: r.reasons,
    durationMs: r.durationMs,
    createdAt: r.createdAt,
    erasedAt: r.erasedAt,
    images: imgs.filter((i) => i.requestRowId === r.id).map((i) => ({ id: i.id, part: i.part, erased: i.erasedAt !== null })),
  }));
}

export async function countLog(d: Deps, where: SQL | undefined): Promise<number> {
  const [r] = await d.database.db.select({ n: sql<number>`count(*)::int` }).from(requests).where(where);
  return Number(r.n);
}
