/**
 * The pure parts of the meeting bench (bench/meeting/): VP8 RTP packetizing and frame reassembly, WebM and
 * IVF reading, the last-N plan and a step's figures. The bench itself (Janus, werift peers) is not a test.
 */
import { describe, expect, it } from 'vitest';
import { readIvf, webmVp8Frames, writeIvf } from '../../bench/meeting/media-files.ts';
import { janusPerCore, lastN, stepVerdict, type Snapshot } from '../../bench/meeting/measure.ts';
import { RtpSequence, vp8Descriptor, vp8FrameTagValid, vp8KeyFrameSize, vp8Packetize, Vp8FrameCounter } from '../../bench/meeting/vp8.ts';

/** A VP8 frame: key frames carry the start code and size; `length` bytes in all, the first partition 20 bytes. */
function vp8Frame(key: boolean, length: number, width = 320, height = 180): Buffer {
  const f = Buffer.alloc(length, 0x5a);
  const tag = (20 << 5) | (1 << 4) | (key ? 0 : 1);
  f[0] = tag & 0xff;
  f[1] = (tag >> 8) & 0xff;
  f[2] = (tag >> 16) & 0xff;
  if (key) {
    f.set([0x9d, 0x01, 0x2a], 3);
    f.writeUInt16LE(width, 6);
    f.writeUInt16LE(height, 8);
  }
  return f;
}

/** RTP packets of consecutive frames, as a sender numbers them. */
function packets(frames: Buffer[], maxPayload = 1100, seq0 = 65530) {
  const out: { sequenceNumber: number; timestamp: number; marker: boolean; payload: Buffer }[] = [];
  let seq = seq0;
  frames.forEach((f, i) => {
    const ps = vp8Packetize(f, 32760 + i, maxPayload);
    ps.forEach((payload, k) => out.push({ sequenceNumber: seq++ & 0xffff, timestamp: 3000 * (i + 1), marker: k === ps.length - 1, payload }));
  });
  return out;
}

describe('VP8 frames over RTP', () => {
  it('reads the key frame header; inter frames have none; a broken tag is invalid', () => {
    expect(vp8KeyFrameSize(vp8Frame(true, 100))).toEqual({ width: 320, height: 180 });
    expect(vp8KeyFrameSize(vp8Frame(false, 100))).toBeNull();
    expect(vp8FrameTagValid(vp8Frame(true, 100))).toBe(true);
    expect(vp8FrameTagValid(vp8Frame(false, 100))).toBe(true);
    expect(vp8FrameTagValid(vp8Frame(false, 10))).toBe(false); // first partition longer than the frame
    const noStartCode = vp8Frame(true, 100);
    noStartCode[4] = 0;
    expect(vp8FrameTagValid(noStartCode)).toBe(false);
  });

  it('packetizes with the payload descriptor Chrome sends (15-bit picture id, S on the first packet)', () => {
    const ps = vp8Packetize(vp8Frame(true, 2500), 0x1234, 1000);
    expect(ps.map((p) => p.length)).toEqual([1004, 1004, 504]);
    expect([...ps[0].subarray(0, 4)]).toEqual([0x90, 0x80, 0x92, 0x34]);
    expect(ps[1][0]).toBe(0x80);
    expect(vp8Descriptor(ps[0])).toEqual({ start: true, partition: 0, offset: 4 });
    expect(vp8Descriptor(ps[2])).toEqual({ start: false, partition: 0, offset: 4 });
    // Without extensions (X=0) the VP8 data starts at byte 1.
    expect(vp8Descriptor(Buffer.from([0x10, 0xaa]))).toEqual({ start: true, partition: 0, offset: 1 });
    expect(Buffer.concat(ps.map((p) => p.subarray(4)))).toEqual(vp8Frame(true, 2500));
  });

  it('reassembles whole frames across the sequence-number wrap, in any order, and checks key frame sizes', () => {
    const frames = [vp8Frame(true, 3000), vp8Frame(false, 900), vp8Frame(false, 1500), vp8Frame(true, 2000, 640, 360)];
    const ps = packets(frames);
    const c = new Vp8FrameCounter({ width: 320, height: 180 });
    for (const p of [...ps].reverse()) c.push(p);
    expect(c.stats).toMatchObject({ frames: 4, keyFrames: 2, badFrames: 1, width: 320, height: 180, packets: ps.length, lost: 0 }); // the last completed: frame 1
  });

  it('a frame missing a packet is not counted, and the gap counts as loss; a retransmission completes it', () => {
    const ps = packets([vp8Frame(true, 3000), vp8Frame(false, 2000), vp8Frame(false, 500)]);
    const c = new Vp8FrameCounter();
    const dropped = ps.splice(4, 1)[0]; // the second frame's second packet
    for (const p of ps) c.push(p);
    expect(c.stats).toMatchObject({ frames: 2, lost: 1 });
    c.push(dropped);
    expect(c.stats).toMatchObject({ frames: 3, lost: 0 });
    c.push(dropped); // a duplicate of a complete frame changes no count of frames
    expect(c.stats.frames).toBe(3);
  });

  it('counts loss per stream over the 16-bit wrap', () => {
    const s = new RtpSequence();
    for (const seq of [65533, 65534, 1, 2, 5]) s.push(seq);
    expect(s.lost).toBe(4); // 65535, 0, 3, 4
  });
});

describe('media files', () => {
  const vint = (n: number) => (n < 127 ? Buffer.from([0x80 | n]) : Buffer.from([0x40 | (n >> 8), n & 0xff]));
  const el = (id: number[], body: Buffer) => Buffer.concat([Buffer.from(id), vint(body.length), body]);
  const unknown = (id: number[], body: Buffer) => Buffer.concat([Buffer.from(id), Buffer.from([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), body]);
  const block = (track: number, frame: Buffer, key: boolean) => el([0xa3], Buffer.concat([Buffer.from([0x80 | track, 0, 0, key ? 0x80 : 0]), frame]));

  it('reads the VP8 track of a live WebM (unknown-size segment and clusters), skipping other tracks', () => {
    const key = vp8Frame(true, 300);
    const inter = vp8Frame(false, 200);
    const tracks = el(
      [0x16, 0x54, 0xae, 0x6b],
      Buffer.concat([
        el([0xae], Buffer.concat([el([0xd7], Buffer.from([1])), el([0x86], Buffer.from('A_OPUS'))])),
        el([0xae], Buffer.concat([el([0xd7], Buffer.from([2])), el([0x86], Buffer.from('V_VP8'))])),
      ]),
    );
    const file = Buffer.concat([
      el([0x1a, 0x45, 0xdf, 0xa3], Buffer.from([0x42, 0x82, 0x84, 0x77, 0x65, 0x62, 0x6d])),
      unknown(
        [0x18, 0x53, 0x80, 0x67],
        Buffer.concat([
          tracks,
          unknown([0x1f, 0x43, 0xb6, 0x75], Buffer.concat([el([0xe7], Buffer.from([0])), block(2, key, true), block(1, Buffer.from([0xf8, 0xff, 0xfe]), true)])),
          unknown([0x1f, 0x43, 0xb6, 0x75], Buffer.concat([el([0xe7], Buffer.from([1])), el([0xa0], block(2, inter, false).fill(0xa1, 0, 1))])),
        ]),
      ),
    ]);
    const frames = webmVp8Frames(file);
    expect(frames.map((f) => [Buffer.from(f.frame).equals(key) || Buffer.from(f.frame).equals(inter), f.key])).toEqual([
      [true, true],
      [true, false],
    ]);
  });

  it('IVF round trip', () => {
    const frames = [vp8Frame(true, 300), vp8Frame(false, 20)];
    const ivf = readIvf(writeIvf(frames, 320, 180, 15));
    expect(ivf).toMatchObject({ width: 320, height: 180, fps: 15 });
    expect(ivf.frames).toEqual(frames);
    expect(() => readIvf(Buffer.from('RIFF0000'.repeat(4)))).toThrow(/IVF/);
  });
});

describe('bench plan and figures', () => {
  it('last-N: the N who joined before, wrapping; fewer when the room is small', () => {
    expect(lastN(5, 10, 4)).toEqual([4, 3, 2, 1]);
    expect(lastN(1, 10, 4)).toEqual([0, 9, 8, 7]);
    expect(lastN(0, 3, 4)).toEqual([2, 1]);
    // Every feed has exactly N viewers.
    const viewers = new Array(10).fill(0);
    for (let i = 0; i < 10; i++) for (const j of lastN(i, 10, 4)) viewers[j]++;
    expect(viewers).toEqual(new Array(10).fill(4));
  });

  it("a step's figures: frames per subscriber over the links it should have, loss, links delivering", () => {
    const link = (kind: 'audio' | 'video', feed: number, packets: number, frames: number, lost = 0) => ({ feed, kind, packets, lost, frames, keyFrames: 0, badFrames: 0, width: 0, height: 0 });
    const snap = (at: number, mult: number, lostB = 0): Snapshot => ({
      at,
      lag: { meanMs: 0, maxMs: 0 },
      participants: [
        { display: 'P1', framesSent: 15 * mult, audioSent: 50 * mult, packetsSent: 80 * mult, keyFrameRequests: 0, links: [link('video', 2, 30 * mult, 15 * mult), link('audio', 2, 50 * mult, 0, lostB)] },
        // P2 gets half the frames P1 sends.
        { display: 'P2', framesSent: 15 * mult, audioSent: 50 * mult, packetsSent: 80 * mult, keyFrameRequests: 0, links: [link('video', 1, 15 * mult, 7.5 * mult)] },
      ],
    });
    const f = stepVerdict(snap(0, 0), snap(2000, 2, 2), { participants: 2, lastN: 4, fps: 15, width: 320, height: 180 });
    expect(f).toMatchObject({ expectedLinks: 2, videoLinks: 2, fpsMin: 7.5, fpsMedian: 11.25, sentFpsMedian: 15, audioPpsMedian: 50 });
    expect(f.loss).toBeCloseTo(2 / (60 + 100 + 30 + 2));
    expect(f.packetsInPerSecond).toBe(160);
  });

  it("Janus's cost per packet and the participants one core carries at that cost", () => {
    // 20 % of a core for 1,000 packets in and 3,000 out: 50 µs a packet; a participant sends 70/s and receives 4 × 70/s.
    expect(janusPerCore(0.2, 1000, 3000, 70, 4)).toEqual({ usPerPacket: 50, participants: 57 });
    expect(janusPerCore(0, 0, 0, 70, 4)).toEqual({ usPerPacket: 0, participants: 0 });
  });
});
