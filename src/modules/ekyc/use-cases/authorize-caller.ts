import { systemCtx, type Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { EKYC_PRODUCT, type Deps } from '../deps.ts';
import { accessRefusal } from '../domain/access.ts';
import { ekycError } from '../errors.ts';

/** Who calls the metered API: the contract behind the API key (or behind the signed-in customer's test page). */
export interface Caller {
  contractId: string;
  customerId: string;
  apiKeyId: string | null;
  ctx: Ctx;
}

/**
 * The X-Api-Key's contract, if it may call eKYC now: an eKYC contract (provisioned automatically when
 * it becomes active) that is active. The contract's status is read fresh on every call, so a
 * suspension takes effect at once.
 */
export async function authorizeApiKey(d: Deps, apiKey: string | undefined, from: { requestId?: string; ip?: string }): Promise<Caller> {
  const holder = apiKey ? await d.usage.holderOf(apiKey) : null;
  if (!holder) throw ekycError('EKYC_API_KEY_INVALID');
  // Locked for debt by collection: the contract is suspended too, and says so.
  if (holder.locked) throw ekycError('EKYC_CONTRACT_SUSPENDED');
  const ctx = systemCtx(`api-key:${holder.keyId}`, from);
  return { ...(await ekycContract(d, holder.contractId)), apiKeyId: holder.keyId, ctx };
}

/** A signed-in customer's own eKYC contract (the console's test page), under the same rules. */
export async function authorizeCustomer(d: Deps, ctx: Ctx, contractId: string): Promise<Caller> {
  const c = await d.contracts.row(contractId);
  d.contracts.assertCanSee(ctx, c);
  // The test page is the customer's own: staff who see the contract do not verify on its account.
  if (ctx.actor.customerId !== c.customerId) throw fail('NOT_FOUND', { contract: contractId });
  return { ...(await ekycContract(d, contractId)), apiKeyId: null, ctx };
}

async function ekycContract(d: Deps, contractId: string) {
  const c = await d.contracts.row(contractId);
  const product = await d.catalog.product(c.productId);
  if (product.code !== EKYC_PRODUCT) throw ekycError('EKYC_NOT_ENABLED');
  const refusal = accessRefusal(c.status);
  if (refusal === 'EKYC_CONTRACT_NOT_ACTIVE') throw ekycError(refusal, { status: c.status });
  if (refusal) throw ekycError(refusal);
  return { contractId: c.id, customerId: c.customerId };
}
