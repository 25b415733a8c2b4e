import { paymentError } from '../errors.ts';
import { newId } from '../../../platform/ids.ts';
import { insertLater } from '../../../db/batch.ts';
import { ipnLog } from '../db/schema.ts';
import type { Deps, PaymentLogger } from '../deps.ts';
import { listed } from '../../../platform/ip-list.ts';
import { decideIpn } from '../domain/ipn.ts';
import { ipnAnswerBody, type IpnAnswerBody } from '../../../protocols/vnpay/codes.ts';
import { parseCallback, verifySignature, type QueryInput } from '../../../protocols/vnpay/protocol.ts';
import { lockAttempt, settleAttempt, settleInTransaction } from './settle-attempt.ts';

/**
 * VNPay's server-to-server notification. Only this (or a querydr answer) changes a payment. Answers
 * in VNPay's order of checks; the attempt row is locked, so concurrent duplicates apply once. The
 * cheap checks come first (source address, signature): an unsigned flood touches no database.
 */
export async function handleIpn(d: Deps, query: QueryInput, ip: string, log: PaymentLogger): Promise<IpnAnswerBody> {
  if (d.ipnSources && !listed(d.ipnSources, ip)) {
    log.warn({ ip }, 'VNPay IPN refused: the source address is not on VNPAY_IPN_ALLOWED_IPS');
    throw paymentError('VNPAY_SOURCE_NOT_ALLOWED', { ip });
  }
  if (!verifySignature(query, d.settings.hashSecret)) {
    const txnRef = typeof query.vnp_TxnRef === 'string' ? query.vnp_TxnRef.slice(0, 100) : null;
    log.warn({ ip, txnRef }, 'VNPay IPN with a wrong or missing signature');
    return ipnAnswerBody('97');
  }
  const now = d.clock.now();
  let callback: ReturnType<typeof parseCallback> | null = null;
  try {
    callback = parseCallback(query);
  } catch (err) {
    log.warn({ ip, err: (err as Error).message }, 'VNPay IPN signed but malformed');
  }
  const ourTerminal = callback?.tmnCode === d.settings.tmnCode;
  if (callback && !ourTerminal) log.warn({ ip, tmnCode: callback.tmnCode }, 'VNPay IPN for a foreign terminal refused');
  const logEntry = (code: string) => ({ id: newId('ipn', now), receivedAt: now, txnRef: callback?.txnRef ?? null, query: JSON.parse(JSON.stringify(query)), rspCode: code, ip });
  let rspCode: string = '99';
  let logged = false;
  try {
    if (!callback || !ourTerminal) {
      rspCode = decideIpn({ signatureValid: true, attempt: null, callback: callback ? { amountVnd: callback.amountVnd, paid: callback.paid, ourTerminal } : null }).rspCode;
    } else {
      const cb = callback;
      // The attempt and its payment locked at once; the outcome's inserts, and the IPN's log line, in one statement at the end.
      rspCode = await settleInTransaction(d, async (tx, refused) => {
        const locked = await lockAttempt(tx, cb.txnRef);
        const decision = decideIpn({
          signatureValid: true,
          attempt: locked ? { amountVnd: locked.attempt.amountVnd, status: locked.attempt.status } : null,
          callback: { amountVnd: cb.amountVnd, paid: cb.paid, ourTerminal },
        });
        if (decision.apply && locked) await settleAttempt(d, tx, locked, cb, decision.apply, 'ipn', refused);
        await insertLater(tx, ipnLog, logEntry(decision.rspCode));
        return decision.rspCode;
      });
      logged = true;
    }
  } catch (err) {
    // VNPay retries, and reconciliation settles it if the retries run out; the cause is logged here.
    log.error({ err, ip, txnRef: callback?.txnRef }, 'VNPay IPN failed; answered 99');
    rspCode = '99';
  }
  if (!logged) {
    // Refused before any transaction, or the transaction failed (rolled back with its log line).
    try {
      await d.database.db.insert(ipnLog).values(logEntry(rspCode));
    } catch (err) {
      log.error({ err, txnRef: callback?.txnRef }, 'VNPay IPN could not be logged');
    }
  }
  return ipnAnswerBody(rspCode as Parameters<typeof ipnAnswerBody>[0]);
}
