import { IPN_FINAL_RSP_CODES } from '../../protocols/vnpay/codes.ts';
import { signedQuery } from '../../protocols/vnpay/protocol.ts';
import { appendQuery, type IpnPort, type SimConfig, type SimIpnAttempt, type Tx } from './store.ts';

/**
 * The IPN sender: a signed GET to the merchant's IPN URL, repeated on VNPay's retry rule until the
 * merchant confirms (RspCode 00 or 02), the retries run out, or the IPN is lost on purpose.
 */
export interface IpnOptions {
  /** The merchant's IPN URL; a function is read at each send. */
  url: string | (() => string);
  /** Delays before each retry after the first IPN. */
  retryDelaysMs: number[];
  /** How long to wait for the merchant's answer. */
  timeoutMs: number;
}

export type IpnSender = ReturnType<typeof createIpnSender>;

function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    timer.unref?.();
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

const confirms = (a: SimIpnAttempt) => a.rspCode !== null && IPN_FINAL_RSP_CODES.includes(a.rspCode);

export function createIpnSender(cfg: SimConfig, o: IpnOptions) {
  const { log } = cfg;
  /** References whose IPN is never sent automatically; `'*'` loses every IPN. */
  const lost = new Set<string>();
  const target = () => (typeof o.url === 'function' ? o.url() : o.url);

  /** One IPN, recorded on the transaction unless `stop` aborted it. */
  async function deliver(tx: Tx, manual: boolean, stop?: AbortSignal): Promise<SimIpnAttempt> {
    const url = appendQuery(target(), signedQuery(tx.result!, cfg.secret));
    const attempt: SimIpnAttempt = { at: cfg.clock.now(), url, rspCode: null, manual };
    try {
      const res = await fetch(url, {
        method: 'GET',
        headers: { accept: 'application/json', 'user-agent': 'VNPAY-IPN-Simulator/2.1.0' },
        signal: stop ? AbortSignal.any([stop, AbortSignal.timeout(o.timeoutMs)]) : AbortSignal.timeout(o.timeoutMs),
      });
      attempt.httpStatus = res.status;
      const text = await res.text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        attempt.error = 'the answer is not JSON';
      }
      const b = body as { RspCode?: unknown; Message?: unknown } | undefined;
      if (res.status !== 200) attempt.error = `HTTP ${res.status}`;
      else if (b && typeof b.RspCode === 'string') {
        attempt.rspCode = b.RspCode;
        if (typeof b.Message === 'string') attempt.message = b.Message;
      } else attempt.error ??= 'no RspCode in the answer';
    } catch (err) {
      const e = err as Error;
      if (stop?.aborted) return attempt; // reset or closed: not an attempt worth recording
      attempt.error = e.name === 'TimeoutError' ? `no answer within ${o.timeoutMs} ms` : e.message;
    }
    tx.ipnAttempts.push(attempt);
    if (confirms(attempt)) tx.ipnConfirmed = true;
    const entry = { txnRef: tx.txnRef, attempt: tx.ipnAttempts.length, manual, rspCode: attempt.rspCode, error: attempt.error };
    if (confirms(attempt)) log.info(entry, 'VNPay simulator: IPN confirmed');
    else log.warn(entry, 'VNPay simulator: IPN not confirmed');
    return attempt;
  }

  const isLost = (txnRef: string) => lost.has(txnRef) || lost.has('*');

  const port: IpnPort = {
    isLost,
    /** The automatic IPN of a finished payment, with its retries. */
    start(tx) {
      if (isLost(tx.txnRef)) {
        log.info({ txnRef: tx.txnRef }, 'VNPay simulator: IPN lost on purpose');
        return;
      }
      const ctrl = new AbortController();
      tx.ipnAbort = ctrl;
      tx.ipnChain = (async () => {
        for (const delay of [0, ...o.retryDelaysMs]) {
          if (delay > 0 && !(await sleep(delay, ctrl.signal))) return;
          if (ctrl.signal.aborted || tx.ipnConfirmed || isLost(tx.txnRef)) return;
          await deliver(tx, false, ctrl.signal);
          if (tx.ipnConfirmed) return;
        }
        log.warn({ txnRef: tx.txnRef, attempts: tx.ipnAttempts.length }, 'VNPay simulator: IPN retries exhausted');
      })().finally(() => {
        tx.ipnChain = null;
        tx.ipnAbort = null;
      });
    },
  };

  return {
    ...port,
    deliver,
    setLost(txnRef: string, value: boolean) {
      if (value) lost.add(txnRef);
      else lost.delete(txnRef);
    },
    clear() {
      lost.clear();
    },
  };
}
