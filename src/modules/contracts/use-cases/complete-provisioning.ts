import type { Executor } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { Deps, ServiceAccount } from '../deps.ts';
import { awaitsAccount, nextStatus } from '../domain/lifecycle.ts';
import { notifyCustomer, notifyStaff, salesEmail } from '../notify.ts';
import { closeTasks, saveContract } from '../persist.ts';
import { lockContract, type ContractRow } from '../queries.ts';
import { activateContract } from './activate-contract.ts';
import { getContract } from './get-contract.ts';

/** Ops created the customer's account by hand (or finished what the port could not). */
export async function completeProvisioning(d: Deps, ctx: Ctx, id: string, account: ServiceAccount, note?: string) {
  await d.database.db.transaction(async (tx) => recordAccount(d, tx, ctx, await lockContract(tx, id), account, note));
  return getContract(d, ctx, id);
}

/**
 * The account exists: a declared contract becomes active (its term starts) and the signing unit gets
 * the credentials to pass on (C4); a self-service customer, already active, is told directly (C1).
 */
export async function recordAccount(d: Deps, tx: Executor, ctx: Ctx, c: ContractRow, account: ServiceAccount, note?: string) {
  if (!awaitsAccount(c)) nextStatus(c.status, 'provisioned'); // throws INVALID_TRANSITION
  await closeTasks(d, tx, ctx, c.id, ['provision']);
  const notes = note ? [c.note, note].filter(Boolean).join('\n') : c.note;
  const patch = { accountRef: account.accountRef, accessUrl: account.accessUrl ?? null, note: notes };
  const after = await saveContract(d, tx, ctx, c, patch, 'contract.provisioned');
  const link = account.accessUrl ? `Truy cập / link: ${account.accessUrl}` : '';
  const access = [`Tài khoản / account: ${account.accountRef}`, link].filter(Boolean).join('\n');
  if (after.status === 'provisioning') await activateContract(d, tx, ctx, after);
  else await notifyCustomer(d, tx, after, 'contract.customer_update', { event: 'access_ready', detail: access });
  const sales = after.channel === 'self_service' ? [] : await salesEmail(d, tx, after);
  if (sales.length) await notifyStaff(d, tx, after, 'credentials', sales, access);
}
