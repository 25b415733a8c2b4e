import { SYSTEM, type Deps, type ServiceAccount } from '../deps.ts';
import { awaitsAccount } from '../domain/lifecycle.ts';
import { askOpsToProvision } from '../notify.ts';
import { contractRow, lockContract } from '../queries.ts';
import { recordAccount } from './complete-provisioning.ts';

export const PROVISION_QUEUE = 'contracts.provision';
/** Tries of the provisioning job (backoff 30 s, 1, 2, 4, 8 min) before ops is asked to do it by hand. */
export const PROVISION_ATTEMPTS = 6;

/** The job's key and the port's idempotency key: contract id + step, the same on every retry. */
export const provisioningKey = (contractId: string) => `${contractId}:provision`;

/**
 * The provisioning job: a short read, the port called with no transaction open (after a failure,
 * first asked what the earlier try created), then the outcome recorded in a short transaction.
 * Failures retry with backoff; after the last one the open task is ops' to finish by hand.
 */
export async function runProvisioning(d: Deps, p: { contractId: string }, attempt: number) {
  const c = await contractRow(d, p.contractId);
  if (!awaitsAccount(c)) return; // ops finished it meanwhile, or the contract ended
  const product = await d.catalog.product(c.productId);
  const port = d.ports.provisioning.get(product.code);
  const key = provisioningKey(c.id);
  let outcome: ServiceAccount | 'manual' = 'manual';
  let failure = '';
  try {
    const earlier = attempt > 1 && port?.lookup ? await port.lookup(key) : null;
    const request = { idempotencyKey: key, contractId: c.id, number: c.number, customerId: c.customerId, quantity: c.quantity };
    if (port) outcome = earlier ?? (await port.provision(request));
  } catch (err) {
    if (attempt < PROVISION_ATTEMPTS) throw err;
    failure = `Tạo tự động thất bại sau ${attempt} lần: ${err instanceof Error ? err.message : String(err)}`;
  }
  await d.database.db.transaction(async (tx) => {
    const fresh = await lockContract(tx, c.id);
    if (!awaitsAccount(fresh)) return;
    if (outcome === 'manual') await askOpsToProvision(d, tx, fresh, failure);
    else await recordAccount(d, tx, SYSTEM, fresh, outcome);
  });
}
