import { spawn, type ChildProcess } from 'node:child_process';

export interface ServerProcess {
  url: string;
  port: number;
  pid: number;
  /** SIGTERM, and waits for the process to end (a clean shutdown). */
  stop(): Promise<void>;
  /** SIGKILL: the process ends where it is, mid-transaction or mid-send. */
  kill9(): Promise<void>;
}

/**
 * Starts test/server-process.ts (the whole server, workers on) in a child process and waits until it
 * listens. `database`: a postgres:// URL, `pglite` (in memory) or a PGlite data directory.
 * SERVE_NODE_ARGS adds Node options (`--cpu-prof --cpu-prof-dir=/tmp/prof` profiles a benchmark's server).
 */
export async function spawnServer(database: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, [...(process.env.SERVE_NODE_ARGS?.split(' ').filter(Boolean) ?? []), '--import', 'tsx', new URL('./server-process.ts', import.meta.url).pathname], {
    env: { ...process.env, SERVE_DATABASE: database, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /ready (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code, signal) => reject(new Error(`server process exited (${code ?? signal}) before it was ready`)));
  });
  const ended = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      child.removeAllListeners('exit');
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.on('exit', () => resolve());
      child.kill(signal);
    });
  return { url: `http://127.0.0.1:${port}`, port, pid: child.pid!, stop: () => ended('SIGTERM'), kill9: () => ended('SIGKILL') };
}
