/**
 * The VP8 clip the synthetic publishers send: a few seconds of Chromium's fake camera (the moving test
 * pattern every browser test here sees), encoded once by Chromium's own VP8 encoder through MediaRecorder,
 * taken out of the WebM and cached as an IVF file in the temp dir (no ffmpeg on this machine). The clip
 * starts with a key frame; a publisher loops it, so every loop starts with a key frame again.
 * BENCH_MEETING_CLIP names an IVF file to use instead.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readIvf, webmVp8Frames, writeIvf } from './media-files.ts';
import { vp8KeyFrameSize } from './vp8.ts';

export interface Clip {
  width: number;
  height: number;
  fps: number;
  frames: Buffer[];
  file: string;
}

export async function loadClip(o: { width: number; height: number; fps: number; seconds: number; kbps: number }): Promise<Clip> {
  const file = process.env.BENCH_MEETING_CLIP ?? path.join(tmpdir(), `qldv-bench-vp8-${o.width}x${o.height}-${o.fps}fps-${o.kbps}k-${o.seconds}s.ivf`);
  if (!existsSync(file)) {
    if (process.env.BENCH_MEETING_CLIP) throw new Error(`BENCH_MEETING_CLIP ${file} does not exist`);
    writeFileSync(file, await recordClip(o));
  }
  const ivf = readIvf(readFileSync(file));
  const size = vp8KeyFrameSize(ivf.frames[0] ?? Buffer.alloc(0));
  if (!size) throw new Error(`${file}: the first frame is not a VP8 key frame`);
  return { width: size.width, height: size.height, fps: o.fps, frames: ivf.frames, file };
}

async function recordClip(o: { width: number; height: number; fps: number; seconds: number; kbps: number }): Promise<Buffer> {
  const { chromium } = await import('playwright-core');
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`Chromium (${executablePath}) is needed once to encode the VP8 clip`);
  // getUserMedia needs a secure context: a page from 127.0.0.1.
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>clip</title>'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as { port: number }).port}/`);
    const bytes: number[] = await page.evaluate(async (o) => {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: o.width }, height: { ideal: o.height }, frameRate: { ideal: o.fps, max: o.fps } } });
      const rec = new MediaRecorder(stream, { mimeType: 'video/webm;codecs=vp8', videoBitsPerSecond: o.kbps * 1000 });
      const chunks: Blob[] = [];
      rec.ondataavailable = (e) => chunks.push(e.data);
      const stopped = new Promise((r) => (rec.onstop = r));
      rec.start();
      await new Promise((r) => setTimeout(r, o.seconds * 1000 + 300));
      rec.stop();
      await stopped;
      stream.getTracks().forEach((t) => t.stop());
      return Array.from(new Uint8Array(await new Blob(chunks).arrayBuffer()));
    }, o);
    const frames = webmVp8Frames(new Uint8Array(bytes)).map((f) => f.frame);
    const wanted = frames.slice(0, Math.round(o.seconds * o.fps));
    if (!wanted.length || !vp8KeyFrameSize(wanted[0])) throw new Error('Chromium recorded no VP8 key frame');
    return writeIvf(wanted, o.width, o.height, o.fps);
  } finally {
    await browser.close();
    server.close();
  }
}
