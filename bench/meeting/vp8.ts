/**
 * VP8 over RTP (RFC 7741) for the synthetic meeting participants: packetizing a pre-encoded frame, and on
 * the receiving side reassembling frames from RTP packets and checking them (payload descriptor, VP8
 * frame tag, key frame start code and picture size), plus packet loss from sequence-number gaps.
 * Pure: no I/O; tests beside it.
 */

/** The size (in pixels) a VP8 key frame declares, or null when `frame` is not a key frame. */
export function vp8KeyFrameSize(frame: Uint8Array): { width: number; height: number } | null {
  if (frame.length < 10 || (frame[0] & 0x01) !== 0) return null; // P bit 0 = key frame
  if (frame[3] !== 0x9d || frame[4] !== 0x01 || frame[5] !== 0x2a) return null;
  return { width: (frame[6] | (frame[7] << 8)) & 0x3fff, height: (frame[8] | (frame[9] << 8)) & 0x3fff };
}

/** True when `frame` starts with a plausible VP8 frame tag (version 0–3, first partition inside the frame). */
export function vp8FrameTagValid(frame: Uint8Array): boolean {
  if (frame.length < 3) return false;
  const tag = frame[0] | (frame[1] << 8) | (frame[2] << 16);
  const version = (tag >> 1) & 0x07;
  const firstPartition = tag >> 5;
  const header = (tag & 0x01) === 0 ? 10 : 3;
  if (version > 3) return false;
  if ((tag & 0x01) === 0 && !vp8KeyFrameSize(frame)) return false;
  return header + firstPartition <= frame.length;
}

/**
 * RTP payloads for one frame: the VP8 payload descriptor as Chrome sends it (X=1, I=1 with a 15-bit
 * picture id), S=1 on the first packet, then at most `maxPayload` bytes of the frame per packet.
 */
export function vp8Packetize(frame: Uint8Array, pictureId: number, maxPayload = 1100): Buffer[] {
  const out: Buffer[] = [];
  const pid = pictureId & 0x7fff;
  for (let at = 0; at < frame.length || at === 0; at += maxPayload) {
    const chunk = frame.subarray(at, Math.min(frame.length, at + maxPayload));
    const p = Buffer.allocUnsafe(4 + chunk.length);
    p[0] = at === 0 ? 0x90 : 0x80; // X, S (first packet), PID 0
    p[1] = 0x80; // I
    p[2] = 0x80 | (pid >> 8); // M: 15-bit picture id
    p[3] = pid & 0xff;
    p.set(chunk, 4);
    out.push(p);
    if (frame.length === 0) break;
  }
  return out;
}

/** The VP8 payload descriptor of one RTP payload: start of a partition, partition index, where the VP8 data begins. */
export function vp8Descriptor(payload: Uint8Array): { start: boolean; partition: number; offset: number } | null {
  if (payload.length < 1) return null;
  let at = 1;
  const b0 = payload[0];
  if (b0 & 0x80) {
    if (payload.length < 2) return null;
    const x = payload[1];
    at = 2;
    if (x & 0x80) at += payload[at] & 0x80 ? 2 : 1; // I: 7- or 15-bit picture id
    if (x & 0x40) at += 1; // L: TL0PICIDX
    if (x & 0x30) at += 1; // T or K: TID/Y/KEYIDX
  }
  if (at > payload.length) return null;
  return { start: (b0 & 0x10) !== 0, partition: b0 & 0x07, offset: at };
}

export interface Vp8Stats {
  /** Complete frames reassembled (every packet from the one starting partition 0 to the marker). */
  frames: number;
  keyFrames: number;
  /** Complete frames whose VP8 header was invalid, or key frames of another picture size than expected. */
  badFrames: number;
  /** The picture size of the last key frame. */
  width: number;
  height: number;
  packets: number;
  /** Packets missing from the sequence-number range seen (never negative). */
  lost: number;
}

interface Pending {
  startSeq: number | null;
  endSeq: number | null;
  seqs: Set<number>;
  first: Uint8Array | null;
}

/** Extended (32-bit, wrap-counted) sequence numbers and loss of one RTP stream. */
export class RtpSequence {
  private base = -1;
  private highest = -1;
  received = 0;

  /** Records `seq` (16 bit) and answers its extended value. */
  push(seq: number): number {
    this.received++;
    if (this.highest < 0) {
      this.base = this.highest = seq;
      return seq;
    }
    // The extended value closest to the highest seen so far.
    const cycle = this.highest - (this.highest & 0xffff);
    let ext = cycle + seq;
    if (ext - this.highest > 0x8000) ext -= 0x10000;
    else if (this.highest - ext > 0x8000) ext += 0x10000;
    if (ext > this.highest) this.highest = ext;
    if (ext < this.base) this.base = ext;
    return ext;
  }

  get lost(): number {
    return this.highest < 0 ? 0 : Math.max(0, this.highest - this.base + 1 - this.received);
  }
}

/**
 * Reassembles the frames of one VP8 RTP stream. Packets of a frame share its timestamp; the frame is
 * complete when the packet starting partition 0, the marker packet and every sequence number between
 * them have arrived (order does not matter). `expected` (optional) is the key frames' picture size.
 */
export class Vp8FrameCounter {
  readonly stats: Vp8Stats = { frames: 0, keyFrames: 0, badFrames: 0, width: 0, height: 0, packets: 0, lost: 0 };
  private readonly seq = new RtpSequence();
  private readonly pending = new Map<number, Pending>();
  private readonly done = new Set<number>();

  constructor(private readonly expected?: { width: number; height: number }) {}

  push(p: { sequenceNumber: number; timestamp: number; marker: boolean; payload: Uint8Array }): void {
    this.stats.packets++;
    const ext = this.seq.push(p.sequenceNumber);
    this.stats.lost = this.seq.lost;
    if (this.done.has(p.timestamp)) return; // a retransmission of a frame already counted
    const d = vp8Descriptor(p.payload);
    if (!d) return;
    let f = this.pending.get(p.timestamp);
    if (!f) {
      f = { startSeq: null, endSeq: null, seqs: new Set(), first: null };
      this.pending.set(p.timestamp, f);
      // Frames that never completed are dropped after a while (they count as not received).
      if (this.pending.size > 64) this.pending.delete(this.pending.keys().next().value!);
    }
    f.seqs.add(ext);
    if (d.start && d.partition === 0) {
      f.startSeq = ext;
      f.first = p.payload.subarray(d.offset);
    }
    if (p.marker) f.endSeq = ext;
    if (f.startSeq === null || f.endSeq === null || f.seqs.size < f.endSeq - f.startSeq + 1) return;
    for (let s = f.startSeq; s <= f.endSeq; s++) if (!f.seqs.has(s)) return;
    this.pending.delete(p.timestamp);
    this.done.add(p.timestamp);
    if (this.done.size > 256) this.done.delete(this.done.values().next().value!);
    this.complete(f.first!);
  }

  private complete(first: Uint8Array) {
    const s = this.stats;
    s.frames++;
    // The first packet holds the frame tag and, for a key frame, the start code and size (10 bytes).
    if (first.length < 3 || ((first[0] >> 1) & 0x07) > 3) return void s.badFrames++;
    if ((first[0] & 0x01) !== 0) return;
    const size = vp8KeyFrameSize(first);
    if (!size) return void s.badFrames++;
    s.keyFrames++;
    s.width = size.width;
    s.height = size.height;
    if (this.expected && (size.width !== this.expected.width || size.height !== this.expected.height)) s.badFrames++;
  }
}
