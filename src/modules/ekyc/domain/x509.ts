import { createPublicKey, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { children, DerError, expectTag, oid, parseDer, smallInt, time, type Tlv } from './der.ts';
import { algorithmId, HASHES, type AlgorithmId } from './sod.ts';

/**
 * X.509 certificates and CRLs, as much as passive authentication needs: names (as DER, compared
 * byte for byte), serials, validity, the public key, and signature checks with node:crypto (RSA
 * PKCS#1 v1.5, RSASSA-PSS, ECDSA; SHA-1/224/256/384/512). Pure.
 */

export interface Cert {
  der: Buffer;
  tbs: Buffer;
  serial: Buffer;
  issuer: Buffer;
  subject: Buffer;
  notBefore: Date;
  notAfter: Date;
  publicKey: KeyObject;
  subjectKeyId: Buffer | null;
  signatureAlgorithm: AlgorithmId;
  signature: Buffer;
}

export interface Crl {
  issuer: Buffer;
  tbs: Buffer;
  thisUpdate: Date;
  nextUpdate: Date | null;
  revoked: Set<string>;
  signatureAlgorithm: AlgorithmId;
  signature: Buffer;
}

/** A serial number as hex without leading zero bytes (so 00 81 and 81 compare equal). */
export const serialHex = (b: Buffer) => {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i).toString('hex');
};

const bitString = (t: Tlv) => expectTag(t, 0x03, 'BIT STRING').value.subarray(1);

export function parseCert(der: Buffer): Cert {
  const [tbsT, algT, sigT] = children(expectTag(parseDer(der), 0x30, 'Certificate'));
  const tbs = children(expectTag(tbsT, 0x30, 'TBSCertificate'));
  let i = tbs[0].tag === 0xa0 ? 1 : 0;
  const serial = expectTag(tbs[i++], 0x02, 'serial').value;
  i++; // signature algorithm (repeated)
  const issuer = expectTag(tbs[i++], 0x30, 'issuer').raw;
  const [nb, na] = children(expectTag(tbs[i++], 0x30, 'validity'));
  const subject = expectTag(tbs[i++], 0x30, 'subject').raw;
  const spki = expectTag(tbs[i++], 0x30, 'subjectPublicKeyInfo').raw;
  let subjectKeyId: Buffer | null = null;
  for (; i < tbs.length; i++) {
    if (tbs[i].tag !== 0xa3) continue;
    for (const ext of children(children(tbs[i])[0])) {
      const parts = children(ext);
      if (oid(parts[0]) === '2.5.29.14') subjectKeyId = parseDer(expectTag(parts[parts.length - 1], 0x04, 'extnValue').value).value;
    }
  }
  let publicKey: KeyObject;
  try {
    publicKey = createPublicKey({ key: spki, format: 'der', type: 'spki' });
  } catch (e) {
    throw new DerError(`unusable public key: ${(e as Error).message}`);
  }
  return { der, tbs: tbsT.raw, serial, issuer, subject, notBefore: time(nb), notAfter: time(na), publicKey, subjectKeyId, signatureAlgorithm: algorithmId(algT), signature: bitString(sigT) };
}

export function parseCrl(der: Buffer): Crl {
  const [tbsT, algT, sigT] = children(expectTag(parseDer(der), 0x30, 'CertificateList'));
  const tbs = children(expectTag(tbsT, 0x30, 'TBSCertList'));
  let i = tbs[0].tag === 0x02 ? 1 : 0;
  i++; // signature algorithm
  const issuer = expectTag(tbs[i++], 0x30, 'issuer').raw;
  const thisUpdate = time(tbs[i++]);
  const nextUpdate = tbs[i] && (tbs[i].tag === 0x17 || tbs[i].tag === 0x18) ? time(tbs[i++]) : null;
  const revoked = new Set<string>();
  if (tbs[i]?.tag === 0x30) for (const r of children(tbs[i++])) revoked.add(serialHex(expectTag(children(r)[0], 0x02, 'serial').value));
  return { issuer, tbs: tbsT.raw, thisUpdate, nextUpdate, revoked, signatureAlgorithm: algorithmId(algT), signature: bitString(sigT) };
}

const RSA: Record<string, string> = { '5': 'sha1', '14': 'sha224', '11': 'sha256', '12': 'sha384', '13': 'sha512' };
const ECDSA: Record<string, string> = { '4.1': 'sha1', '4.3.1': 'sha224', '4.3.2': 'sha256', '4.3.3': 'sha384', '4.3.4': 'sha512' };

/** RSASSA-PSS-params: hash [0], mask generation [1], salt length [2] (defaults SHA-1 and 20). */
function pssParams(p: Tlv | null): { hash: string; saltLength: number } {
  let hash = 'sha1';
  let saltLength = 20;
  for (const f of p ? children(p) : []) {
    if (f.tag === 0xa0) hash = HASHES[algorithmId(children(f)[0]).oid] ?? '';
    if (f.tag === 0xa2) saltLength = smallInt(children(f)[0]);
  }
  if (!hash) throw new DerError('unsupported PSS hash');
  return { hash, saltLength };
}

/**
 * Whether `signature` over `data` verifies with `key` under the algorithm; `digest` is the hash to
 * use when the algorithm names only the key type (rsaEncryption, id-ecPublicKey). Never throws.
 */
export function verifySignature(alg: AlgorithmId, digest: string, data: Buffer, signature: Buffer, key: KeyObject): boolean {
  try {
    const o = alg.oid;
    if (o === '1.2.840.113549.1.1.10') {
      const { hash, saltLength } = pssParams(alg.params);
      return cryptoVerify(hash, data, { key, padding: 6 /* RSA_PKCS1_PSS_PADDING */, saltLength }, signature);
    }
    if (o === '1.2.840.113549.1.1.1' || o === '1.2.840.10045.2.1') return cryptoVerify(digest, data, key, signature);
    if (o.startsWith('1.2.840.113549.1.1.') && RSA[o.slice(19)]) return cryptoVerify(RSA[o.slice(19)], data, key, signature);
    if (o.startsWith('1.2.840.10045.') && ECDSA[o.slice(14)]) return cryptoVerify(ECDSA[o.slice(14)], data, key, signature);
    return false;
  } catch {
    return false;
  }
}

/** Whether `cert` was issued and signed by `issuer`. */
export const issuedBy = (cert: Cert, issuer: Cert) =>
  cert.issuer.equals(issuer.subject) && verifySignature(cert.signatureAlgorithm, 'sha256', cert.tbs, cert.signature, issuer.publicKey);

/** Whether a CRL was signed by `issuer`. */
export const crlIssuedBy = (crl: Crl, issuer: Cert) =>
  crl.issuer.equals(issuer.subject) && verifySignature(crl.signatureAlgorithm, 'sha256', crl.tbs, crl.signature, issuer.publicKey);
