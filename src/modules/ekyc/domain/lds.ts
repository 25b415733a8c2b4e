import { children, DerError, parseDer, type Tlv } from './der.ts';

/**
 * The LDS data groups the server reads (ICAO 9303 part 10): DG1's MRZ and DG2's face image. DG13
 * (Vietnamese personal data: name with diacritics, origin, parents…) has no public specification and
 * is only hash-checked; DG14/DG15 (chip and active authentication keys) are only hash-checked too,
 * since those protocols need the chip itself. Pure.
 */

/** DG1 (tag 0x61) → its MRZ (tag 0x5F1F) cut into lines: 3×30 (TD1, the citizen ID card), 2×36 or 2×44. */
export function dg1Mrz(dg1: Buffer): string[] {
  const top = parseDer(dg1);
  if (top.tag !== 0x61) throw new DerError('DG1: expected tag 61');
  const mrz = children(top).find((t) => t.tag === 0x5f1f);
  if (!mrz) throw new DerError('DG1: no MRZ (5F1F)');
  const s = mrz.value.toString('latin1');
  const width = s.length === 90 ? 30 : s.length === 72 ? 36 : s.length === 88 ? 44 : 0;
  if (!width) throw new DerError(`DG1: MRZ of ${s.length} characters`);
  return Array.from({ length: s.length / width }, (_, i) => s.slice(i * width, (i + 1) * width));
}

export type PhotoFormat = 'jpeg' | 'jpeg2000' | 'unknown';

function findDeep(t: Tlv, tags: number[]): Tlv | null {
  if (tags.includes(t.tag)) return t;
  if (!t.constructed) return null;
  for (const c of children(t)) {
    const f = findDeep(c, tags);
    if (f) return f;
  }
  return null;
}

const JP2 = Buffer.from([0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a]);
const J2K = Buffer.from([0xff, 0x4f, 0xff, 0x51]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);

/**
 * DG2 (tag 0x75) → the first face image: the biometric data block (5F2E or 7F2E) holds an ISO/IEC
 * 19794-5 record (`FAC\0` header, then the image); the image starts at its JPEG or JPEG 2000 signature.
 */
export function dg2Photo(dg2: Buffer): { format: PhotoFormat; image: Buffer } {
  const top = parseDer(dg2);
  if (top.tag !== 0x75) throw new DerError('DG2: expected tag 75');
  const block = findDeep(top, [0x5f2e, 0x7f2e]);
  if (!block) throw new DerError('DG2: no biometric data block');
  const v = block.value;
  // The image starts at the earliest signature (compressed data may contain the others' bytes later on).
  const found = (
    [
      [JPEG, 'jpeg'],
      [JP2, 'jpeg2000'],
      [J2K, 'jpeg2000'],
    ] as const
  )
    .map(([sig, format]) => ({ at: v.indexOf(sig), format }))
    .filter((f) => f.at >= 0)
    .sort((a, b) => a.at - b.at)[0];
  if (found) return { format: found.format, image: v.subarray(found.at) };
  return { format: 'unknown', image: v };
}
