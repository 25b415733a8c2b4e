import { children, DerError, expectTag, oid, parseDer, readTlv, smallInt, type Tlv } from './der.ts';

/**
 * EF.SOD, the chip's Document Security Object (ICAO 9303 part 10 §4.6.2, part 11 §5.1): tag 0x77
 * around a CMS ContentInfo (RFC 5652) whose SignedData carries the LDSSecurityObject (the hash of
 * every data group) signed by the Document Signer (DS), usually with the DS certificate inside.
 * Pure parsing; the checks are in passive-auth.ts.
 */

export const OID = {
  signedData: '1.2.840.113549.1.7.2',
  ldsSecurityObject: '2.23.136.1.1.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
} as const;

/** Digest algorithm OIDs → node:crypto names. */
export const HASHES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

export interface AlgorithmId {
  oid: string;
  /** The parameters' DER (RSASSA-PSS), or null. */
  params: Tlv | null;
}

export interface Sod {
  /** The LDSSecurityObject's hash algorithm (node name) and each data group's hash. */
  hashAlgorithm: string;
  dataGroupHashes: Map<number, Buffer>;
  /** The signed content (the LDSSecurityObject's DER) and its type. */
  eContent: Buffer;
  eContentType: string;
  signer: {
    /** The DS certificate named by the signer (issuer + serial), when identified that way. */
    issuer: Buffer | null;
    serial: Buffer | null;
    subjectKeyId: Buffer | null;
    digestAlgorithm: string;
    /** The signed attributes re-tagged as a SET (what the signature covers), or null when absent. */
    signedAttrs: Buffer | null;
    messageDigest: Buffer | null;
    contentType: string | null;
    signatureAlgorithm: AlgorithmId;
    signature: Buffer;
  };
  /** The certificates carried in the SignedData (DER). */
  certificates: Buffer[];
}

export function algorithmId(t: Tlv): AlgorithmId {
  const [o, params] = children(expectTag(t, 0x30, 'AlgorithmIdentifier'));
  return { oid: oid(o), params: params && params.tag !== 0x05 ? params : null };
}

function hashName(a: AlgorithmId): string {
  const h = HASHES[a.oid];
  if (!h) throw new DerError(`unsupported digest algorithm ${a.oid}`);
  return h;
}

/** Parses an EF.SOD (with or without its 0x77 wrapper); throws DerError on anything malformed. */
export function parseSod(file: Buffer): Sod {
  let top = parseDer(file);
  if (top.tag === 0x77) top = parseDer(top.value);
  const [ct, wrapped] = children(expectTag(top, 0x30, 'ContentInfo'));
  if (oid(ct) !== OID.signedData) throw new DerError('not a CMS SignedData');
  const sd = children(expectTag(children(expectTag(wrapped, 0xa0, 'content'))[0], 0x30, 'SignedData'));
  let i = 1; // version
  i++; // digestAlgorithms
  const encap = children(expectTag(sd[i++], 0x30, 'EncapsulatedContentInfo'));
  const eContentType = oid(encap[0]);
  const eContent = expectTag(children(expectTag(encap[1], 0xa0, 'eContent'))[0], 0x04, 'eContent').value;
  const certificates: Buffer[] = [];
  if (sd[i]?.tag === 0xa0) for (const c of children(sd[i++])) if (c.tag === 0x30) certificates.push(c.raw);
  if (sd[i]?.tag === 0xa1) i++; // crls
  const signerInfos = children(expectTag(sd[i], 0x31, 'signerInfos'));
  if (signerInfos.length !== 1) throw new DerError(`expected one signer, got ${signerInfos.length}`);
  const si = children(expectTag(signerInfos[0], 0x30, 'SignerInfo'));
  let j = 1;
  const sid = si[j++];
  let issuer: Buffer | null = null;
  let serial: Buffer | null = null;
  let subjectKeyId: Buffer | null = null;
  if (sid.tag === 0x30) {
    const [iss, ser] = children(sid);
    issuer = expectTag(iss, 0x30, 'issuer').raw;
    serial = expectTag(ser, 0x02, 'serial').value;
  } else if (sid.tag === 0x80) subjectKeyId = sid.value;
  else throw new DerError('bad signer identifier');
  const digestAlgorithm = hashName(algorithmId(si[j++]));
  let signedAttrs: Buffer | null = null;
  let messageDigest: Buffer | null = null;
  let contentType: string | null = null;
  if (si[j]?.tag === 0xa0) {
    const attrs = si[j++];
    signedAttrs = Buffer.concat([Buffer.from([0x31]), attrs.raw.subarray(1)]);
    for (const a of children(attrs)) {
      const [type, values] = children(expectTag(a, 0x30, 'Attribute'));
      const first = children(expectTag(values, 0x31, 'AttributeValues'))[0];
      const t = oid(type);
      if (t === OID.messageDigest) messageDigest = expectTag(first, 0x04, 'messageDigest').value;
      if (t === OID.contentType) contentType = oid(first);
    }
  }
  const signatureAlgorithm = algorithmId(si[j++]);
  const signature = expectTag(si[j], 0x04, 'signature').value;

  const lds = parseLdsSecurityObject(eContent);
  return { ...lds, eContent, eContentType, signer: { issuer, serial, subjectKeyId, digestAlgorithm, signedAttrs, messageDigest, contentType, signatureAlgorithm, signature }, certificates };
}

/** LDSSecurityObject ::= SEQUENCE { version, hashAlgorithm, SEQUENCE OF { dataGroupNumber, dataGroupHashValue }, … } */
export function parseLdsSecurityObject(der: Buffer): { hashAlgorithm: string; dataGroupHashes: Map<number, Buffer> } {
  const [, alg, hashes] = children(expectTag(readTlv(der).tlv, 0x30, 'LDSSecurityObject'));
  const dataGroupHashes = new Map<number, Buffer>();
  for (const h of children(expectTag(hashes, 0x30, 'dataGroupHashValues'))) {
    const [n, v] = children(expectTag(h, 0x30, 'DataGroupHash'));
    const dg = smallInt(n);
    if (dg < 1 || dg > 16 || dataGroupHashes.has(dg)) throw new DerError(`bad data group number ${dg}`);
    dataGroupHashes.set(dg, expectTag(v, 0x04, 'dataGroupHashValue').value);
  }
  return { hashAlgorithm: hashName(algorithmId(alg)), dataGroupHashes };
}

/**
 * The certificates of an ICAO CSCA master list (a CMS SignedData whose content is
 * CscaMasterList ::= SEQUENCE { version, certList SET OF Certificate }). The list's own signature
 * (by the master-list signer) is not checked here: the file is trusted as configured.
 */
export function masterListCertificates(der: Buffer): Buffer[] {
  const [ct, wrapped] = children(expectTag(parseDer(der), 0x30, 'ContentInfo'));
  if (oid(ct) !== OID.signedData) throw new DerError('not a CMS SignedData');
  const sd = children(expectTag(children(expectTag(wrapped, 0xa0, 'content'))[0], 0x30, 'SignedData'));
  const encap = children(expectTag(sd[2], 0x30, 'EncapsulatedContentInfo'));
  const content = expectTag(children(expectTag(encap[1], 0xa0, 'eContent'))[0], 0x04, 'eContent').value;
  const [, certList] = children(expectTag(parseDer(content), 0x30, 'CscaMasterList'));
  return children(expectTag(certList, 0x31, 'certList')).map((c) => c.raw);
}
