import { availableParallelism } from 'node:os';
/** What the HTTP benchmarks share: a server in its own process, closed-loop clients, percentiles, RSS. */
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { spawnServer, type ServerProcess } from '../test/spawn-server.ts';

export type Served = ServerProcess;

/** The server of an HTTP benchmark, in its own process, on a fixed clock (BENCH_NOW). */
export const serve = (database: string, env: Record<string, string> = {}): Promise<Served> =>
  spawnServer(database, { SERVE_NOW: process.env.BENCH_NOW ?? '2026-03-02T02:00:00Z', ...env });

/*
 * The benchmarks' clients share the machine's two cores with the server and PostgreSQL, so they are
 * kept light: node:http over kept-alive connections costs a third of fetch's CPU per request (fetch
 * builds WHATWG streams and headers for every request and answer).
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** One request with a JSON answer: its status and parsed body. */
export function requestJson(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? 'GET', headers: init.headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        try {
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null });
        } catch (e) {
          reject(new Error(`HTTP ${res.statusCode} ${url}: not JSON: ${text.slice(0, 200)}`, { cause: e }));
        }
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** Resident memory of a process, in MB (Linux). */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** CPU time a process (or one of its threads: `thread`) has used so far (user + system), in ms (Linux, 100 ticks per second). */
export function cpuMs(pid: number, thread?: number): number {
  const fields = readFileSync(thread ? `/proc/${pid}/task/${thread}/stat` : `/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU time a process and its children (alive or waited for) have used so far, in ms: PostgreSQL and its backends. */
export function treeCpuMs(pid: number): number {
  const stat = (p: number | string) => readFileSync(`/proc/${p}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  const own = stat(pid);
  let total = (Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14])) * 10;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const f = stat(entry);
      if (Number(f[1]) === pid) total += (Number(f[11]) + Number(f[12])) * 10;
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
}

/** Samples a process's RSS every 200 ms until stopped; returns the highest seen. */
export function peakRss(pid: number): () => number {
  let peak = rssMb(pid);
  const t = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 200);
  return () => {
    clearInterval(t);
    return Math.max(peak, rssMb(pid));
  };
}

export interface LoadResult {
  count: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/** Runs `requests` (each a thunk) with `clients` in flight at all times; latencies in ms. */
export async function closedLoop<T>(clients: number, requests: (() => Promise<T>)[], check?: (r: T) => void): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const req = requests[next++];
      const t0 = performance.now();
      const r = await req();
      latencies.push(performance.now() - t0);
      check?.(r);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { count: requests.length, seconds, perSecond: requests.length / seconds, p50: at(0.5), p99: at(0.99) };
}

/** A phase's figures with the CPU its requests cost (ms each): the server, its main thread, PostgreSQL (when watched) and the clients. */
export interface Costed extends LoadResult {
  cpuMsPerRequest: number;
  mainThreadMsPerRequest: number;
  mainThreadBusy: number;
  postgresCpuMsPerRequest?: number;
  clientCpuMsPerRequest: number;
}

/**
 * Runs a phase and measures the CPU per request of the server (`serverPid`), of PostgreSQL (the postmaster
 * `postgresPid` and its backends) and of this process (the clients): where the machine's cores go, whatever else it runs.
 */
export async function costed(serverPid: number, postgresPid: number | undefined, phase: () => Promise<LoadResult>): Promise<Costed> {
  const before = { server: cpuMs(serverPid), main: cpuMs(serverPid, serverPid), at: performance.now(), postgres: postgresPid ? treeCpuMs(postgresPid) : 0, client: process.cpuUsage() };
  const r = await phase();
  const client = process.cpuUsage(before.client);
  const main = cpuMs(serverPid, serverPid) - before.main;
  return {
    ...r,
    cpuMsPerRequest: (cpuMs(serverPid) - before.server) / r.count,
    mainThreadMsPerRequest: main / r.count,
    mainThreadBusy: main / (performance.now() - before.at),
    postgresCpuMsPerRequest: postgresPid ? (treeCpuMs(postgresPid) - before.postgres) / r.count : undefined,
    clientCpuMsPerRequest: (client.user + client.system) / 1000 / r.count,
  };
}

/**
 * The most requests per second this machine's CPU allows at what each cost in `r`, next to what `goal`/s would
 * allow: PostgreSQL's processes alone on all cores, and server + PostgreSQL + clients; without PostgreSQL's
 * figure (PGlite, the database inside the server) the server's main thread, which one core bounds.
 */
export function ceiling(r: Costed, goal: number): string {
  const cores = availableParallelism();
  const per = (ms: number) => `${Math.round((1000 * cores) / ms).toLocaleString('en')}/s`;
  if (r.postgresCpuMsPerRequest === undefined) return `on the server's main thread (PGlite inside): ${Math.round(1000 / r.mainThreadMsPerRequest).toLocaleString('en')}/s (${r.mainThreadMsPerRequest.toFixed(2)} ms per request)`;
  const all = r.cpuMsPerRequest + r.postgresCpuMsPerRequest + r.clientCpuMsPerRequest;
  return `on ${cores} cores: PostgreSQL alone ${per(r.postgresCpuMsPerRequest)}, server + PostgreSQL + clients ${per(all)} (${all.toFixed(2)} ms per request; ${goal.toLocaleString('en')}/s allows ${((1000 * cores) / goal).toFixed(2)})`;
}

const cpu = (label: string, ms?: number) => (ms === undefined ? '' : `   ${label} ${ms.toFixed(2)}`);

export const line = (label: string, r: LoadResult & Partial<Costed>, goal = '') =>
  `  ${label.padEnd(34)} ${Math.round(r.perSecond).toLocaleString('en-US').padStart(6)}/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms` +
  `${r.cpuMsPerRequest === undefined ? '' : '   CPU ms/req:'}${cpu('server', r.cpuMsPerRequest)}${cpu('PostgreSQL', r.postgresCpuMsPerRequest)}${cpu('clients', r.clientCpuMsPerRequest)}${r.mainThreadBusy === undefined ? '' : `   server main thread ${Math.round(100 * r.mainThreadBusy)} % busy`}${goal ? `   ${goal}` : ''}`;
