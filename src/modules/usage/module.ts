/** The usage module as one object (see index.ts). */
import type { Executor } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import type { UsageBatch } from './contract.ts';
import type { Deps, UsageModuleDeps } from './deps.ts';
import { closePeriod, quantitiesOf, usageOfPeriod } from './queries.ts';
import { ingestEvents, ingestForContract, resolveKey } from './use-cases/ingest-events.ts';
import { isServiceLocked, lockService, unlockService } from './use-cases/lock-service.ts';
import { createApiKey, listApiKeys, revokeApiKey } from './use-cases/manage-api-keys.ts';

/** Usage metering (SPEC I2): API keys per contract, event ingestion, monthly quantities per metric. */
export function createUsage(deps: UsageModuleDeps) {
  const d: Deps = { ...deps, keyCache: new Map() };
  return {
    createKey: (ctx: Ctx, contractId: string, name: string) => createApiKey(d, ctx, contractId, name),
    listKeys: (ctx: Ctx, contractId: string) => listApiKeys(d, ctx, contractId),
    revokeKey: (ctx: Ctx, contractId: string, keyId: string) => revokeApiKey(d, ctx, contractId, keyId),
    ingest: (apiKey: string | undefined, batch: UsageBatch) => ingestEvents(d, apiKey, batch),
    // For product modules that meter their own API (eKYC): who holds a key, and their calls as events.
    holderOf: (apiKey: string) => resolveKey(d, apiKey),
    ingestFor: (contractId: string, batch: UsageBatch) => ingestForContract(d, contractId, batch),
    // For billing.
    quantitiesOf: (contractIds: string[], period: string, ex?: Executor) => quantitiesOf(d, contractIds, period, ex),
    closePeriod: (tx: Executor, contractIds: string[], period: string) => closePeriod(d, tx, contractIds, period),
    usageOfPeriod: (contractId: string, period: string) => usageOfPeriod(d, contractId, period),
    // For collection: a service locked for debt refuses its API keys.
    lockService: (tx: Executor, ctx: Ctx, contractId: string, reason: string) => lockService(d, tx, ctx, contractId, reason),
    unlockService: (tx: Executor, ctx: Ctx, contractId: string) => unlockService(d, tx, ctx, contractId),
    isServiceLocked: (contractId: string, ex?: Executor) => isServiceLocked(d, contractId, ex),
  };
}

export type UsageService = ReturnType<typeof createUsage>;
