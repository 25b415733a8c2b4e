/**
 * How many participants one Janus carries on this machine (issue #13 "Done when"), with synthetic clients:
 * werift peers (real ICE/DTLS/SRTP, no browser, no decoder) in bench worker processes join one VideoRoom
 * (created with the project's JanusVideoRoomClient on a Janus the project's launcher starts) inside a
 * network namespace (veth pair, as the browser test). Every participant publishes VP8 320×180 at 15 fps
 * (a clip Chromium's encoder made once, looped) and 20 ms Opus frames, and receives the video and audio of
 * its last-N others (BENCH_MEETING_LAST_N, default 4: participant i takes the N who joined just before it,
 * wrapping around, so every feed has N viewers). The room grows in steps (BENCH_MEETING_STEPS, default
 * 10,25,50,75,100); each step is measured over BENCH_MEETING_SECONDS (default 10) after every link is up:
 * complete VP8 frames reassembled per subscriber per second (min/median, against the 15 sent), audio packets,
 * packet loss, key frames' picture size, Janus's CPU and RSS, the bench's own CPU and the machine's.
 * It stops at the first step whose median subscriber gets less than 80 % of the frames or audio sent, or when Janus
 * and the clients together use ≥ 90 % of the machine's cores, and prints "one Janus carries N participants" last.
 * Needs root (ip netns), janus, and Chromium once (to encode the clip; cached in the temp dir).
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JanusVideoRoomClient } from '../src/modules/meeting/media/janus-client.ts';
import { findJanus, launchJanus } from '../src/modules/meeting/media/launcher.ts';
import { createNetns, janusMissing, netnsUnavailable } from '../test/meeting/netns.ts';
import { loadClip } from './meeting/clip.ts';
import { janusPerCore, lastN, stepVerdict, type Snapshot } from './meeting/measure.ts';

const STEPS = (process.env.BENCH_MEETING_STEPS ?? '10,25,50,75,100').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_MEETING_SECONDS ?? 10);
const LAST_N = Number(process.env.BENCH_MEETING_LAST_N ?? 4);
const WORKERS = Number(process.env.BENCH_MEETING_WORKERS ?? 2);
const FPS = 15;
const here = path.dirname(fileURLToPath(import.meta.url));

const why = janusMissing() ?? netnsUnavailable() ?? (await import('werift').then(() => null, () => 'werift is not installed (npm install)'));
if (why) {
  console.log(`meeting-janus: skipped (${why})`);
  process.exit(0);
}

// Outside the namespace: make it, run this script again inside it, remove it.
if (!process.env.BENCH_MEETING_NETNS) {
  const ns = createNetns(`qldv-mbench-${process.pid}`);
  const r = spawnSync(ns.exec[0], [...ns.exec.slice(1), process.execPath, '--import', 'tsx', fileURLToPath(import.meta.url)], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_MEETING_NETNS: ns.name },
  });
  ns.remove();
  process.exit(r.status ?? 1);
}

const ticks = (pid: number | 'self') => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(f[11]) + Number(f[12]); // utime + stime, 1/100 s
};
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const machine = () => {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
  return { idle: f[3] + f[4], total: f.slice(0, 8).reduce((a, b) => a + b, 0) };
};
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class Worker {
  private seq = 0;
  private readonly waiting = new Map<number, (m: any) => void>();
  constructor(readonly child: ChildProcess) {
    child.on('message', (m: any) => {
      this.waiting.get(m.id)?.(m);
      this.waiting.delete(m.id);
    });
    child.on('exit', (code) => {
      for (const w of this.waiting.values()) w({ error: `bench worker exited (${code})` });
      this.waiting.clear();
    });
  }
  async call<T = any>(cmd: string, args: Record<string, unknown> = {}): Promise<T> {
    const id = ++this.seq;
    const answer = new Promise<any>((r) => this.waiting.set(id, r));
    this.child.send({ id, cmd, ...args });
    const m = await answer;
    if (m.error) throw new Error(m.error);
    return m;
  }
}

const clip = await loadClip({ width: 320, height: 180, fps: FPS, seconds: 4, kbps: 250 });
const bytesPerFrame = clip.frames.reduce((a, f) => a + f.length, 0) / clip.frames.length;
/** What one participant sends (packets/s): 50 audio + the clip's video packets (1,100 B of VP8 per packet). */
const perParticipantPps = 50 + (FPS * clip.frames.reduce((a, f) => a + Math.ceil(f.length / 1100), 0)) / clip.frames.length;
const work = mkdtempSync(path.join(tmpdir(), 'qldv-mbench-'));
const janus = await launchJanus({ binary: findJanus(process.env.JANUS_BIN ?? 'janus')!, dir: path.join(work, 'janus'), iceEnforceList: ['veth0'], debugLevel: 3 });
const admin = new JanusVideoRoomClient({ url: janus.url, adminKey: janus.roomAdminKey });
const room = { room: 4242, pin: randomBytes(4).toString('hex'), secret: randomBytes(8).toString('hex') };
await admin.createRoom({ ...room, description: 'bench', publishers: Math.max(...STEPS) });

const workers = Array.from(
  { length: WORKERS },
  () => new Worker(fork(path.join(here, 'meeting/worker.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })),
);
await Promise.all(workers.map((w) => w.call('init', { url: janus.url, room: room.room, pin: room.pin, clip: clip.file, fps: FPS })));

const snapshot = async (): Promise<Snapshot> => {
  const parts = await Promise.all(workers.map((w) => w.call('snapshot')));
  return {
    at: performance.now(),
    participants: parts.flatMap((p) => p.participants),
    lag: { meanMs: Math.max(...parts.map((p) => p.lag.meanMs)), maxMs: Math.max(...parts.map((p) => p.lag.maxMs)) },
  };
};

console.log(
  `meeting-janus: clip ${clip.width}×${clip.height} VP8, ${clip.frames.length} frames at ${FPS} fps, ${Math.round(bytesPerFrame)} B/frame (≈ ${Math.round((bytesPerFrame * 8 * FPS) / 1000)} kbit/s); ` +
    `last-N ${LAST_N} (video and audio); ${WORKERS} bench workers; steps ${STEPS.join(',')}; ${SECONDS} s each; load average ${loadavg()}`,
);

const feeds: number[] = []; // by join order
const displays: string[] = [];
const subscribed = new Map<string, string>();
const rows: string[] = [];
let carried = 0;
let janusBest: { usPerPacket: number; participants: number; at: number } | null = null;
let limit = `the last step (${STEPS.at(-1)}) still passed`;
try {
  for (const n of STEPS) {
    try {
      // Join the new participants (round-robin over the workers), then (re)subscribe whoever's last-N changed.
      const joining = new Map<Worker, string[]>();
      for (let i = displays.length; i < n; i++) {
        const w = workers[i % WORKERS];
        joining.set(w, [...(joining.get(w) ?? []), `P${i + 1}`]);
      }
      const t0 = Date.now();
      const joined = await Promise.all([...joining].map(([w, d]) => w.call<{ feeds: Record<string, number> }>('join', { displays: d })));
      for (let i = displays.length; i < n; i++) {
        displays.push(`P${i + 1}`);
        feeds.push(joined.map((j) => j.feeds[`P${i + 1}`]).find((f) => f !== undefined)!);
      }
      const plans = new Map<Worker, Record<string, number[]>>();
      for (let i = 0; i < n; i++) {
        const want = lastN(i, n, LAST_N).map((j) => feeds[j]);
        if (subscribed.get(displays[i]) === want.join(',')) continue;
        subscribed.set(displays[i], want.join(','));
        const w = workers[i % WORKERS];
        plans.set(w, { ...(plans.get(w) ?? {}), [displays[i]]: want });
      }
      await Promise.all([...plans].map(([w, plan]) => w.call('subscribe', { plan })));
      const setup = (Date.now() - t0) / 1000;
      // Settle: every link has delivered a frame (or 30 s), then a few seconds more.
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const s = await snapshot();
        const links = s.participants.flatMap((p) => p.links);
        if (links.length >= n * Math.min(LAST_N, n - 1) * 2 && links.every((l) => l.packets > 0 && (l.kind === 'audio' || l.frames > 0))) break;
        await sleep(1000);
      }
      await sleep(3000);
      const a = await snapshot();
      const cpu0 = { janus: ticks(janus.pid), bench: ticks('self') + workers.reduce((s, w) => s + ticks(w.child.pid!), 0), machine: machine() };
      await sleep(SECONDS * 1000);
      const b = await snapshot();
      const cpu1 = { janus: ticks(janus.pid), bench: ticks('self') + workers.reduce((s, w) => s + ticks(w.child.pid!), 0), machine: machine() };
      const secs = (b.at - a.at) / 1000;
      const v = stepVerdict(a, b, { participants: n, lastN: LAST_N, fps: FPS, width: clip.width, height: clip.height });
      const janusCpu = (cpu1.janus - cpu0.janus) / 100 / secs;
      const benchCpu = (cpu1.bench - cpu0.bench) / 100 / secs;
      const busy = 1 - (cpu1.machine.idle - cpu0.machine.idle) / (cpu1.machine.total - cpu0.machine.total);
      const perCore = janusPerCore(janusCpu, v.packetsInPerSecond, v.packetsPerSecond, perParticipantPps, Math.min(LAST_N, n - 1));
      const row =
        `${n} participants (set up in ${setup.toFixed(0)} s): ${v.videoLinks}/${v.expectedLinks} video links delivering; ` +
        `frames/s per subscriber min ${v.fpsMin.toFixed(1)} median ${v.fpsMedian.toFixed(1)} (sent ${v.sentFpsMedian.toFixed(1)}); ` +
        `audio packets/s per link median ${v.audioPpsMedian.toFixed(0)}; loss ${(v.loss * 100).toFixed(2)} %; ` +
        `key frames ${v.keyFrames} (${v.badFrames ? `${v.badFrames} bad or not ${clip.width}×${clip.height}` : `all ${clip.width}×${clip.height}`}); ` +
        `Janus ${(janusCpu * 100).toFixed(0)} % of a core, ${rssMb(janus.pid).toFixed(0)} MB RSS, ${Math.round(v.packetsInPerSecond)} packets/s in, ${Math.round(v.packetsPerSecond)} out, ${perCore.usPerPacket.toFixed(0)} µs a packet; ` +
        `bench ${(benchCpu * 100).toFixed(0)} % of a core (send lag max ${b.lag.maxMs.toFixed(0)} ms); machine ${(busy * 100).toFixed(0)} % busy, load ${loadavg()}`;
      console.log(row);
      rows.push(row);
      // Carried: the median subscriber gets ≥ 80 % of the frames sent and of the audio packets (50/s), on ≥ 95 % of the links.
      const ok = v.fpsMedian >= 0.8 * FPS && v.audioPpsMedian >= 0.8 * 50 && v.videoLinks >= 0.95 * v.expectedLinks;
      if (!ok) {
        // Who gave out: clients that fell behind their send schedule (or lost packets they were sent) vs Janus.
        const clientsBehind = b.lag.maxMs > 200 || v.sentFpsMedian < 0.95 * FPS;
        const others = busy >= 0.95 && janusCpu + benchCpu < 0.9 * cpus().length;
        limit =
          `${n} did not (median ${v.fpsMedian.toFixed(1)} of ${FPS} frames/s, ${v.audioPpsMedian.toFixed(0)} of 50 audio packets/s, ${v.videoLinks}/${v.expectedLinks} links): ` +
          (clientsBehind ? `the bench clients fell behind (send lag up to ${b.lag.maxMs.toFixed(0)} ms, ${(benchCpu * 100).toFixed(0)} % of a core)` : `Janus fell behind (${(janusCpu * 100).toFixed(0)} % of a core)`) +
          (others ? `, on a machine other work kept ${(busy * 100).toFixed(0)} % busy (load ${loadavg()})` : '');
        break;
      }
      carried = n;
      // The largest step carried gives the best-measured cost per packet (fixed costs spread widest).
      janusBest = { ...perCore, at: n };
      // Saturated by this bench (Janus and its clients own ≥ 90 % of the cores): a larger step measures nothing more.
      // (Other work on a shared machine also shows in "machine % busy" and the load average, printed per step.)
      if (janusCpu + benchCpu >= 0.9 * cpus().length) {
        limit = `the machine's CPU was saturated at ${n} (Janus ${(janusCpu * 100).toFixed(0)} % + bench ${(benchCpu * 100).toFixed(0)} % of a core, ${cpus().length} cores)`;
        break;
      }
    } catch (err) {
      rows.push(`${n} participants: not reached (${(err as Error).message.split('\n')[0]})`);
      console.log(rows.at(-1));
      limit = `${n} could not be set up`;
      break;
    }
  }
} finally {
  await Promise.all(workers.map((w) => w.call('stop').catch(() => {})));
  await admin.destroyRoom(room.room, room.secret).catch(() => {});
  await admin.close();
  await janus.stop();
  rmSync(work, { recursive: true, force: true });
}
console.log(`\nmeeting-janus (${new Date().toISOString().slice(0, 16)}Z, load average ${loadavg()}):\n${rows.join('\n')}`);
console.log(
  `one Janus carries ${carried} participants on this machine (each publishing VP8 ${clip.width}×${clip.height} ${FPS} fps + Opus, receiving last-${LAST_N} video and audio; ` +
    `median subscriber ≥ 80 % of the frames and audio packets sent); ${limit}` +
    (janusBest
      ? `; Janus itself spent ${janusBest.usPerPacket.toFixed(0)} µs of CPU a packet at ${janusBest.at}, so one core of Janus alone would carry ≈ ${janusBest.participants} participants at this policy (${Math.round(perParticipantPps)} packets/s a stream)`
      : ''),
);
