import { eq } from 'drizzle-orm';
import { fail } from '../../../platform/errors.ts';
import { contractsError } from '../../contracts/index.ts';
import { attempts } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { attemptOpen, type AttemptStatus } from '../domain/payment-lifecycle.ts';
import { querydrOutcome } from '../domain/querydr.ts';
import { lockAttempt, settleAttempt, settleInTransaction } from './settle-attempt.ts';

/**
 * Asks VNPay (querydr, outside any transaction) about a pending attempt and settles it like an IPN
 * would, under the attempt's row lock: a lost IPN is recovered.
 */
export async function settleByQuery(d: Deps, txnRef: string): Promise<AttemptStatus> {
  const [a] = await d.database.db.select().from(attempts).where(eq(attempts.txnRef, txnRef));
  if (!a) throw fail('NOT_FOUND', { txnRef });
  if (!attemptOpen(a.status)) return a.status;
  const query = { txnRef, transactionDate: a.createdAt, orderInfo: `Truy van ${txnRef}`, ipAddr: d.settings.serverIp, now: d.clock.now() };
  const r = await d.vnpay.querydr(query);
  const outcome = querydrOutcome(r);
  if (outcome === 'pending') return 'pending';
  return settleInTransaction(d, async (tx, refused) => {
    const locked = (await lockAttempt(tx, txnRef))!;
    const { attempt } = locked;
    if (!attemptOpen(attempt.status)) return attempt.status;
    if (r.amountVnd !== null && r.amountVnd !== attempt.amountVnd) {
      throw contractsError('PAYMENT_MISMATCH', { expectedVnd: attempt.amountVnd.toString(), gotVnd: r.amountVnd.toString() });
    }
    const paid = outcome === 'success';
    const { transactionStatus, transactionNo, bankCode, payDate } = r;
    const answer = { responseCode: paid ? '00' : transactionStatus, transactionStatus, transactionNo, bankCode, payDate };
    await settleAttempt(d, tx, locked, answer, outcome, 'querydr', refused);
    return paid ? 'success' : 'failed';
  });
}
