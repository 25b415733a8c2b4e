import { eq } from 'drizzle-orm';
import type { ProvisioningPort, ServiceAccount } from '../../contracts/index.ts';
import { accounts } from '../db/schema.ts';
import type { Deps } from '../deps.ts';

/**
 * The eKYC product's provisioning port (seed 002 §3a step 3, done by the system instead of an operator
 * typing an account): the contract's eKYC account is one row keyed by the job's idempotency key; the
 * customer then makes API keys on the contract and reaches the console page. Calls are allowed while
 * the contract is active (see authorizeApiKey).
 */
export function ekycProvisioning(d: Deps): ProvisioningPort {
  const accountOf = (contractNumber: string): ServiceAccount => ({ accountRef: `ekyc:${contractNumber}`, accessUrl: `${d.settings.publicBaseUrl}/ekyc` });
  return {
    async provision(req) {
      const account = accountOf(req.number);
      await d.database.db
        .insert(accounts)
        .values({ contractId: req.contractId, customerId: req.customerId, idempotencyKey: req.idempotencyKey, accountRef: account.accountRef, createdAt: d.clock.now() })
        .onConflictDoNothing();
      return account;
    },
    async lookup(idempotencyKey) {
      const [row] = await d.database.db.select().from(accounts).where(eq(accounts.idempotencyKey, idempotencyKey));
      return row ? { accountRef: row.accountRef, accessUrl: `${d.settings.publicBaseUrl}/ekyc` } : null;
    },
  };
}
