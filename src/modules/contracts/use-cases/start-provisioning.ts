import type { Executor } from '../../../db/client.ts';
import type { Deps } from '../deps.ts';
import { askOpsToProvision, productOf } from '../notify.ts';
import { openTask } from '../persist.ts';
import type { ContractRow } from '../queries.ts';
import { PROVISION_ATTEMPTS, PROVISION_QUEUE, provisioningKey } from './run-provisioning.ts';

/**
 * C2 step 6, C4: the step is a task with a working-day deadline (what the customer is told to expect,
 * what ops sees overdue); a product with a provisioning port gets a job that calls it outside any
 * transaction, any other is ops' to do by hand.
 */
export async function startProvisioning(d: Deps, tx: Executor, c: ContractRow) {
  await openTask(d, tx, c, 'provision', null);
  const product = await productOf(d, tx, c);
  if (!d.ports.provisioning.has(product.code)) return askOpsToProvision(d, tx, c);
  const job = { queue: PROVISION_QUEUE, key: provisioningKey(c.id), payload: { contractId: c.id }, maxAttempts: PROVISION_ATTEMPTS };
  await d.jobs.enqueueLater(tx, job);
}
