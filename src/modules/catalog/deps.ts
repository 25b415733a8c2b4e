import type { Database, Executor } from '../../db/client.ts';
import { toLocalDate } from '../../platform/calendar.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Ctx } from '../../platform/context.ts';
import type { AuditLog } from '../audit/index.ts';

/** What the catalog's use cases work with. */
export interface CatalogDeps {
  database: Database;
  clock: Clock;
  audit: AuditLog;
  /** Customers live in their own module: names for quote lists; a quote's customer must be within the caller's scope. */
  customers: { namesOf(ids: string[]): Promise<Map<string, string>>; visibleRow(ctx: Ctx, id: string, ex?: Executor): Promise<unknown> };
  /** The org units the caller reaches (null: all); a quote belongs to the unit that drafted it. */
  unitIdsInScope: (ctx: Ctx) => string[] | null;
}

/** Today's business date (Asia/Ho_Chi_Minh). */
export const today = (d: CatalogDeps): string => toLocalDate(d.clock.now());
