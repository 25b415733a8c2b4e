import {
  EVOUCHER_PREFIX,
  QLKH_PREFIX,
  type LedgerAnswer,
  type LedgerPosting,
  type LedgerSubscriber,
} from '../../../protocols/subscriber-ledger/protocol.ts';
import { LedgerRefusal, type SubscriberLedger } from '../deps.ts';

export interface LedgerEndpoint {
  url: string;
  apiKey: string;
}

/** HT TC QLKH (subscribers, debt clearing) and eVoucher (top-up) over HTTP JSON (`src/protocols/subscriber-ledger/`). */
export class LedgerAdapter implements SubscriberLedger {
  constructor(private readonly opts: { qlkh: LedgerEndpoint; evoucher: LedgerEndpoint; timeoutMs?: number; fetch?: typeof fetch }) {}

  async subscriber(msisdn: string): Promise<LedgerSubscriber | null> {
    const a = await this.call(this.opts.qlkh, 'GET', `${QLKH_PREFIX}/subscribers/${encodeURIComponent(msisdn)}`);
    if (a.code === '04') return null;
    if (a.code !== '00' || !a.subscriber) throw new Error(`HT TC QLKH lookup failed: ${a.code} ${a.message}`);
    return a.subscriber;
  }

  async post(kind: 'clear' | 'topup', p: { ref: string; msisdn: string; amountVnd: bigint }): Promise<LedgerPosting> {
    const [end, path] = this.where(kind);
    const a = await this.call(end, 'POST', path, { ref: p.ref, msisdn: p.msisdn, amountVnd: p.amountVnd.toString(), cashierCode: 'EPAYMENT' });
    if (a.code === '04' || a.code === '05' || a.code === '01') throw new LedgerRefusal(`${kind} refused: ${a.code} ${a.message}`);
    if (a.code !== '00' || !a.posting) throw new Error(`${kind} failed: ${a.code} ${a.message}`);
    return a.posting;
  }

  async posting(kind: 'clear' | 'topup', ref: string): Promise<LedgerPosting | null> {
    const [end, path] = this.where(kind);
    const a = await this.call(end, 'GET', `${path}/${encodeURIComponent(ref)}`);
    if (a.code === '04') return null;
    if (a.code !== '00' || !a.posting) throw new Error(`${kind} lookup failed: ${a.code} ${a.message}`);
    return a.posting;
  }

  async reverse(kind: 'clear' | 'topup', ref: string): Promise<LedgerPosting | null> {
    const [end, path] = this.where(kind);
    const a = await this.call(end, 'POST', `${path}/${encodeURIComponent(ref)}/reverse`, {});
    if (a.code === '04') return null;
    if (a.code !== '00' || !a.posting) throw new Error(`${kind} reversal failed: ${a.code} ${a.message}`);
    return a.posting;
  }

  private where(kind: 'clear' | 'topup'): [LedgerEndpoint, string] {
    return kind === 'clear' ? [this.opts.qlkh, `${QLKH_PREFIX}/payments`] : [this.opts.evoucher, `${EVOUCHER_PREFIX}/topups`];
  }

  private async call(end: LedgerEndpoint, method: 'GET' | 'POST', path: string, body?: unknown): Promise<LedgerAnswer> {
    const res = await (this.opts.fetch ?? fetch)(`${end.url.replace(/\/$/, '')}${path}`, {
      method,
      headers: { accept: 'application/json', authorization: `Bearer ${end.apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(this.opts.timeoutMs ?? 10_000),
    });
    const text = await res.text();
    try {
      return JSON.parse(text) as LedgerAnswer;
    } catch {
      throw new Error(`the ledger answered HTTP ${res.status} without JSON`);
    }
  }
}

const notConfigured = () => Promise.reject(new Error('the subscriber ledger is not configured in this process (QLKH_URL/EVOUCHER_URL, or the simulator with the background services)'));
/** For one-shot CLI commands, which run no simulator. */
export const unconfiguredLedger: SubscriberLedger = { subscriber: notConfigured, post: notConfigured, posting: notConfigured, reverse: notConfigured };
