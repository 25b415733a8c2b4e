import { hashEquals, signDailyListRequest, type DailyListRow } from '../../protocols/vnpay/protocol.ts';
import { str, type AnyFastify, type SimConfig, type Store, type Tx } from './store.ts';

const dayOf = (vnpDate: string) => `${vnpDate.slice(0, 4)}-${vnpDate.slice(4, 6)}-${vnpDate.slice(6, 8)}`;

/**
 * The day's transactions (GMT+7 date `YYYY-MM-DD`) in time order: payments by their pay date (or
 * creation while pending), and with `includeRefunds` each refund on its own date (type 02/03, status 05).
 */
export function dailyList(txs: readonly Tx[], date: string, includeRefunds: boolean): DailyListRow[] {
  // Rows and their sort keys side by side, then one sort of positions: a day of a million rows lists in seconds.
  const rows: DailyListRow[] = [];
  const keys: string[] = [];
  for (const tx of txs) {
    const when = tx.payDate ?? tx.createDate;
    if (dayOf(when) === date) {
      const row: DailyListRow = {
        txnRef: tx.txnRef,
        transactionNo: tx.transactionNo,
        amount: (tx.amountVnd * 100n).toString(),
        bankCode: tx.bankCode ?? '',
        payDate: tx.payDate ?? '',
        transactionStatus: tx.transactionStatus,
        responseCode: tx.responseCode ?? '',
      };
      if (includeRefunds) row.transactionType = '01';
      rows.push(row);
      keys.push(when);
    }
    if (!includeRefunds) continue;
    for (const r of tx.refunds) {
      if (dayOf(r.date) !== date) continue;
      rows.push({
        txnRef: tx.txnRef,
        transactionNo: r.transactionNo,
        amount: (r.amountVnd * 100n).toString(),
        bankCode: tx.bankCode ?? '',
        payDate: r.date,
        transactionStatus: '05',
        responseCode: '00',
        transactionType: r.transactionType,
        requestId: r.requestId,
      });
      keys.push(r.date);
    }
  }
  const order = rows.map((_, i) => i);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  order.sort((a, b) => cmp(keys[a], keys[b]) || cmp(rows[a].txnRef, rows[b].txnRef));
  return order.map((i) => rows[i]);
}

/** `GET …/transactions?date=&vnp_TmnCode=&vnp_SecureHash=[&includeRefunds=true]`: not a VNPay API, the simulator's own. */
export function registerDailyList(scope: AnyFastify, cfg: SimConfig, store: Store): void {
  scope.get(`${cfg.base}/transactions`, { schema: { hide: true } }, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const date = str(q.date);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return reply.code(400).send({ error: 'date must be YYYY-MM-DD' });
    const tmn = str(q.vnp_TmnCode);
    if (tmn !== cfg.tmnCode || !hashEquals(signDailyListRequest(tmn, date, cfg.secret), str(q.vnp_SecureHash))) {
      return reply.code(401).send({ error: 'invalid vnp_TmnCode or vnp_SecureHash (HMAC-SHA512 of "tmnCode|date")' });
    }
    // Plain strings only: sent as text, past the server's bigint-aware serializer (a replacer makes a million rows 5× slower).
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(dailyList(store.txs, date, q.includeRefunds === 'true' || q.includeRefunds === '1')));
  });
}
