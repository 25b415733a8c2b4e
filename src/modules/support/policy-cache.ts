import type { Database, Executor } from '../../db/client.ts';
import { slaPolicies } from './db/schema.ts';
import type { RequestType } from './domain/levels.ts';
import { DEFAULT_SLA_POLICIES, type SlaPolicy, type SlaPolicyTable } from './domain/sla.ts';

export type PolicyCache = ReturnType<typeof createPolicyCache>;

/** The SLA policy table, read once and reloaded whenever any process changes it (platform/cache.ts). */
export function createPolicyCache(database: Database) {
  let table: SlaPolicyTable | undefined;
  const load = async (ex: Executor = database.db): Promise<void> => {
    const rows = await ex.select().from(slaPolicies);
    const next = { ...DEFAULT_SLA_POLICIES };
    for (const r of rows) next[r.requestType as RequestType] = r.policy as SlaPolicy;
    table = next;
  };
  return {
    load,
    /** `ex`: inside a transaction pass it — on PGlite (one connection) reading through the root client would wait for itself. */
    async get(ex: Executor = database.db): Promise<SlaPolicyTable> {
      if (!table) await load(ex);
      return table!;
    },
  };
}
