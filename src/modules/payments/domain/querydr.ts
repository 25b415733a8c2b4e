/**
 * What a querydr answer (vnp_TransactionStatus) means for a pending attempt: 00 paid, 01 not finished
 * at VNPay yet, the other listed codes a final failure; no answer or an unknown code settles nothing.
 */
const FINAL_FAILURES = ['02', '04', '05', '06', '07', '09'];

export function querydrOutcome(answer: { ok: boolean; transactionStatus: string }): 'success' | 'failure' | 'pending' {
  if (!answer.ok) return 'pending';
  if (answer.transactionStatus === '00') return 'success';
  return FINAL_FAILURES.includes(answer.transactionStatus) ? 'failure' : 'pending';
}
