import { Readable } from 'node:stream';
import { DAILY_LIST_CONTENT_TYPE, DAILY_LIST_HEADER, csvField } from '../../protocols/vnpay/daily-list.ts';
import { hashEquals, signDailyListRequest } from '../../protocols/vnpay/protocol.ts';
import { str, type AnyFastify, type SimConfig, type SimRefund, type Store, type Tx } from './store.ts';

/** ×100 as VNPay writes amounts, without BigInt arithmetic per row. */
const vnpAmount = (vnd: bigint) => (vnd === 0n ? '0' : `${vnd}00`);
/** Lines per chunk written to the response (about 55 kB: joined at once, it stays a young, flat string). */
const CHUNK_LINES = 1024;

/**
 * The day's transactions (GMT+7 date `YYYY-MM-DD`) as the lines of the daily list file
 * (protocols/vnpay/daily-list.ts), in time order: payments by their pay date (or creation while
 * pending), and with `includeRefunds` each refund on its own date (type 02/03, status 05). Yields the
 * header, then chunks of lines: a day of a million rows is written as it goes, never held as objects.
 */
export function* dailyListFile(txs: readonly Tx[], date: string, includeRefunds: boolean): Generator<string> {
  // The day's entries and their sort keys side by side; sorted only when not already in order
  // (transactions are recorded in time order, so a day's list usually is).
  const day = date.replaceAll('-', ''); // VNPay dates start with yyyyMMdd
  const who: Tx[] = [];
  const refund: (SimRefund | null)[] = [];
  const keys: string[] = [];
  for (const tx of txs) {
    const when = tx.payDate ?? tx.createDate;
    if (when.startsWith(day)) {
      who.push(tx);
      refund.push(null);
      keys.push(when);
    }
    if (!includeRefunds) continue;
    for (const r of tx.refunds) {
      if (!r.date.startsWith(day)) continue;
      who.push(tx);
      refund.push(r);
      keys.push(r.date);
    }
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const before = (a: number, b: number) => cmp(keys[a], keys[b]) || cmp(who[a].txnRef, who[b].txnRef);
  const order = Array.from({ length: who.length }, (_, i) => i);
  let sorted = true;
  for (let i = 1; i < order.length && sorted; i++) sorted = before(i - 1, i) <= 0;
  if (!sorted) order.sort(before);

  yield `${DAILY_LIST_HEADER}\n`;
  const type = includeRefunds ? '01' : '';
  let lines: string[] = [];
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const tx = who[i];
    const r = refund[i];
    const ref = csvField(tx.txnRef);
    const bank = csvField(tx.bankCode ?? '');
    lines.push(
      r
        ? `${ref},${csvField(r.transactionNo)},${vnpAmount(r.amountVnd)},${bank},${r.date},05,00,${r.transactionType},${csvField(r.requestId)}\n`
        : `${ref},${csvField(tx.transactionNo)},${vnpAmount(tx.amountVnd)},${bank},${tx.payDate ?? ''},${csvField(tx.transactionStatus)},${csvField(tx.responseCode ?? '')},${type},\n`,
    );
    if (lines.length === CHUNK_LINES) {
      yield lines.join('');
      lines = [];
    }
  }
  if (lines.length) yield lines.join('');
}

/**
 * `GET …/transactions?date=&vnp_TmnCode=&vnp_SecureHash=[&includeRefunds=true]`: not a VNPay API, the
 * simulator's own. Answers the daily list file (CSV), streamed.
 */
export function registerDailyList(scope: AnyFastify, cfg: SimConfig, store: Store): void {
  scope.get(`${cfg.base}/transactions`, { schema: { hide: true } }, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const date = str(q.date);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return reply.code(400).send({ error: 'date must be YYYY-MM-DD' });
    const tmn = str(q.vnp_TmnCode);
    if (tmn !== cfg.tmnCode || !hashEquals(signDailyListRequest(tmn, date, cfg.secret), str(q.vnp_SecureHash))) {
      return reply.code(401).send({ error: 'invalid vnp_TmnCode or vnp_SecureHash (HMAC-SHA512 of "tmnCode|date")' });
    }
    const includeRefunds = q.includeRefunds === 'true' || q.includeRefunds === '1';
    return reply
      .type(DAILY_LIST_CONTENT_TYPE)
      .header('content-disposition', `attachment; filename="vnpay-${cfg.tmnCode}-${date}.csv"`)
      .send(Readable.from(dailyListFile(store.txs, date, includeRefunds), { objectMode: false }));
  });
}
