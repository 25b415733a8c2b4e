import { QUERYDR_RESPONSE_CODES, REFUND_RESPONSE_CODES } from '../../protocols/vnpay/codes.ts';
import {
  QUERYDR_REQUEST_FIELDS,
  QUERYDR_RESPONSE_FIELDS,
  REFUND_REQUEST_FIELDS,
  REFUND_RESPONSE_FIELDS,
  VNP_VERSION,
  formatVnpDate,
  fromVnpAmount,
  isVnpDate,
  signFields,
  verifyFields,
} from '../../protocols/vnpay/protocol.ts';
import { newId, str, type AnyFastify, type SimConfig, type SimRefund, type Store, type Tx } from './store.ts';

/** VNPay's merchant JSON API (`…/merchant_webapi/api/transaction`): querydr and refund, signed both ways. */

export type RefundFault = 'lose_answer' | { refuse: string };
export type MerchantApi = ReturnType<typeof createMerchantApi>;

/** A refund executed whose answer is then lost (fault injection). */
const LOST = Object.freeze({}) as Record<string, string>;

export function createMerchantApi(cfg: SimConfig, store: Store) {
  const { log } = cfg;
  let refundFault: RefundFault | null = null;

  function answer(command: string, fields: Record<string, string>, responseFields: readonly string[]): Record<string, string> {
    const body: Record<string, string> = { vnp_ResponseId: newId(), vnp_Command: command, vnp_TmnCode: cfg.tmnCode, ...fields };
    body.vnp_SecureHash = signFields(body, responseFields, cfg.secret);
    return body;
  }

  function refusal(command: string, code: string, txnRef: unknown, tmnCode?: unknown): Record<string, string> {
    const refund = command === 'refund';
    const table: Record<string, { en: string }> = refund ? REFUND_RESPONSE_CODES : QUERYDR_RESPONSE_CODES;
    // A 02 (unknown terminal) echoes the caller's TmnCode; it is still signed with our only secret.
    const echo: Record<string, string> = code === '02' && typeof tmnCode === 'string' ? { vnp_TmnCode: tmnCode } : {};
    const fields = { vnp_ResponseCode: code, vnp_Message: table[code]?.en ?? 'Error', vnp_TxnRef: str(txnRef), ...echo };
    return answer(command, fields, refund ? REFUND_RESPONSE_FIELDS : QUERYDR_RESPONSE_FIELDS);
  }

  /**
   * Common checks of a querydr/refund body: 03 malformed, 02 terminal, 97 checksum, 94 duplicate id
   * (except for `repeatable` requests: a refund repeats its id on purpose, see `refund`).
   */
  function check(b: Record<string, unknown>, fields: readonly string[], optional: readonly string[], repeatable = false): string | null {
    for (const k of [...fields, 'vnp_SecureHash']) {
      if (optional.includes(k)) {
        if (b[k] !== undefined && typeof b[k] !== 'string') return '03';
      } else if (typeof b[k] !== 'string' || b[k] === '') return '03';
    }
    if (b.vnp_Version !== VNP_VERSION) return '03';
    if (!/^[A-Za-z0-9]{1,32}$/.test(str(b.vnp_RequestId))) return '03';
    if (!isVnpDate(b.vnp_TransactionDate) || !isVnpDate(b.vnp_CreateDate)) return '03';
    if (b.vnp_TmnCode !== cfg.tmnCode) return '02';
    if (!verifyFields(b, fields, cfg.secret)) return '97';
    if (store.requestIds.has(str(b.vnp_RequestId)) && !repeatable) return '94';
    store.requestIds.add(str(b.vnp_RequestId));
    return null;
  }

  const findTx = (b: Record<string, unknown>) => store.find(str(b.vnp_TxnRef), str(b.vnp_TransactionDate), str(b.vnp_TransactionNo));

  function querydr(b: Record<string, unknown>): Record<string, string> {
    const refused = check(b, QUERYDR_REQUEST_FIELDS, []);
    if (refused) return refusal('querydr', refused, b.vnp_TxnRef, b.vnp_TmnCode);
    const tx = findTx(b);
    if (!tx) return refusal('querydr', '91', b.vnp_TxnRef);
    if (tx.status === 'pending' && store.expired(tx)) store.finalize(tx, '11');
    return answer(
      'querydr',
      {
        vnp_ResponseCode: '00',
        vnp_Message: 'QueryDR Success',
        vnp_TxnRef: tx.txnRef,
        vnp_Amount: (tx.amountVnd * 100n).toString(),
        vnp_OrderInfo: tx.orderInfo,
        vnp_BankCode: tx.bankCode ?? '',
        vnp_PayDate: tx.payDate ?? '',
        vnp_TransactionNo: tx.transactionNo,
        // Once refunded, VNPay reports the refund: 02 full or 03 partial, status 05 (refund processed).
        vnp_TransactionType: tx.refunds.length === 0 ? '01' : tx.refundedVnd === tx.amountVnd ? '02' : '03',
        vnp_TransactionStatus: tx.refunds.length === 0 ? tx.transactionStatus : '05',
        vnp_PromotionCode: '',
        vnp_PromotionAmount: '',
      },
      QUERYDR_RESPONSE_FIELDS,
    );
  }

  const refundAnswer = (tx: Tx, r: SimRefund, orderInfo: string) =>
    answer(
      'refund',
      {
        vnp_ResponseCode: '00',
        vnp_Message: 'Refund success',
        vnp_TxnRef: tx.txnRef,
        vnp_Amount: (r.amountVnd * 100n).toString(),
        vnp_OrderInfo: orderInfo,
        vnp_BankCode: tx.bankCode ?? '',
        vnp_PayDate: r.date,
        vnp_TransactionNo: r.transactionNo,
        vnp_TransactionType: r.transactionType,
        vnp_TransactionStatus: '05',
      },
      REFUND_RESPONSE_FIELDS,
    );

  /** Idempotent on vnp_RequestId: a refund asked again with the same id answers the first outcome and refunds nothing more. */
  function refund(b: Record<string, unknown>): Record<string, string> {
    const refused = check(b, REFUND_REQUEST_FIELDS, ['vnp_TransactionNo'], true);
    if (refused) return refusal('refund', refused, b.vnp_TxnRef, b.vnp_TmnCode);
    const type = str(b.vnp_TransactionType);
    const amountRaw = str(b.vnp_Amount);
    if ((type !== '02' && type !== '03') || !/^\d{1,12}$/.test(amountRaw) || BigInt(amountRaw) % 100n !== 0n || BigInt(amountRaw) <= 0n) {
      return refusal('refund', '03', b.vnp_TxnRef);
    }
    const tx = findTx(b);
    if (!tx) return refusal('refund', '91', b.vnp_TxnRef);
    const already = tx.refunds.find((r) => r.requestId === str(b.vnp_RequestId));
    if (already) {
      log.info({ txnRef: tx.txnRef, requestId: already.requestId }, 'VNPay simulator: refund asked again, answered as before');
      return refundAnswer(tx, already, str(b.vnp_OrderInfo));
    }
    const fault = refundFault;
    refundFault = null;
    if (fault && fault !== 'lose_answer') return refusal('refund', fault.refuse, b.vnp_TxnRef);
    if (tx.status !== 'paid') return refusal('refund', '95', b.vnp_TxnRef);
    const amountVnd = fromVnpAmount(amountRaw);
    const remaining = tx.amountVnd - tx.refundedVnd;
    if (type === '02' && tx.refundedVnd > 0n) return refusal('refund', '04', b.vnp_TxnRef);
    if ((type === '02' && amountVnd !== tx.amountVnd) || amountVnd > remaining) return refusal('refund', '93', b.vnp_TxnRef);

    const r: SimRefund = {
      requestId: str(b.vnp_RequestId),
      transactionNo: store.nextTransactionNo(),
      transactionType: type,
      amountVnd,
      createBy: str(b.vnp_CreateBy),
      date: formatVnpDate(cfg.clock.now()),
    };
    tx.refunds.push(r);
    tx.refundedVnd += amountVnd;
    log.info({ txnRef: tx.txnRef, amountVnd: amountVnd.toString(), type, refundedVnd: tx.refundedVnd.toString() }, 'VNPay simulator: refund accepted');
    if (fault === 'lose_answer') return LOST;
    return refundAnswer(tx, r, str(b.vnp_OrderInfo));
  }

  return {
    querydr,
    refund,
    refusal,
    /** The next refund request goes wrong once (see `VnpaySimulator.injectRefundFault`). */
    injectRefundFault(fault: RefundFault | null) {
      refundFault = fault;
    },
  };
}

export function registerMerchantApi(scope: AnyFastify, cfg: SimConfig, api: MerchantApi): void {
  scope.post(`${cfg.base}/merchant_webapi/api/transaction`, { schema: { hide: true }, config: { csrf: false } }, async (req, reply) => {
    const b = req.body;
    if (!b || typeof b !== 'object' || Array.isArray(b)) return reply.send(api.refusal('querydr', '03', undefined));
    // Integers may come as JSON numbers (the vnpay package sends dates and amounts that way).
    const body = Object.fromEntries(Object.entries(b).map(([k, v]) => [k, typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? String(v) : v]));
    if (body.vnp_Command === 'querydr') return reply.send(api.querydr(body));
    if (body.vnp_Command === 'refund') {
      const answer = api.refund(body);
      return answer === LOST ? reply.code(504).send({ error: 'gateway timeout (simulated: the refund was executed)' }) : reply.send(answer);
    }
    return reply.send(api.refusal('querydr', '03', body.vnp_TxnRef));
  });
}
