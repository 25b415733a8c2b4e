import { asc } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import type { Actor } from '../../platform/context.ts';
import { orgUnits } from './db/schema.ts';
import { scopeRootPath, withinScope } from './domain/roles.ts';

export type OrgUnitRow = typeof orgUnits.$inferSelect;

/** The org tree held in memory (it changes rarely; `platform/cache.ts` reloads it when any process changes it). */
export class OrgUnits {
  private units = new Map<string, OrgUnitRow>();

  constructor(private readonly database: Database) {}

  async load(): Promise<void> {
    const rows = await this.database.db.select().from(orgUnits).orderBy(asc(orgUnits.path));
    this.units = new Map(rows.map((u) => [u.id, u]));
  }

  list(): OrgUnitRow[] {
    return [...this.units.values()];
  }

  byCode(code: string): OrgUnitRow | undefined {
    return this.list().find((u) => u.code === code);
  }

  get(id: string): OrgUnitRow | undefined {
    return this.units.get(id);
  }

  /** The path prefix that bounds what `actor` may see (their regional company, center or agent). */
  scopePathOf(actor: Actor): string | null {
    const unit = actor.orgUnitId ? this.units.get(actor.orgUnitId) : undefined;
    return unit ? scopeRootPath(unit, (id) => this.units.get(id)) : null;
  }

  /** Ids of the units `actor` reaches; null when their roles reach every unit. */
  unitIdsInScope(actor: Actor): string[] | null {
    const scope = this.scopePathOf(actor);
    if (withinScope(actor, scope, '/')) return null;
    return scope ? this.list().filter((u) => u.path.startsWith(scope)).map((u) => u.id) : [];
  }
}
