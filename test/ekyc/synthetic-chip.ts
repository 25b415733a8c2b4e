import { constants, createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

/**
 * Synthetic chip files for tests and the benchmark (no real card, no real state's keys): a test CSCA,
 * a Document Signer certificate it issues, CRLs, the LDS data groups DG1 (MRZ) and DG2 (face JPEG),
 * and an EF.SOD signed by the DS — built with a small DER writer on node:crypto, exactly the shapes
 * of ICAO 9303 parts 10–11 and RFC 5652/5280, so the server's parser meets what a chip holds.
 */

const len = (n: number) => {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let x = n; x > 0; x = Math.floor(x / 256)) bytes.unshift(x & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
};
const tagBytes = (tag: number) => {
  const b: number[] = [];
  for (let x = tag; x > 0; x = Math.floor(x / 256)) b.unshift(x & 0xff);
  return Buffer.from(b.length ? b : [0]);
};
export const tlv = (tag: number, ...content: Buffer[]) => {
  const v = Buffer.concat(content);
  return Buffer.concat([tagBytes(tag), len(v.length), v]);
};
export const seq = (...c: Buffer[]) => tlv(0x30, ...c);
export const set = (...c: Buffer[]) => tlv(0x31, ...c);
export const octets = (b: Buffer) => tlv(0x04, b);
export const int = (n: number | Buffer) => {
  const hex = typeof n === 'number' ? n.toString(16) : '';
  let b = typeof n === 'number' ? Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex') : n;
  if (b[0] & 0x80) b = Buffer.concat([Buffer.from([0]), b]);
  return tlv(0x02, b);
};
export const oid = (dotted: string) => {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [a * 40 + b];
  for (const n of rest) {
    const chunk: number[] = [n & 0x7f];
    for (let x = Math.floor(n / 128); x > 0; x = Math.floor(x / 128)) chunk.unshift((x & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
};
const utc = (d: Date) => tlv(0x17, Buffer.from(d.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z'));
const bits = (b: Buffer) => tlv(0x03, Buffer.from([0]), b);
const NULL = Buffer.from([0x05, 0x00]);

const ALG = {
  ecdsaSha256: seq(oid('1.2.840.10045.4.3.2')),
  sha256Rsa: seq(oid('1.2.840.113549.1.1.11'), NULL),
  sha256: seq(oid('2.16.840.1.101.3.4.2.1')),
  sha1: seq(oid('1.3.14.3.2.26')),
};

export const name = (country: string, cn: string) => seq(set(seq(oid('2.5.4.6'), tlv(0x13, Buffer.from(country)))), set(seq(oid('2.5.4.3'), tlv(0x0c, Buffer.from(cn, 'utf8')))));

export interface Issuer {
  cert: Buffer;
  subject: Buffer;
  key: KeyObject;
  publicKey: KeyObject;
  serial: number;
}

const signWith = (key: KeyObject, data: Buffer) => sign('sha256', data, key);
const algOf = (key: KeyObject) => (key.asymmetricKeyType === 'ec' ? ALG.ecdsaSha256 : ALG.sha256Rsa);

export function keyPair(kind: 'ec' | 'rsa' = 'ec') {
  const k = kind === 'ec' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { key: k.privateKey, publicKey: k.publicKey };
}

let nextSerial = 0x1000;

/** A certificate for `subject` signed by `issuer` (self-signed when none): a CSCA or a DS. */
export function certificate(o: { country?: string; cn: string; issuer?: Issuer; notBefore: string; notAfter: string; ca: boolean; keys?: ReturnType<typeof keyPair> }): Issuer {
  const keys = o.keys ?? keyPair();
  const serial = nextSerial++;
  const subject = name(o.country ?? 'VN', o.cn);
  const signer = o.issuer ? o.issuer.key : keys.key;
  const ext = o.ca ? tlv(0xa3, seq(seq(oid('2.5.29.19'), tlv(0x01, Buffer.from([0xff])), octets(seq(tlv(0x01, Buffer.from([0xff]))))))) : Buffer.alloc(0);
  const tbs = seq(
    tlv(0xa0, int(2)),
    int(serial),
    algOf(signer),
    o.issuer ? o.issuer.subject : subject,
    seq(utc(new Date(o.notBefore)), utc(new Date(o.notAfter))),
    subject,
    keys.publicKey.export({ type: 'spki', format: 'der' }),
    ext,
  );
  const cert = seq(tbs, algOf(signer), bits(signWith(signer, tbs)));
  return { cert, subject, key: keys.key, publicKey: keys.publicKey, serial };
}

/** A CRL of `issuer` revoking the given serials. */
export function crl(issuer: Issuer, revoked: number[], thisUpdate: string, nextUpdate: string) {
  const list = revoked.length ? seq(...revoked.map((s) => seq(int(s), utc(new Date(thisUpdate))))) : Buffer.alloc(0);
  const tbs = seq(int(1), algOf(issuer.key), issuer.subject, utc(new Date(thisUpdate)), utc(new Date(nextUpdate)), list);
  return seq(tbs, algOf(issuer.key), bits(signWith(issuer.key, tbs)));
}

/** DG1: the MRZ lines in tag 5F1F inside 61. */
export const dg1 = (lines: string[]) => tlv(0x61, tlv(0x5f1f, Buffer.from(lines.join(''), 'latin1')));

/** DG2: one face (ISO/IEC 19794-5 record with a minimal header) in the biometric template. */
export function dg2(image: Buffer) {
  const record = Buffer.concat([Buffer.from('FAC\x00010\x00', 'latin1'), Buffer.alloc(38), image]);
  return tlv(0x75, tlv(0x7f61, tlv(0x02, Buffer.from([1])), tlv(0x7f60, tlv(0xa1, tlv(0x80, Buffer.from([1, 1]))), tlv(0x5f2e, record))));
}

export interface SodOptions {
  /** The data groups the SOD lists (number → file bytes). */
  dataGroups: Map<number, Buffer>;
  ds: Issuer;
  /** Sign with another key than the DS certificate's (a forged SOD). */
  signingKey?: KeyObject;
  /** Use RSASSA-PSS (an RSA DS) instead of the certificate key's default. */
  pss?: boolean;
  hash?: 'sha256' | 'sha1';
}

/** EF.SOD: tag 77 around ContentInfo(SignedData(LDSSecurityObject)), signed attributes, the DS certificate. */
export function sod(o: SodOptions): Buffer {
  const h = o.hash ?? 'sha256';
  const digest = (b: Buffer) => createHash(h).update(b).digest();
  const hashAlg = h === 'sha256' ? ALG.sha256 : ALG.sha1;
  const lds = seq(int(0), hashAlg, seq(...[...o.dataGroups].sort(([a], [b]) => a - b).map(([n, file]) => seq(int(n), octets(digest(file))))));
  const attrs = [seq(oid('1.2.840.113549.1.9.3'), set(oid('2.23.136.1.1.1'))), seq(oid('1.2.840.113549.1.9.4'), set(octets(digest(lds))))];
  const signedAttrs = set(...attrs);
  const key = o.signingKey ?? o.ds.key;
  let sigAlg: Buffer;
  let signature: Buffer;
  if (o.pss) {
    sigAlg = seq(oid('1.2.840.113549.1.1.10'), seq(tlv(0xa0, ALG.sha256), tlv(0xa1, seq(oid('1.2.840.113549.1.1.8'), ALG.sha256)), tlv(0xa2, int(32))));
    signature = sign('sha256', signedAttrs, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
  } else {
    sigAlg = algOf(key);
    signature = signWith(key, signedAttrs);
  }
  const signerInfo = seq(int(1), seq(issuerOf(o.ds), int(o.ds.serial)), hashAlg, tlv(0xa0, ...attrs), sigAlg, octets(signature));
  const signedData = seq(int(3), set(hashAlg), seq(oid('2.23.136.1.1.1'), tlv(0xa0, octets(lds))), tlv(0xa0, o.ds.cert), set(signerInfo));
  return tlv(0x77, seq(oid('1.2.840.113549.1.7.2'), tlv(0xa0, signedData)));
}

/** The issuer name inside a certificate (the SignerInfo names the DS by issuer and serial). */
function issuerOf(c: Issuer): Buffer {
  // Certificate → TBSCertificate → [0] version, serial, algorithm, issuer: walk the DER.
  const skip = (b: Buffer, p: number) => {
    let l = b[p + 1];
    let h = 2;
    if (l & 0x80) {
      const n = l & 0x7f;
      l = 0;
      for (let i = 0; i < n; i++) l = l * 256 + b[p + 2 + i];
      h += n;
    }
    return { start: p, header: h, end: p + h + l };
  };
  const cert = skip(c.cert, 0);
  const tbs = skip(c.cert, cert.start + cert.header);
  let p = tbs.start + tbs.header;
  for (let i = 0; i < 3; i++) p = skip(c.cert, p).end;
  return c.cert.subarray(p, skip(c.cert, p).end);
}

/** A master list directory's content: the CSCA certificates in PEM. */
export const pem = (der: Buffer, label = 'CERTIFICATE') => `-----BEGIN ${label}-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END ${label}-----\n`;
