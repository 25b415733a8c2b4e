import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { NO_APPENDIX, appendixIs, contractsError } from '../errors.ts';
import type { VatRate } from '../../catalog/index.ts';
import { amendments } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { nextStatus } from '../domain/lifecycle.ts';
import { appendixPayable } from '../domain/settlement.ts';
import { notifyCustomer, notifyStaff, staffToTell } from '../notify.ts';
import { openTask, saveContract, saveContractSteps } from '../persist.ts';
import { lockContract, type ContractRow } from '../queries.ts';
import { activationPatch, afterActivation } from './activate-contract.ts';
import { getContract, type ContractDetail } from './get-contract.ts';
import { requestApprovals } from './request-approvals.ts';
import { startProvisioning } from './start-provisioning.ts';

export interface PaymentConfirmation {
  paymentRef: string;
  amountVnd: bigint;
  paidAt: Date;
  amendmentId?: string;
}

/**
 * Called by a confirmed payment (VNPay IPN, reconciliation, or an accountant recording a transfer).
 * Idempotent on the payment reference; the amount must be exactly what is owed.
 */
export async function confirmPayment(
  d: Deps,
  ctx: Ctx,
  contractId: string,
  p: PaymentConfirmation,
): Promise<{ applied: boolean; contract: ContractDetail }> {
  const applied = await d.database.db.transaction((tx) => confirmPaymentIn(d, tx, ctx, contractId, p));
  return { applied, contract: await getContract(d, ctx, contractId, { skipAccess: true }) };
}

/** The same, inside the caller's transaction (the payments module applies a VNPay IPN this way). C1 step 3, C2 steps 3–4. */
export async function confirmPaymentIn(d: Deps, tx: Executor, ctx: Ctx, contractId: string, p: PaymentConfirmation): Promise<boolean> {
  const c = await lockContract(tx, contractId);
  if (p.amendmentId) return confirmAmendmentPayment(d, tx, ctx, c, p);
  if (c.paymentRef === p.paymentRef) return false; // the same payment again: already applied
  if (c.status !== 'awaiting_payment') {
    throw fail('INVALID_TRANSITION', { from: c.status, event: 'pay' }, { vi: `hợp đồng đang ở trạng thái ${c.status}, không chờ thanh toán`, en: `contract is ${c.status}, not awaiting payment` });
  }
  if (p.amountVnd !== c.totalVnd) throw contractsError('PAYMENT_MISMATCH', { expectedVnd: c.totalVnd.toString(), gotVnd: p.amountVnd.toString() });
  const selfService = c.channel === 'self_service';
  const status = nextStatus(c.status, selfService ? 'pay_self_service' : 'pay');
  const paid = { status, paidAt: p.paidAt, paymentRef: p.paymentRef };
  if (selfService) {
    // C1: usable at once in principle; the account follows (the contract shows when it is expected).
    // Paid and activated in one update (two audit entries, as two saves would write).
    const steps = [
      { patch: paid, action: 'contract.paid' },
      { patch: activationPatch(d, { ...c, ...paid }), action: 'contract.activated' },
    ];
    const [afterPaid, active] = await saveContractSteps(d, tx, ctx, c, steps);
    await notifyCustomer(d, tx, afterPaid, 'contract.payment_received', { paymentRef: p.paymentRef });
    await afterActivation(d, tx, active);
    await startProvisioning(d, tx, active);
    return true;
  }
  const after = await saveContract(d, tx, ctx, c, paid, 'contract.paid');
  await notifyCustomer(d, tx, after, 'contract.payment_received', { paymentRef: p.paymentRef });
  // C2 step 4: AM/KAM/agent, admin and the invoice officer learn of the payment.
  await notifyStaff(d, tx, after, 'paid', await staffToTell(d, tx, after, 'paid'));
  await requestApprovals(d, tx, after);
  return true;
}

/** An appendix paid: ops configures the change next (C6). */
async function confirmAmendmentPayment(d: Deps, tx: Executor, ctx: Ctx, c: ContractRow, p: PaymentConfirmation): Promise<boolean> {
  const [a] = await tx
    .select()
    .from(amendments)
    .where(and(eq(amendments.id, p.amendmentId!), eq(amendments.contractId, c.id)))
    .for('update');
  if (!a) throw fail('NOT_FOUND', { amendment: p.amendmentId }, NO_APPENDIX);
  if (a.paymentRef === p.paymentRef) return false;
  if (a.status !== 'awaiting_payment') {
    throw fail('INVALID_TRANSITION', { from: a.status, event: 'pay' }, appendixIs(a.status));
  }
  const payable = appendixPayable(a.netVnd, c.vatRate as VatRate);
  if (p.amountVnd !== payable) throw contractsError('PAYMENT_MISMATCH', { expectedVnd: payable.toString(), gotVnd: p.amountVnd.toString() });
  await tx.update(amendments).set({ status: 'configuring', paymentRef: p.paymentRef }).where(eq(amendments.id, a.id));
  await d.audit.record(tx, ctx, {
    action: 'contract.amendment_paid',
    entityType: 'contract',
    entityId: c.id,
    before: { amendment: a.id, status: a.status },
    after: { amendment: a.id, status: 'configuring', paymentRef: p.paymentRef, amountVnd: p.amountVnd },
  });
  await openTask(d, tx, c, 'configure_amendment', null, { amendmentId: a.id });
  return true;
}
