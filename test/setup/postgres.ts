import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '../free-port.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string | null;
  }
}

/**
 * Gives the `postgres` project a real PostgreSQL: TEST_DATABASE_URL if set, else a throw-away cluster
 * (initdb in a temp dir, free port) that is removed afterwards. Without PostgreSQL the project is
 * skipped locally with a warning, and fails under CI=true.
 */
export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_URL) {
    project.provide('postgresUrl', process.env.TEST_DATABASE_URL);
    return;
  }
  const bin = findPostgresBin();
  if (!bin) {
    const msg = 'PostgreSQL not found (apt-get install postgresql, or set TEST_DATABASE_URL)';
    if (process.env.CI) throw new Error(msg);
    console.warn(`\n⚠  ${msg}: the PostgreSQL integration project is SKIPPED on this machine.\n`);
    project.provide('postgresUrl', null);
    return;
  }
  const cluster = await startCluster(bin);
  project.provide('postgresUrl', cluster.url);
  return () => cluster.stop();
}

export interface Cluster {
  /** The `postgres` database of the cluster, as its superuser. */
  url: string;
  /** The same database over the cluster's Unix socket, as a server on the database's own host connects. */
  socketUrl: string;
  /** Stops the server (`immediate`: as a crash would, `fast`: cleanly) and starts it again on the same port. */
  restart(mode?: 'fast' | 'immediate'): void;
  stop(): void;
  /** The server's main process id (its backends are its children), for benchmarks that count its CPU. */
  pid(): number;
}

/**
 * A throw-away cluster: initdb in a temp dir, a free port, fsync off. `settings` adds server settings
 * (`-c name=value`; a benchmark gives its cluster a database server's memory, e.g. shared_buffers).
 */
export async function startCluster(bin = findPostgresBin(), settings: Record<string, string> = {}): Promise<Cluster> {
  if (!bin) throw new Error('PostgreSQL not found (apt-get install postgresql)');
  const dir = mkdtempSync(path.join(tmpdir(), 'qldv-pg-'));
  chmodSync(dir, 0o777);
  const data = path.join(dir, 'data');
  const port = await freePort();
  // initdb refuses to run as root; the Debian package creates a `postgres` user for this.
  const asUser = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  const command = (cmd: string, args: string[]): [string, string[]] => {
    const [exe, ...rest] = [...asUser, path.join(bin, cmd), ...args];
    return [exe, rest];
  };
  const run = (cmd: string, args: string[]) => execFileSync(...command(cmd, args), { stdio: 'pipe' });
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off${Object.entries(settings)
    .map(([k, v]) => ` -c ${k}=${v}`)
    .join('')}`;
  const start = () => run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-o', options, 'start']);
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C']);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    socketUrl: `postgres://postgres@${encodeURIComponent(dir)}:${port}/postgres`,
    restart(mode = 'immediate') {
      run('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
      start();
    },
    pid: () => Number(readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]),
    stop() {
      spawnSync(...command('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']), { stdio: 'pipe' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function findPostgresBin(): string | null {
  const candidates = ['/usr/lib/postgresql'].filter(existsSync).flatMap((root) =>
    readdirSync(root)
      .sort((a, b) => Number(b) - Number(a))
      .map((v) => path.join(root, v, 'bin')),
  );
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  if (which) candidates.unshift(path.dirname(which));
  return candidates.find((c) => existsSync(path.join(c, 'initdb')) && existsSync(path.join(c, 'pg_ctl'))) ?? null;
}

