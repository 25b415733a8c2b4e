/**
 * The browser variant of bench/meeting-janus.ts (not in `npm run bench`: Chromium, not Janus, runs out
 * first on a small machine; run it with `npx tsx bench/meeting-janus-browsers.ts`): the whole system and
 * a local Janus inside a network namespace (as the browser test), then Chromium participants with fake
 * camera+mic join one meeting in steps (BENCH_MEETING_STEPS, default 3,6,9). Each participant publishes
 * and receives everyone else (the page's last-N is 9). Per step, over BENCH_MEETING_SECONDS (default 10):
 * links whose video frames decoded and audio bytes grew, frames decoded per second, RTP packets per second
 * Janus forwarded (received by all subscribers), and Janus's CPU (share of one core).
 * Needs root (ip netns), janus and chromium; the browsers share the machine's cores with Janus.
 */
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { createNetns, janusMissing, netnsUnavailable } from '../test/meeting/netns.ts';
import { LiveServerProcess } from '../test/meeting/live-server-client.ts';

const STEPS = (process.env.BENCH_MEETING_STEPS ?? '3,6,9').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_MEETING_SECONDS ?? 10);

const why = janusMissing() ?? netnsUnavailable();
if (why) {
  console.log(`meeting-janus: skipped (${why})`);
  process.exit(0);
}

const cpuTicks = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(f[11]) + Number(f[12]); // utime + stime, in 1/100 s
};

interface Totals { links: number; frames: number; audio: number; packets: number; flowing: Map<string, [number, number]> }
const sample = async (pages: Page[]): Promise<Totals> => {
  const t: Totals = { links: 0, frames: 0, audio: 0, packets: 0, flowing: new Map() };
  for (const [i, page] of pages.entries()) {
    const stats = await page.evaluate(async () => {
      const out: [number, number, number, number][] = [];
      for (const { kind, feedId, pc } of (window as any).__qldvMeeting.peerConnections()) {
        if (kind !== 'subscriber') continue;
        let v = 0, a = 0, p = 0;
        (await pc.getStats()).forEach((s: any) => {
          if (s.type !== 'inbound-rtp') return;
          p += s.packetsReceived ?? 0;
          if (s.kind === 'video') v += s.framesDecoded ?? 0;
          else a += s.bytesReceived ?? 0;
        });
        out.push([feedId, v, a, p]);
      }
      return out;
    });
    for (const [feed, v, a, p] of stats) {
      t.links++;
      t.frames += v;
      t.audio += a;
      t.packets += p;
      t.flowing.set(`${i}:${feed}`, [v, a]);
    }
  }
  return t;
};

const ns = createNetns(`qldv-bench-${process.pid}`);
const work = mkdtempSync(path.join(tmpdir(), 'qldv-bench-meet-'));
const wrapper = path.join(work, 'chromium.sh');
writeFileSync(wrapper, `#!/bin/sh\nexec ${ns.exec.join(' ')} /usr/bin/chromium "$@"\n`, { mode: 0o755 });
const server = await LiveServerProcess.start(ns.exec, { MEETING_TEST_DIR: path.join(work, 'janus') }, 180_000);
const browser = await chromium.launch({
  executablePath: wrapper,
  args: ['--no-sandbox', '--disable-gpu', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required', '--disable-background-timer-throttling', '--disable-renderer-backgrounding'],
});
const pages: Page[] = [];
const rows: string[] = [];
try {
  for (const n of STEPS) {
    try {
      while (pages.length < n) {
        const token = await server.mint({ meetingId: 'bench', displayName: `P${pages.length + 1}`, role: pages.length ? 'participant' : 'host', maxParticipants: 100 });
        const page = await (await browser.newContext()).newPage();
        await page.goto(`${server.baseUrl}/meeting/live#${token}`, { timeout: 90_000 });
        // 320×180 from the fake camera (the lowest setting the page offers is 360 p; this keeps the browsers' cost down).
        await page.evaluate(() => ((window as any).__qldvMeeting.settings.resolution = 180));
        await page.getByTestId('meeting-join').click();
        pages.push(page);
      }
      // Settle: every link set up (or the wait runs out).
      const expected = n * (n - 1);
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline && (await sample(pages)).links < expected) await new Promise((r) => setTimeout(r, 1000));
      await new Promise((r) => setTimeout(r, 3000));
      const a = await sample(pages);
      const c0 = cpuTicks(server.janusPid);
      const t0 = Date.now();
      await new Promise((r) => setTimeout(r, SECONDS * 1000));
      const b = await sample(pages);
      const secs = (Date.now() - t0) / 1000;
      const cpu = (cpuTicks(server.janusPid) - c0) / 100 / secs;
      let flowing = 0;
      for (const [k, [v, au]] of b.flowing) {
        const [v0, a0] = a.flowing.get(k) ?? [Infinity, Infinity];
        if (v > v0 && au > a0) flowing++;
      }
      const row = `${n} participants: ${flowing}/${expected} links with video frames and audio growing, ${((b.frames - a.frames) / secs).toFixed(0)} frames decoded/s, ${((b.packets - a.packets) / secs).toFixed(0)} RTP packets/s forwarded, Janus CPU ${(cpu * 100).toFixed(0)} % of one core`;
      console.log(row);
      rows.push(row);
    } catch (err) {
      // The machine (browsers, not Janus) gave out first: report how far it got.
      rows.push(`${n} participants: not reached (${(err as Error).message.split('\n')[0]})`);
      break;
    }
  }
} finally {
  await browser.close();
  await server.stop();
  ns.remove();
  rmSync(work, { recursive: true, force: true });
}
console.log(`\nmeeting-janus (${new Date().toISOString().slice(0, 10)}, load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}):\n${rows.join('\n')}`);
