/**
 * The meeting browser tests' recipe (../shared/reference/meeting-ekyc.md §2.5): Chromium with fake
 * camera and microphone, run inside the test's network namespace (Playwright talks to it over pipes,
 * which cross namespaces), and what each page receives per peer connection (getStats).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Netns } from './netns.ts';

export async function chromiumInNetns(ns: Netns, chromiumPath: string, workDir: string): Promise<Browser> {
  const wrapper = path.join(workDir, 'chromium-in-netns.sh');
  writeFileSync(wrapper, `#!/bin/sh\nexec ${ns.exec.join(' ')} ${chromiumPath} "$@"\n`, { mode: 0o755 });
  return chromium.launch({
    executablePath: wrapper,
    args: [
      '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

export interface Link {
  kind: string;
  feedId?: number;
  state: string;
  /** Decoded video frames received so far. */
  video: number;
  /** Audio bytes received so far. */
  audio: number;
}

/** Per peer connection of the room page: its state, and the decoded video frames and audio bytes received so far. */
export const links = (page: Page): Promise<Link[]> =>
  page.evaluate(async () => {
    const room = (window as any).__qldvMeeting;
    const out = [];
    for (const { kind, feedId, pc } of room.peerConnections()) {
      let video = 0;
      let audio = 0;
      (await pc.getStats()).forEach((s: any) => {
        if (s.type !== 'inbound-rtp') return;
        if (s.kind === 'video') video += s.framesDecoded ?? 0;
        if (s.kind === 'audio') audio += s.bytesReceived ?? 0;
      });
      out.push({ kind, feedId, state: pc.connectionState, video, audio });
    }
    return out;
  });

export const subscribers = async (page: Page) => (await links(page)).filter((l) => l.kind === 'subscriber');
