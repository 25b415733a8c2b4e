/**
 * What the meeting bench computes from two snapshots of its participants' counters (pure; tests in
 * test/meeting/bench-measure.test.ts): who subscribes to whom (last-N), and a step's figures.
 */
import type { LinkCounters } from './participant.ts';

export interface ParticipantSnapshot {
  display: string;
  framesSent: number;
  audioSent: number;
  packetsSent: number;
  keyFrameRequests: number;
  links: LinkCounters[];
}

export interface Snapshot {
  /** performance.now() when taken (ms). */
  at: number;
  participants: ParticipantSnapshot[];
  lag: { meanMs: number; maxMs: number };
}

/** The last-N of participant `i` among `n` (join order): the `count` who joined just before it, wrapping around. */
export function lastN(i: number, n: number, count: number): number[] {
  const out: number[] = [];
  for (let d = 1; d <= Math.min(count, n - 1); d++) out.push((((i - d) % n) + n) % n);
  return out;
}

export function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export interface StepFigures {
  expectedLinks: number;
  /** Video links whose complete-frame count grew during the window. */
  videoLinks: number;
  /** Per subscriber: complete frames per second averaged over the video links it should have (a missing link counts 0). */
  fpsMin: number;
  fpsMedian: number;
  sentFpsMedian: number;
  audioPpsMedian: number;
  /** Lost / (received + lost) over every link, audio and video. */
  loss: number;
  keyFrames: number;
  badFrames: number;
  /** RTP packets per second all subscribers received (what Janus sent). */
  packetsPerSecond: number;
  /** RTP packets per second all publishers sent (what Janus received). */
  packetsInPerSecond: number;
}

const key = (l: LinkCounters) => `${l.kind}:${l.feed}`;

export function stepVerdict(a: Snapshot, b: Snapshot, o: { participants: number; lastN: number; fps: number; width: number; height: number }): StepFigures {
  const secs = (b.at - a.at) / 1000;
  const per = Math.min(o.lastN, o.participants - 1);
  const before = new Map(a.participants.map((p) => [p.display, p]));
  const fps: number[] = [];
  const sent: number[] = [];
  const audio: number[] = [];
  let videoLinks = 0;
  let lost = 0;
  let received = 0;
  let keyFrames = 0;
  let badFrames = 0;
  let packetsIn = 0;
  for (const p of b.participants) {
    const p0 = before.get(p.display);
    if (!p0) continue;
    sent.push((p.framesSent - p0.framesSent) / secs);
    packetsIn += p.packetsSent - p0.packetsSent;
    const links0 = new Map(p0.links.map((l) => [key(l), l]));
    let frames = 0;
    for (const l of p.links) {
      const l0 = links0.get(key(l));
      if (!l0) continue; // subscribed during the window: not measured
      const packets = l.packets - l0.packets;
      received += packets;
      lost += Math.max(0, l.lost - l0.lost);
      if (l.kind === 'audio') {
        audio.push(packets / secs);
        continue;
      }
      const f = l.frames - l0.frames;
      frames += f;
      if (f > 0) videoLinks++;
      keyFrames += l.keyFrames - l0.keyFrames;
      badFrames += l.badFrames - l0.badFrames;
    }
    if (per > 0) fps.push(frames / per / secs);
  }
  return {
    expectedLinks: o.participants * per,
    videoLinks,
    fpsMin: fps.length ? Math.min(...fps) : 0,
    fpsMedian: median(fps),
    sentFpsMedian: median(sent),
    audioPpsMedian: median(audio),
    loss: received + lost ? lost / (received + lost) : 0,
    keyFrames,
    badFrames,
    packetsPerSecond: received / secs,
    packetsInPerSecond: packetsIn / secs,
  };
}

/**
 * Janus's cost per RTP packet it handled (received from publishers plus sent to subscribers) in µs of CPU,
 * and how many participants that cost lets one core carry when each participant sends `perParticipantPps`
 * packets/s and receives `lastN` such streams: Janus handles perParticipantPps × (1 + lastN) per participant.
 */
export function janusPerCore(janusCoreShare: number, packetsIn: number, packetsOut: number, perParticipantPps: number, lastN: number) {
  const usPerPacket = packetsIn + packetsOut > 0 ? (janusCoreShare * 1e6) / (packetsIn + packetsOut) : 0;
  const participants = usPerPacket > 0 ? Math.floor(1e6 / usPerPacket / (perParticipantPps * (1 + lastN))) : 0;
  return { usPerPacket, participants };
}
