import type { AttemptRow, PaymentRow } from '../queries.ts';
import { eq, sql } from 'drizzle-orm';
import { prepared } from '../../../db/prepared.ts';
import { batchWrites, updateLater } from '../../../db/batch.ts';
import type { Executor } from '../../../db/client.ts';
import { isAppError } from '../../../platform/errors.ts';
import { transition } from '../../../platform/state-machine.ts';
import { attempts, payments } from '../db/schema.ts';
import { billsOf, purposeOf, SYSTEM, type Deps } from '../deps.ts';
import { ATTEMPT_MACHINE, PAYMENT_MACHINE, awaitsMoney } from '../domain/payment-lifecycle.ts';
import { describePaymentResponse } from '../../../protocols/vnpay/codes.ts';


/** What VNPay said of an attempt (an IPN's callback or a querydr answer). */
export interface AttemptOutcome {
  responseCode: string;
  transactionStatus: string;
  transactionNo: string;
  bankCode: string;
  payDate: Date | null;
}

/** An attempt and its payment, both row-locked for the rest of the transaction. */
export interface LockedAttempt {
  attempt: AttemptRow;
  payment: PaymentRow;
}

/**
 * Locks an attempt and its payment in one statement (the IPN's and querydr's first read); undefined
 * when VNPay names an attempt we never started.
 */
export async function lockAttempt(tx: Executor, txnRef: string): Promise<LockedAttempt | undefined> {
  const [row] = await attemptForUpdate(tx, { txnRef });
  return row;
}

const attemptForUpdate = prepared('payments.attemptForUpdate', (tx) =>
  tx
    .select({ attempt: attempts, payment: payments })
    .from(attempts)
    .innerJoin(payments, eq(payments.id, attempts.paymentId))
    .where(eq(attempts.txnRef, sql.placeholder('txnRef')))
    .for('update'),
);

/** The contract, bill or purpose refused the payment (an AppError): the settlement is redone with the refusal recorded. */
class ApplicationRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/**
 * Runs a settlement in a transaction with its writes batched. Applying a payment is refused rarely
 * (the contract was cancelled meanwhile, the amount no longer owed): then the whole transaction is
 * redone with the refusal passed to `settle` (`refused`), which records it on the payment instead of
 * applying. The common path so needs no savepoint around the application (two statements fewer).
 */
export async function settleInTransaction<T>(d: Deps, settle: (tx: Executor, refused?: string) => Promise<T>): Promise<T> {
  const run = (refused?: string) => d.database.db.transaction((tx) => batchWrites(tx, () => settle(tx, refused)));
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof ApplicationRefused)) throw err;
    return run(err.reason);
  }
}

/**
 * Records the outcome of a pending attempt (locked with its payment by the caller); a success pays
 * the payment and moves the contract on, in the same transaction (run it in `settleInTransaction`,
 * and pass on its `refused`).
 */
export async function settleAttempt(
  d: Deps,
  tx: Executor,
  { attempt, payment: p }: LockedAttempt,
  cb: AttemptOutcome,
  outcome: 'success' | 'failure',
  by: 'ipn' | 'querydr',
  refused?: string,
) {
  const now = d.clock.now();
  const status = transition(ATTEMPT_MACHINE, attempt.status, outcome === 'success' ? 'succeed' : 'fail');
  const { responseCode, transactionStatus, transactionNo, bankCode, payDate } = cb;
  // The attempt and its payment are locked since `lockAttempt` and not read again: both updates join the batch's last statement.
  const outcomeFields = { status, responseCode, transactionStatus, transactionNo, bankCode, payDate, settledBy: by, settledAt: now };
  await updateLater(tx, attempts, outcomeFields, { txnRef: attempt.txnRef });
  await d.audit.record(tx, SYSTEM, {
    action: outcome === 'success' ? 'payment.attempt_succeeded' : 'payment.attempt_failed',
    entityType: 'payment',
    entityId: attempt.paymentId,
    before: { txnRef: attempt.txnRef, status: attempt.status },
    after: { txnRef: attempt.txnRef, responseCode, message: describePaymentResponse(responseCode), transactionNo, by },
  });
  if (outcome !== 'success') {
    if (p.purpose && p.purposeRef) await purposeOf(d, p.purpose).failedIn(tx, SYSTEM, p.purposeRef, { paymentId: p.id, responseCode });
    return;
  }
  if (!awaitsMoney(p.status)) {
    // A second successful attempt for a paid payment: money came twice; an admin refunds one.
    const twice = { applyError: `second successful attempt ${attempt.txnRef}: refund it`, updatedAt: now };
    await tx.update(payments).set(twice).where(eq(payments.id, p.id));
    return;
  }
  const paidAt = payDate ?? now;
  // The money is the attempt's. A bill's link payment may ask for less by now (a part came by transfer
  // after the attempt started): the bill takes what it still owes, and the excess is flagged for a refund.
  const amountVnd = attempt.amountVnd;
  const appliedVnd = p.billId && amountVnd > p.amountVnd ? p.amountVnd : amountVnd;
  let applyError: string | null = appliedVnd < amountVnd ? `${amountVnd - appliedVnd} VND above what the bill owed: refund it` : null;
  if (refused) applyError = refused; // the money is ours to return: recorded, shown to admins
  else {
    try {
      const payment = { paymentRef: attempt.txnRef, amountVnd, paidAt, amendmentId: p.amendmentId ?? undefined };
      if (p.purpose && p.purposeRef) {
        const paid = { paymentId: p.id, amountVnd: p.amountVnd, paidAt, bankCode, txnRef: attempt.txnRef };
        await purposeOf(d, p.purpose).paidIn(tx, SYSTEM, p.purposeRef, paid);
      } else if (p.billId) await billsOf(d).paidIn(tx, SYSTEM, p.billId, { paymentId: p.id, amountVnd: appliedVnd, paidAt });
      else await d.contracts.confirmPaymentIn(tx, SYSTEM, p.contractId, payment);
    } catch (err) {
      if (isAppError(err)) throw new ApplicationRefused(`${err.code}: ${err.message}`);
      throw err;
    }
  }
  const paid = transition(PAYMENT_MACHINE, p.status, 'pay');
  const patch = { status: paid, paidTxnRef: attempt.txnRef, paidAt, applyError, amountVnd, updatedAt: now, version: p.version + 1 };
  await updateLater(tx, payments, patch, { id: p.id, version: p.version });
  await d.audit.record(tx, SYSTEM, {
    action: 'payment.paid',
    entityType: 'payment',
    entityId: p.id,
    before: { status: p.status },
    after: { status: paid, txnRef: attempt.txnRef, amountVnd, applyError },
  });
}
