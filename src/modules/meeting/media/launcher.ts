/**
 * Starts a local Janus for `npm start` when no JANUS_URLS is configured and the `janus` binary is
 * installed (Debian: apt-get install janus): the config is generated into the data dir, HTTP and admin
 * on free local ports, and the process is stopped with the system.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { janusConfigFiles, type JanusConfigOptions } from './janus-config.ts';

export const JANUS_INSTALL_HINT = 'Janus is not installed: apt-get install janus (Debian/Ubuntu), then restart QLDV; or set JANUS_URLS.';

/** The janus binary on PATH (or the one given), or null. */
export function findJanus(binary = 'janus'): string | null {
  if (binary.includes('/')) return existsSync(binary) ? binary : null;
  const found = spawnSync('sh', ['-c', `command -v ${binary}`], { encoding: 'utf8' }).stdout.trim();
  return found || null;
}

async function freeLocalPort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, host, () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface LocalJanus {
  /** Janus API base for our server, e.g. http://127.0.0.1:41234/janus */
  url: string;
  adminUrl: string;
  adminSecret: string;
  roomAdminKey: string;
  pid: number;
  stop(): Promise<void>;
}

export interface LaunchOptions extends Partial<Pick<JanusConfigOptions, 'iceEnforceList' | 'iceIgnoreList' | 'publicIp' | 'rtpPortRange' | 'debugLevel'>> {
  binary: string;
  /** The generated config and Janus's log go to <dir>/janus.jcfg etc. and <dir>/janus.log */
  dir: string;
  host?: string;
  httpPort?: number;
  roomAdminKey?: string;
  startTimeoutMs?: number;
}

export async function launchJanus(o: LaunchOptions): Promise<LocalJanus> {
  const host = o.host ?? '127.0.0.1';
  mkdirSync(o.dir, { recursive: true });
  const httpPort = o.httpPort || (await freeLocalPort(host));
  const adminPort = await freeLocalPort(host);
  const adminSecret = randomBytes(16).toString('hex');
  const roomAdminKey = o.roomAdminKey ?? randomBytes(16).toString('hex');
  const files = janusConfigFiles({
    configsFolder: o.dir,
    httpPort,
    httpIp: host,
    adminPort,
    adminSecret,
    roomAdminKey,
    iceEnforceList: o.iceEnforceList,
    iceIgnoreList: o.iceIgnoreList,
    publicIp: o.publicIp,
    rtpPortRange: o.rtpPortRange,
    debugLevel: o.debugLevel,
  });
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(o.dir, name), text, { mode: 0o600 });
  const log = createWriteStream(path.join(o.dir, 'janus.log'), { flags: 'a' });
  const child: ChildProcess = spawn(o.binary, [`--config=${path.join(o.dir, 'janus.jcfg')}`, `--configs-folder=${o.dir}`, '--disable-colors'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exited = false;
  // Janus never outlives this process, even when it ends without a clean shutdown.
  const orphanGuard = () => void child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      process.off('exit', orphanGuard);
      resolve();
    }),
  );
  const url = `http://${host}:${httpPort}/janus`;
  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exit;
      clearTimeout(t);
    }
    log.end();
  };
  const deadline = Date.now() + (o.startTimeoutMs ?? 15_000);
  for (;;) {
    if (exited) throw new Error(`Janus exited at start; see ${path.join(o.dir, 'janus.log')}`);
    const ok = await fetch(`${url}/info`, { signal: AbortSignal.timeout(1000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Janus did not answer on ${url} within ${o.startTimeoutMs ?? 15_000} ms; see ${path.join(o.dir, 'janus.log')}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return { url, adminUrl: `http://${host}:${adminPort}/admin`, adminSecret, roomAdminKey, pid: child.pid!, stop };
}
