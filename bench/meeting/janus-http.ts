/**
 * The client side of Janus's HTTP API for the synthetic participants (what janus.js does in a page): one
 * Janus session per bench worker with one long-poll loop, any number of VideoRoom handles on it. An
 * asynchronous request (join, publish, start) is answered by the event carrying its transaction.
 */
import { randomBytes } from 'node:crypto';

export interface JanusReply {
  data: any;
  jsep?: { type: 'offer' | 'answer'; sdp: string };
}

export class JanusHttpSession {
  private readonly waiting = new Map<string, { resolve: (r: JanusReply) => void; reject: (e: Error) => void }>();
  private closed = false;

  private constructor(
    private readonly url: string,
    readonly id: number,
  ) {}

  static async create(url: string): Promise<JanusHttpSession> {
    const s = new JanusHttpSession(url, (await post(url, { janus: 'create' })).data.id);
    void s.poll();
    return s;
  }

  private async poll() {
    while (!this.closed) {
      let events: any[];
      try {
        const res = await fetch(`${this.url}/${this.id}?maxev=50&rid=${Date.now()}`, { signal: AbortSignal.timeout(70_000) });
        const json = await res.json();
        events = Array.isArray(json) ? json : [json];
      } catch (err) {
        if (this.closed) return;
        await new Promise((r) => setTimeout(r, 500));
        continue;
      }
      for (const e of events) {
        const w = e.transaction ? this.waiting.get(e.transaction) : undefined;
        if (!w || e.janus === 'ack') continue;
        this.waiting.delete(e.transaction);
        const data = e.plugindata?.data;
        if (e.janus === 'error') w.reject(new Error(`Janus ${e.error?.code}: ${e.error?.reason}`));
        else if (data?.error_code) w.reject(new Error(`VideoRoom ${data.error_code}: ${data.error}`));
        else w.resolve({ data, jsep: e.jsep });
      }
    }
  }

  async attach(): Promise<JanusHandle> {
    const r = await post(`${this.url}/${this.id}`, { janus: 'attach', plugin: 'janus.plugin.videoroom' });
    return new JanusHandle(this, r.data.id);
  }

  /** A message to a handle; a synchronous answer (`success`) returns at once, an `ack` waits for its event. */
  async message(handle: number, body: Record<string, unknown>, jsep?: Record<string, unknown>, timeoutMs = 60_000): Promise<JanusReply> {
    const transaction = randomBytes(8).toString('hex');
    const answer = new Promise<JanusReply>((resolve, reject) => {
      this.waiting.set(transaction, { resolve, reject });
      setTimeout(() => {
        if (this.waiting.delete(transaction)) reject(new Error(`Janus: no answer to ${String(body.request)} within ${timeoutMs} ms`));
      }, timeoutMs).unref();
    });
    answer.catch(() => {}); // handled by whoever awaits it; never an unhandled rejection
    let r: any;
    try {
      r = await post(`${this.url}/${this.id}/${handle}`, { janus: 'message', body, ...(jsep ? { jsep } : {}) }, transaction);
    } catch (err) {
      this.waiting.delete(transaction);
      throw err;
    }
    if (r.janus === 'success') {
      this.waiting.delete(transaction);
      const data = r.plugindata?.data;
      if (data?.error_code) throw new Error(`VideoRoom ${data.error_code}: ${data.error}`);
      return { data };
    }
    return answer;
  }

  async detach(handle: number): Promise<void> {
    await post(`${this.url}/${this.id}/${handle}`, { janus: 'detach' }).catch(() => {});
  }

  async close(): Promise<void> {
    this.closed = true;
    await post(`${this.url}/${this.id}`, { janus: 'destroy' }).catch(() => {});
  }
}

export class JanusHandle {
  constructor(
    private readonly session: JanusHttpSession,
    readonly id: number,
  ) {}

  request(body: Record<string, unknown>, jsep?: Record<string, unknown>): Promise<JanusReply> {
    return this.session.message(this.id, body, jsep);
  }

  detach(): Promise<void> {
    return this.session.detach(this.id);
  }
}

async function post(url: string, body: Record<string, unknown>, transaction = randomBytes(8).toString('hex')): Promise<any> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, transaction }),
    signal: AbortSignal.timeout(30_000),
  });
  const json = (await res.json()) as any;
  if (json.janus === 'error') throw new Error(`Janus ${json.error?.code}: ${json.error?.reason}`);
  return json;
}
