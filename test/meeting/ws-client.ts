/**
 * A WebSocket participant for the hub's tests: collects frames, waits for the one a test expects. Every
 * frame the hub sends is checked against the module's contract (serverMessage, the room page's types).
 */
import WebSocket from 'ws';
import { serverMessage } from '../../src/modules/meeting/contract.ts';

export class LiveClient {
  readonly frames: any[] = [];
  /** Frames that do not match the contract's serverMessage (next() fails once there is one). */
  readonly offContract: string[] = [];
  closed: { code: number; reason: string } | null = null;
  private waiters: (() => void)[] = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (d) => {
      const frame = JSON.parse(d.toString());
      const checked = serverMessage.safeParse(frame);
      if (!checked.success) this.offContract.push(`${d.toString().slice(0, 300)}: ${checked.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
      this.frames.push(frame);
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
      if (this.offContract.length) throw new Error(`frames off the contract: ${this.offContract.join(' | ')}`);
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
