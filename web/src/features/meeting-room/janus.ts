/**
 * A small Janus REST client for the browser (VideoRoom only): one session, a long-poll loop for
 * events, handles that send messages and wait for the plugin's answer. Offers and answers are sent
 * complete (ICE gathered first), so no trickling is needed.
 */
type Json = Record<string, any>;

export interface PluginEvent {
  data: Json;
  jsep?: RTCSessionDescriptionInit;
}

export class JanusSession {
  private id = 0;
  private closed = false;
  private readonly pending = new Map<string, (e: Json) => void>();
  private readonly handles = new Map<number, JanusHandle>();
  private keepalive: number | undefined;

  constructor(
    private readonly base: string,
    private readonly ticket: string | undefined,
    private readonly onLost: (why: string) => void,
  ) {}

  async post(path: string, body: Json): Promise<Json> {
    const transaction = Math.random().toString(36).slice(2, 14);
    const json = await this.request(path, { ...body, transaction });
    json.transaction = transaction;
    return json;
  }

  /**
   * One POST to Janus (or our proxy): the JSON answer, or an Error with Janus's reason or our API's
   * message. No cookies: the media ticket is the proof, the session has no business with Janus.
   */
  private async request(path: string, body: Json): Promise<Json> {
    const res = await fetch(`${this.base}${path}`, {
      method: 'POST',
      credentials: 'omit',
      headers: { 'content-type': 'application/json', ...(this.ticket ? { 'x-meeting-ticket': this.ticket } : {}) },
      body: JSON.stringify(body),
    });
    const json = (await res.json().catch(() => ({}))) as Json;
    if (json.janus === 'error') throw new Error(json.error?.reason ?? 'Janus error');
    if (!res.ok || !json.janus) throw new Error(json.error?.message ?? json.error?.reason ?? `HTTP ${res.status}`);
    return json;
  }

  /** Sends and waits for the asynchronous answer (an event with the same transaction). */
  async postAndWait(path: string, body: Json, timeoutMs = 15_000): Promise<Json> {
    const transaction = Math.random().toString(36).slice(2, 14);
    const answer = new Promise<Json>((resolve, reject) => {
      this.pending.set(transaction, resolve);
      window.setTimeout(() => {
        if (this.pending.delete(transaction)) reject(new Error('Janus did not answer in time'));
      }, timeoutMs);
    });
    let json: Json;
    try {
      json = await this.request(path, { ...body, transaction });
    } catch (err) {
      this.pending.delete(transaction);
      throw err;
    }
    if (json.janus === 'success') {
      this.pending.delete(transaction);
      return json;
    }
    return answer;
  }

  async create(): Promise<void> {
    const r = await this.post('', { janus: 'create' });
    this.id = r.data.id;
    void this.poll();
    this.keepalive = window.setInterval(() => void this.post(`/${this.id}`, { janus: 'keepalive' }).catch(() => {}), 25_000);
  }

  async attach(onEvent: (e: PluginEvent) => void): Promise<JanusHandle> {
    const r = await this.post(`/${this.id}`, { janus: 'attach', plugin: 'janus.plugin.videoroom' });
    const h = new JanusHandle(this, this.id, r.data.id, onEvent);
    this.handles.set(h.id, h);
    return h;
  }

  forget(handle: number) {
    this.handles.delete(handle);
  }

  private async poll() {
    let failures = 0;
    while (!this.closed) {
      try {
        const res = await fetch(`${this.base}/${this.id}?maxev=10`, { credentials: 'omit', headers: this.ticket ? { 'x-meeting-ticket': this.ticket } : {} });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const body = (await res.json()) as Json | Json[];
        failures = 0;
        for (const e of Array.isArray(body) ? body : [body]) this.dispatch(e);
      } catch (err) {
        if (this.closed) return;
        if (++failures >= 5) return this.onLost((err as Error).message);
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  private dispatch(e: Json) {
    if (e.janus === 'keepalive') return;
    const waiter = e.transaction && this.pending.get(e.transaction);
    if (waiter && e.janus !== 'ack') {
      this.pending.delete(e.transaction);
      if (e.plugindata) {
        // The answer also goes to the handle (it may carry publishers, a JSEP…).
        this.handles.get(e.sender)?.deliver(e);
      }
      return waiter(e);
    }
    this.handles.get(e.sender)?.deliver(e);
  }

  async destroy(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    window.clearInterval(this.keepalive);
    if (this.id) await this.post(`/${this.id}`, { janus: 'destroy' }).catch(() => {});
  }
}

export class JanusHandle {
  constructor(
    private readonly session: JanusSession,
    private readonly sessionId: number,
    readonly id: number,
    private readonly onEvent: (e: PluginEvent) => void,
  ) {}

  deliver(e: Json) {
    if (e.janus === 'event' && e.plugindata) this.onEvent({ data: e.plugindata.data, jsep: e.jsep });
    else if (e.janus === 'hangup' || e.janus === 'detached') this.onEvent({ data: { videoroom: e.janus } });
  }

  /** A VideoRoom request; resolves with the plugin's answer (data and JSEP), rejects on its error. */
  async send(body: Json, jsep?: RTCSessionDescriptionInit): Promise<PluginEvent> {
    const e = await this.session.postAndWait(`/${this.sessionId}/${this.id}`, { janus: 'message', body, ...(jsep ? { jsep } : {}) });
    const data = e.plugindata?.data ?? {};
    if (data.error) throw new Error(`${data.error_code}: ${data.error}`);
    return { data, jsep: e.jsep };
  }

  async detach(): Promise<void> {
    this.session.forget(this.id);
    await this.session.post(`/${this.sessionId}/${this.id}`, { janus: 'detach' }).catch(() => {});
  }
}

/** Waits until ICE gathering is complete (bounded), so the SDP carries the candidates. */
export async function gathered(pc: RTCPeerConnection, timeoutMs = 3000): Promise<RTCSessionDescriptionInit> {
  if (pc.iceGatheringState !== 'complete')
    await new Promise<void>((resolve) => {
      const done = () => pc.iceGatheringState === 'complete' && resolve();
      pc.addEventListener('icegatheringstatechange', done);
      window.setTimeout(resolve, timeoutMs);
    });
  return { type: pc.localDescription!.type, sdp: pc.localDescription!.sdp };
}
