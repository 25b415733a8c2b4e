import { BHTT_RECORDS_PATH, type BhttAnswer, type BhttRecord } from '../../../protocols/bhtt/protocol.ts';
import type { BhttPort } from '../deps.ts';

export interface BhttOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** BHTT's revenue feed over HTTP (`src/protocols/bhtt/`): PUT a record by id, GET it back. */
export class BhttAdapter implements BhttPort {
  private readonly base: string;
  private readonly fetch: typeof fetch;
  constructor(private readonly opts: BhttOptions) {
    this.base = opts.baseUrl.replace(/\/$/, '');
    this.fetch = opts.fetch ?? fetch;
  }

  async put(record: BhttRecord): Promise<void> {
    const a = await this.call('PUT', record.recordId, record);
    if (a.code !== '00') throw new Error(`BHTT refused ${record.recordId}: ${a.code} ${a.message}`);
  }

  async get(recordId: string): Promise<BhttRecord | null> {
    const a = await this.call('GET', recordId);
    if (a.code === '04') return null;
    if (a.code !== '00' || !a.record) throw new Error(`BHTT lookup of ${recordId} failed: ${a.code} ${a.message}`);
    return a.record;
  }

  private async call(method: 'PUT' | 'GET', recordId: string, body?: BhttRecord): Promise<BhttAnswer> {
    const res = await this.fetch(`${this.base}${BHTT_RECORDS_PATH}/${encodeURIComponent(recordId)}`, {
      method,
      headers: { accept: 'application/json', authorization: `Bearer ${this.opts.apiKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(this.opts.timeoutMs ?? 15_000),
    });
    const text = await res.text();
    try {
      return JSON.parse(text) as BhttAnswer;
    } catch {
      throw new Error(`BHTT answered HTTP ${res.status} without JSON`);
    }
  }
}

/** For one-shot CLI commands, which run no simulator and push nothing: any call says so. */
const notConfigured = () => Promise.reject(new Error('BHTT is not configured in this process (BHTT_URL, or the simulator with the background services)'));
export const unconfiguredBhtt: BhttPort = { put: notConfigured, get: notConfigured };
