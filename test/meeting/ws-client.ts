/** A WebSocket participant for the hub's tests: collects frames, waits for the one a test expects. */
import WebSocket from 'ws';

export class LiveClient {
  readonly frames: any[] = [];
  closed: { code: number; reason: string } | null = null;
  private waiters: (() => void)[] = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (d) => {
      this.frames.push(JSON.parse(d.toString()));
      this.wake();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.wake();
    });
  }
  private wake() {
    for (const w of this.waiters.splice(0)) w();
  }

  static async open(url: string): Promise<LiveClient> {
    const ws = new WebSocket(url);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    return new LiveClient(ws);
  }

  static async join(url: string, token: string): Promise<LiveClient> {
    const c = await LiveClient.open(url);
    c.send({ type: 'hello', token });
    const first = await c.next((f) => f.type === 'welcome' || f.type === 'error');
    if (first.type !== 'welcome') throw new Error(`join refused: ${JSON.stringify(first)}`);
    return c;
  }

  send(m: unknown) {
    this.ws.send(typeof m === 'string' ? m : JSON.stringify(m));
  }

  /** The first frame (from the start, unless consumed) matching; consumed so the next call finds the next one. */
  async next(match: (f: any) => boolean, timeoutMs = 5000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.frames.findIndex(match);
      if (i >= 0) return this.frames.splice(i, 1)[0];
      if (Date.now() > deadline) throw new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames.slice(-5))}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 100);
      });
    }
  }

  async waitClosed(timeoutMs = 5000) {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error('socket not closed');
      await new Promise((r) => setTimeout(r, 50));
    }
    return this.closed;
  }

  has(match: (f: any) => boolean) {
    return this.frames.some(match);
  }

  close() {
    this.ws.close();
  }
}
