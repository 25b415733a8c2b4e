import { eq } from 'drizzle-orm';
import { attempts } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { paymentById } from '../queries.ts';
import { describePaymentResponse } from '../../../protocols/vnpay/codes.ts';
import { verifySignature, type QueryInput } from '../../../protocols/vnpay/protocol.ts';

/** The browser's return page: shows the result we hold (the return itself changes nothing). */
export async function showReturnStatus(d: Deps, query: QueryInput) {
  const valid = verifySignature(query, d.settings.hashSecret) && query.vnp_TmnCode === d.settings.tmnCode;
  const txnRef = typeof query.vnp_TxnRef === 'string' ? query.vnp_TxnRef : null;
  const [attempt] = valid && txnRef ? await d.database.db.select().from(attempts).where(eq(attempts.txnRef, txnRef)) : [];
  if (!attempt) return { valid, found: false as const, message: valid ? 'Không tìm thấy giao dịch' : 'Chữ ký không hợp lệ' };
  const p = await paymentById(d, attempt.paymentId);
  const code = typeof query.vnp_ResponseCode === 'string' ? query.vnp_ResponseCode : '';
  return {
    valid,
    found: true as const,
    txnRef: attempt.txnRef,
    attemptStatus: attempt.status,
    paymentStatus: p.status,
    contractId: p.contractId,
    amountVnd: p.amountVnd,
    responseCode: code,
    message: describePaymentResponse(code),
  };
}
