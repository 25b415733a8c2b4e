/**
 * A small DER (ASN.1) reader, enough for ICAO 9303 chip files: EF.SOD (CMS SignedData), X.509
 * certificates and CRLs, and the LDS data groups' BER-TLV. Pure; every malformed input is a
 * `DerError`, never an exception of another kind or a read past the buffer.
 */

export class DerError extends Error {}

export interface Tlv {
  /** The tag's bytes as one number (e.g. 0x30, 0xa0, 0x5f1f, 0x7f61). */
  tag: number;
  /** Constructed (holds other TLVs). */
  constructed: boolean;
  /** The whole element: tag, length and value. */
  raw: Buffer;
  /** The value bytes. */
  value: Buffer;
}

/** The element that starts at `offset`, and where the next one starts. */
export function readTlv(buf: Buffer, offset = 0): { tlv: Tlv; next: number } {
  let p = offset;
  if (p >= buf.length) throw new DerError('truncated: no tag');
  const first = buf[p++];
  let tag = first;
  if ((first & 0x1f) === 0x1f) {
    // high tag number: more bytes while bit 8 is set
    for (let i = 0; ; i++) {
      if (p >= buf.length || i > 3) throw new DerError('bad tag');
      const b = buf[p++];
      tag = tag * 256 + b;
      if ((b & 0x80) === 0) break;
    }
  }
  if (p >= buf.length) throw new DerError('truncated: no length');
  let len = buf[p++];
  if (len === 0x80) throw new DerError('indefinite length is not DER');
  if (len > 0x80) {
    const n = len & 0x7f;
    if (n > 4 || p + n > buf.length) throw new DerError('bad length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[p++];
  }
  if (p + len > buf.length) throw new DerError('truncated value');
  return { tlv: { tag, constructed: (first & 0x20) !== 0, raw: buf.subarray(offset, p + len), value: buf.subarray(p, p + len) }, next: p + len };
}

/** The one element a buffer holds (trailing bytes refused). */
export function parseDer(buf: Buffer): Tlv {
  const { tlv, next } = readTlv(buf, 0);
  if (next !== buf.length) throw new DerError('trailing bytes');
  return tlv;
}

/** The elements inside a constructed element. */
export function children(t: Tlv): Tlv[] {
  if (!t.constructed) throw new DerError(`tag ${t.tag.toString(16)} is not constructed`);
  const out: Tlv[] = [];
  for (let p = 0; p < t.value.length; ) {
    const { tlv, next } = readTlv(t.value, p);
    out.push(tlv);
    p = next;
  }
  return out;
}

/** The element with the expected tag (or a DerError naming what was expected). */
export function expectTag(t: Tlv | undefined, tag: number, what: string): Tlv {
  if (!t || t.tag !== tag) throw new DerError(`${what}: expected tag ${tag.toString(16)}${t ? `, got ${t.tag.toString(16)}` : ''}`);
  return t;
}

/** An OBJECT IDENTIFIER's dotted form. */
export function oid(t: Tlv): string {
  expectTag(t, 0x06, 'OID');
  const v = t.value;
  if (v.length === 0) throw new DerError('empty OID');
  const parts: number[] = [Math.floor(v[0] / 40), v[0] % 40];
  if (v[0] >= 80) [parts[0], parts[1]] = [2, v[0] - 80];
  let n = 0;
  for (let i = 1; i < v.length; i++) {
    n = n * 128 + (v[i] & 0x7f);
    if ((v[i] & 0x80) === 0) {
      parts.push(n);
      n = 0;
    }
  }
  return parts.join('.');
}

/** A small non-negative INTEGER (versions, data-group numbers). */
export function smallInt(t: Tlv): number {
  expectTag(t, 0x02, 'INTEGER');
  if (t.value.length > 6) throw new DerError('INTEGER too large');
  return t.value.reduce((n, b) => n * 256 + b, 0);
}

/** UTCTime or GeneralizedTime → Date. */
export function time(t: Tlv): Date {
  const s = t.value.toString('latin1');
  const m = t.tag === 0x17 ? /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/.exec(s) : t.tag === 0x18 ? /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/.exec(s) : null;
  if (!m) throw new DerError('bad time');
  let year = Number(m[1]);
  if (t.tag === 0x17) year += year < 50 ? 2000 : 1900;
  return new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}
