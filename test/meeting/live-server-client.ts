/** Starts test/meeting/live-server.ts as a child (optionally inside a namespace) and talks to it. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export class LiveServerProcess {
  private seq = 0;
  private readonly waiting = new Map<number, (m: any) => void>();
  readonly output: string[] = [];
  private constructor(
    readonly child: ChildProcess,
    readonly baseUrl: string,
    readonly janusPid: number,
  ) {}

  static async start(prefix: string[] = [], env: Record<string, string> = {}, timeoutMs = 120_000): Promise<LiveServerProcess> {
    const cmd = [...prefix, process.execPath, '--import', 'tsx', path.join(root, 'test/meeting/live-server.ts')];
    const child = spawn(cmd[0], cmd.slice(1), { cwd: root, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const output: string[] = [];
    child.stderr!.on('data', (d) => output.push(String(d)));
    const lines = createInterface({ input: child.stdout! });
    let proc: LiveServerProcess | undefined;
    const ready = await new Promise<{ baseUrl: string; janusPid: number }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`live server not ready: ${output.join('').slice(-2000)}`)), timeoutMs);
      child.once('exit', (code) => reject(new Error(`live server exited (${code}): ${output.join('').slice(-2000)}`)));
      lines.on('line', (line) => {
        let m: any;
        try {
          m = JSON.parse(line);
        } catch {
          return void output.push(line);
        }
        if (m.ready) {
          clearTimeout(timer);
          resolve(m);
        } else if (proc && proc.waiting.has(m.id)) {
          proc.waiting.get(m.id)!(m);
          proc.waiting.delete(m.id);
        }
      });
    });
    proc = new LiveServerProcess(child, ready.baseUrl, ready.janusPid);
    (proc as { output: string[] }).output = output;
    return proc;
  }

  async command<T = any>(cmd: string, args: Record<string, unknown> = {}): Promise<T> {
    const id = ++this.seq;
    const answer = new Promise<any>((resolve) => this.waiting.set(id, resolve));
    this.child.stdin!.write(`${JSON.stringify({ id, cmd, ...args })}\n`);
    const m = await answer;
    if (m.error) throw new Error(m.error);
    return m;
  }

  mint(grant: { meetingId: string; displayName: string; role?: 'host' | 'participant' | 'guest'; maxParticipants?: number; endsAtMinutes?: number }): Promise<string> {
    return this.command<{ token: string }>('mint', { grant }).then((r) => r.token);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.stdin!.end();
    const t = setTimeout(() => this.child.kill('SIGKILL'), 8000);
    await exited;
    clearTimeout(t);
  }
}
