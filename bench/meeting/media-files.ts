/**
 * The two container formats the meeting bench touches: WebM (what Chromium's MediaRecorder writes; only
 * the blocks of its video track are read) and IVF (the plain VP8 frame file the bench caches).
 * Pure: bytes in, bytes out.
 */

const SEGMENT = 0x18538067;
const CLUSTER = 0x1f43b675;
const BLOCK_GROUP = 0xa0;
const BLOCK = 0xa1;
const SIMPLE_BLOCK = 0xa3;
const TRACKS = 0x1654ae6b;
const TRACK_ENTRY = 0xae;
const TRACK_NUMBER = 0xd7;
const CODEC_ID = 0x86;

/** An EBML variable-length integer at `at`: its value (the length marker kept for ids) and its length. */
function vint(b: Uint8Array, at: number, keepMarker: boolean): { value: number; length: number; unknown: boolean } {
  const first = b[at];
  let length = 1;
  while (length <= 8 && !(first & (0x80 >> (length - 1)))) length++;
  if (length > 8 || at + length > b.length) throw new Error(`WebM: bad variable-length integer at ${at}`);
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    value = value * 256 + b[at + i];
    if (b[at + i] !== 0xff) allOnes = false;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

/**
 * The frames of the (first) VP8 track of a WebM file, in order, with their key-frame flags. Segments,
 * clusters and block groups of unknown size (as a live recorder writes them) are read up to their parent's end.
 */
export function webmVp8Frames(file: Uint8Array): { frame: Uint8Array; key: boolean }[] {
  const frames: { frame: Uint8Array; key: boolean }[] = [];
  let vp8Track: number | null = null;
  const walk = (from: number, to: number) => {
    let at = from;
    while (at < to) {
      const id = vint(file, at, true);
      const size = vint(file, at + id.length, false);
      const body = at + id.length + size.length;
      const end = size.unknown ? to : Math.min(to, body + size.value);
      if (id.value === SEGMENT || id.value === CLUSTER || id.value === BLOCK_GROUP || id.value === TRACKS) {
        walk(body, end);
        // An unknown-size element runs to its parent's end; its children were read in place.
      } else if (id.value === TRACK_ENTRY) {
        let number = 0;
        let codec = '';
        let p = body;
        while (p < end) {
          const cid = vint(file, p, true);
          const csize = vint(file, p + cid.length, false);
          const cbody = p + cid.length + csize.length;
          if (cid.value === TRACK_NUMBER) for (let i = 0; i < csize.value; i++) number = number * 256 + file[cbody + i];
          if (cid.value === CODEC_ID) codec = Buffer.from(file.subarray(cbody, cbody + csize.value)).toString('latin1');
          p = cbody + csize.value;
        }
        if (codec === 'V_VP8' && vp8Track === null) vp8Track = number;
      } else if (id.value === SIMPLE_BLOCK || id.value === BLOCK) {
        const track = vint(file, body, false);
        const flags = file[body + track.length + 2];
        if ((flags & 0x06) !== 0) throw new Error('WebM: laced video blocks are not supported');
        if (vp8Track === null || track.value === vp8Track) {
          const frame = file.subarray(body + track.length + 3, end);
          frames.push({ frame, key: (frame[0] & 0x01) === 0 });
        }
      }
      if (size.unknown) return;
      at = end;
    }
  };
  walk(0, file.length);
  return frames;
}

/** An IVF file of VP8 frames (32-byte file header, 12-byte frame headers), timestamps in frames. */
export function writeIvf(frames: Uint8Array[], width: number, height: number, fps: number): Buffer {
  const head = Buffer.alloc(32);
  head.write('DKIF', 0, 'latin1');
  head.writeUInt16LE(0, 4);
  head.writeUInt16LE(32, 6);
  head.write('VP80', 8, 'latin1');
  head.writeUInt16LE(width, 12);
  head.writeUInt16LE(height, 14);
  head.writeUInt32LE(fps, 16);
  head.writeUInt32LE(1, 20);
  head.writeUInt32LE(frames.length, 24);
  const parts: Buffer[] = [head];
  frames.forEach((f, i) => {
    const h = Buffer.alloc(12);
    h.writeUInt32LE(f.length, 0);
    h.writeUInt32LE(i, 4);
    parts.push(h, Buffer.from(f));
  });
  return Buffer.concat(parts);
}

export function readIvf(file: Buffer): { width: number; height: number; fps: number; frames: Buffer[] } {
  if (file.toString('latin1', 0, 4) !== 'DKIF' || file.toString('latin1', 8, 12) !== 'VP80') throw new Error('not a VP8 IVF file');
  const headerSize = file.readUInt16LE(6);
  const frames: Buffer[] = [];
  for (let at = headerSize; at + 12 <= file.length; ) {
    const size = file.readUInt32LE(at);
    frames.push(file.subarray(at + 12, at + 12 + size));
    at += 12 + size;
  }
  return { width: file.readUInt16LE(12), height: file.readUInt16LE(14), fps: file.readUInt32LE(16) / (file.readUInt32LE(20) || 1), frames };
}
