import { createHash } from 'node:crypto';
import type { Check } from './id-number.ts';
import { OID, parseSod, type Sod } from './sod.ts';
import { crlIssuedBy, issuedBy, parseCert, serialHex, verifySignature, type Cert, type Crl } from './x509.ts';

/**
 * Passive authentication (ICAO 9303 part 11 §5.1): the data groups the app read from the chip are
 * the ones the issuing state signed. Steps, each a named check:
 * - `sod.format`: EF.SOD parses (CMS SignedData holding an LDSSecurityObject);
 * - `sod.messageDigest`: the signed attributes' message digest is the hash of the LDSSecurityObject;
 * - `sod.signature`: the Document Signer's (DS) signature over the signed attributes verifies with
 *   the DS certificate carried in the SOD;
 * - `ds.chainToCsca`: the DS certificate is signed by a CSCA of the configured master list;
 * - `ds.validity` / `csca.validity`: both certificates are valid today;
 * - `ds.notRevoked` (only when a CRL of that CSCA is configured) and `crl.current`;
 * - `dgN.hash`: each data group sent hashes to the value the SOD lists (DG1 must be sent).
 * Pure: the trust anchors and CRLs come in parsed; `now` is given.
 */

export interface TrustStore {
  cscas: Cert[];
  crls: Crl[];
}

export interface PassiveAuthResult {
  checks: Check[];
  /** True when every integrity check passed (format, digest, signature, hashes): the data is what the DS signed. */
  intact: boolean;
  /** True when the DS chains to a configured CSCA, both valid, not revoked. */
  trusted: boolean;
  sod: Sod | null;
  /** The DS certificate's subject and the CSCA's, as hex DER (for the log), when found. */
  dsSerial: string | null;
}

const hash = (alg: string, b: Buffer) => createHash(alg).update(b).digest();
const INTEGRITY = /^(sod\.|dg\d+\.hash$)/;
const within = (c: Cert, now: Date) => c.notBefore.getTime() <= now.getTime() && now.getTime() <= c.notAfter.getTime();

/** Which certificate of the SOD is the signer (issuer + serial, or subject key id; else the only one). */
function signerCert(sod: Sod): Cert | null {
  const certs = sod.certificates.flatMap((der) => {
    try {
      return [parseCert(der)];
    } catch {
      return [];
    }
  });
  const s = sod.signer;
  return (
    certs.find((c) => (s.serial && s.issuer ? serialHex(c.serial) === serialHex(s.serial) && c.issuer.equals(s.issuer) : s.subjectKeyId ? c.subjectKeyId?.equals(s.subjectKeyId) : false)) ??
    (certs.length === 1 && !s.serial && !s.subjectKeyId ? certs[0] : null)
  );
}

export function passiveAuth(sodFile: Buffer, dataGroups: Map<number, Buffer>, trust: TrustStore, now: Date): PassiveAuthResult {
  const checks: Check[] = [];
  let sod: Sod;
  try {
    sod = parseSod(sodFile);
    checks.push({ name: 'sod.format', ok: sod.eContentType === OID.ldsSecurityObject && (sod.signer.contentType ?? OID.ldsSecurityObject) === OID.ldsSecurityObject });
  } catch {
    checks.push({ name: 'sod.format', ok: false });
    for (const n of [...dataGroups.keys()].sort((a, b) => a - b)) checks.push({ name: `dg${n}.hash`, ok: false });
    return { checks, intact: false, trusted: false, sod: null, dsSerial: null };
  }
  const s = sod.signer;
  const signedBytes = s.signedAttrs ?? sod.eContent;
  checks.push({ name: 'sod.messageDigest', ok: s.signedAttrs === null || (s.messageDigest !== null && s.messageDigest.equals(hash(s.digestAlgorithm, sod.eContent))) });

  const ds = signerCert(sod);
  checks.push({ name: 'sod.signature', ok: ds !== null && verifySignature(s.signatureAlgorithm, s.digestAlgorithm, signedBytes, s.signature, ds.publicKey) });

  const csca = ds ? (trust.cscas.find((c) => issuedBy(ds, c)) ?? null) : null;
  checks.push({ name: 'ds.chainToCsca', ok: csca !== null });
  checks.push({ name: 'ds.validity', ok: ds !== null && within(ds, now) });
  if (csca) {
    checks.push({ name: 'csca.validity', ok: within(csca, now) });
    const crls = trust.crls.filter((l) => crlIssuedBy(l, csca));
    if (crls.length > 0 && ds) {
      checks.push({ name: 'ds.notRevoked', ok: crls.every((l) => !l.revoked.has(serialHex(ds.serial))) });
      checks.push({ name: 'crl.current', ok: crls.some((l) => l.nextUpdate === null || l.nextUpdate.getTime() >= now.getTime()) });
    }
  }

  if (!dataGroups.has(1)) checks.push({ name: 'dg1.hash', ok: false });
  for (const n of [...dataGroups.keys()].sort((a, b) => a - b)) {
    const listed = sod.dataGroupHashes.get(n);
    checks.push({ name: `dg${n}.hash`, ok: listed !== undefined && listed.equals(hash(sod.hashAlgorithm, dataGroups.get(n)!)) });
  }
  const intact = checks.filter((c) => INTEGRITY.test(c.name)).every((c) => c.ok);
  const trusted = checks.filter((c) => !INTEGRITY.test(c.name)).every((c) => c.ok);
  return { checks, intact, trusted, sod, dsSerial: ds ? serialHex(ds.serial) : null };
}
