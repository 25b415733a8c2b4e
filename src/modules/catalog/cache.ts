import type { Database } from '../../db/client.ts';
import { plans, priceVersions, products } from './db/schema.ts';

export type ProductRow = typeof products.$inferSelect;
export type PlanRow = typeof plans.$inferSelect;
export type VersionRow = typeof priceVersions.$inferSelect;

/** The catalog as one load saw it: products, plans and every dated price version (a few hundred rows at most). */
export interface CatalogSnapshot {
  products: ProductRow[];
  productById: Map<string, ProductRow>;
  productByCode: Map<string, ProductRow>;
  planById: Map<string, PlanRow>;
  /** Each plan's price versions, newest effective date first (then newest version). */
  versionsOf: Map<string, VersionRow[]>;
  plans: PlanRow[];
}

/**
 * Reads the whole sellable catalog. Every process keeps one in memory (orders, IPNs and quotes read
 * it on every request); migration 0028 bumps the `catalog` cache version on any change to these
 * tables, and `platform/cache.ts` reloads it in every process (LISTEN/NOTIFY, and a 30 s re-check).
 */
export async function loadCatalog(database: Database): Promise<CatalogSnapshot> {
  const db = database.db;
  const [prods, allPlans, versions] = await Promise.all([db.select().from(products), db.select().from(plans), db.select().from(priceVersions)]);
  prods.sort((a, b) => a.code.localeCompare(b.code));
  allPlans.sort((a, b) => a.code.localeCompare(b.code));
  const versionsOf = new Map<string, VersionRow[]>();
  for (const v of versions) versionsOf.set(v.planId, [...(versionsOf.get(v.planId) ?? []), v]);
  for (const list of versionsOf.values()) list.sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom) || b.version - a.version);
  return {
    products: prods,
    productById: new Map(prods.map((p) => [p.id, p])),
    productByCode: new Map(prods.map((p) => [p.code, p])),
    planById: new Map(allPlans.map((p) => [p.id, p])),
    versionsOf,
    plans: allPlans,
  };
}

/** The version of a plan in force on `date` (the latest whose effective date has come), from a snapshot. */
export function versionOn(s: CatalogSnapshot, planId: string, date: string): VersionRow | undefined {
  return s.versionsOf.get(planId)?.find((v) => v.effectiveFrom <= date);
}
