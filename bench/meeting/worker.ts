/**
 * A bench worker process (forked by bench/meeting-janus.ts, inside its network namespace): holds a share
 * of the synthetic participants on one Janus session and answers the orchestrator's IPC commands.
 *   init {url, room, pin, clip, fps}       → {}
 *   join {displays}                         → {feeds: {display: feedId}}
 *   subscribe {plan: {display: feedIds}}    → {}
 *   snapshot                                → {participants: [...], lagMs}
 *   stop                                    → {} then exit
 */
import { readFileSync } from 'node:fs';
import { JanusHttpSession } from './janus-http.ts';
import { readIvf } from './media-files.ts';
import { SyntheticParticipant } from './participant.ts';
import { vp8KeyFrameSize } from './vp8.ts';
import type { Clip } from './clip.ts';

let session: JanusHttpSession;
let room: { room: number; pin: string };
let clip: Clip;
const participants = new Map<string, SyntheticParticipant>();
const sending: SyntheticParticipant[] = [];

// The send loop: every 5 ms, each publisher sends what is due. Its lateness shows whether this process keeps up.
const TICK = 5;
let last = performance.now();
let lagSum = 0;
let lagTicks = 0;
let lagMax = 0;
setInterval(() => {
  const now = performance.now();
  const lag = Math.max(0, now - last - TICK);
  last = now;
  lagSum += lag;
  lagTicks++;
  lagMax = Math.max(lagMax, lag);
  for (const p of sending) p.pump(now);
}, TICK);

/** Runs `fn` over `items`, `limit` at a time. */
async function pool<T>(items: T[], limit: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  }));
}

const handlers: Record<string, (m: any) => Promise<unknown>> = {
  async init(m) {
    session = await JanusHttpSession.create(m.url);
    room = { room: m.room, pin: m.pin };
    const ivf = readIvf(readFileSync(m.clip));
    const size = vp8KeyFrameSize(ivf.frames[0])!;
    clip = { width: size.width, height: size.height, fps: m.fps, frames: ivf.frames, file: m.clip };
    return {};
  },
  async join(m) {
    const feeds: Record<string, number> = {};
    await pool(m.displays as string[], 4, async (display) => {
      const p = new SyntheticParticipant(session, room, display, clip);
      await p.publish();
      participants.set(display, p);
      sending.push(p);
      feeds[display] = p.feedId;
    });
    return { feeds };
  },
  async subscribe(m) {
    await pool(Object.entries(m.plan as Record<string, number[]>), 4, async ([display, feeds]) => {
      await participants.get(display)!.subscribe(feeds);
    });
    return {};
  },
  async snapshot() {
    const out = [...participants.values()].map((p) => ({
      display: p.display,
      framesSent: p.framesSent,
      audioSent: p.audioSent,
      packetsSent: p.packetsSent,
      keyFrameRequests: p.keyFrameRequests,
      links: p.counters(),
    }));
    const lag = { meanMs: lagTicks ? lagSum / lagTicks : 0, maxMs: lagMax };
    lagSum = lagTicks = lagMax = 0;
    return { participants: out, lag };
  },
  async stop() {
    sending.length = 0;
    await pool([...participants.values()], 8, (p) => p.leave());
    await session?.close();
    setTimeout(() => process.exit(0), 100);
    return {};
  },
};

process.on('message', (m: any) => {
  const h = handlers[m.cmd];
  if (!h) return void process.send!({ id: m.id, error: `unknown command ${m.cmd}` });
  h(m).then(
    (r) => process.send!({ id: m.id, ...(r as object) }),
    (err: Error) => process.send!({ id: m.id, error: err.message }),
  );
});
process.on('disconnect', () => process.exit(0));
