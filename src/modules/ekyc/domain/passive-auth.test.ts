import { describe, expect, it } from 'vitest';
import { certificate, crl, dg1, dg2, keyPair, sod } from '../../../../test/ekyc/synthetic-chip.ts';
import { DerError } from './der.ts';
import { dg1Mrz, dg2Photo } from './lds.ts';
import { passiveAuth, type TrustStore } from './passive-auth.ts';
import { parseSod } from './sod.ts';
import { parseCert, parseCrl } from './x509.ts';

const NOW = new Date('2026-03-02T02:00:00Z');
const MRZ = ['IDVNM0960123456001096012345<<7', '9605143M3605141VNM<<<<<<<<<<<4', 'NGUYEN<<VAN<DUC<<<<<<<<<<<<<<<'];
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9]);

const csca = certificate({ cn: 'Test CSCA Vietnam', notBefore: '2020-01-01', notAfter: '2035-01-01', ca: true });
const ds = certificate({ cn: 'Test Document Signer 1', issuer: csca, notBefore: '2025-01-01', notAfter: '2030-01-01', ca: false });
const groups = () =>
  new Map([
    [1, dg1(MRZ)],
    [2, dg2(JPEG)],
    [13, Buffer.from([0x6d, 0x03, 1, 2, 3])],
  ]);
const trust = (extra: Partial<TrustStore> = {}): TrustStore => ({ cscas: [parseCert(csca.cert)], crls: [], ...extra });
const failed = (r: { checks: { name: string; ok: boolean }[] }) => r.checks.filter((c) => !c.ok).map((c) => c.name);

describe('EF.SOD and data groups (ICAO 9303 parts 10–11)', () => {
  it('parses the SOD: hash algorithm, each data group hash, the signer and its certificate', () => {
    const parsed = parseSod(sod({ dataGroups: groups(), ds }));
    expect(parsed.hashAlgorithm).toBe('sha256');
    expect([...parsed.dataGroupHashes.keys()]).toEqual([1, 2, 13]);
    expect(parsed.certificates).toHaveLength(1);
    expect(parsed.signer.digestAlgorithm).toBe('sha256');
    expect(parsed.signer.messageDigest).toHaveLength(32);
  });

  it('reads the MRZ of DG1 and the face image of DG2', () => {
    expect(dg1Mrz(dg1(MRZ))).toEqual(MRZ);
    expect(dg2Photo(dg2(JPEG))).toEqual({ format: 'jpeg', image: JPEG });
    const jp2 = Buffer.from([0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a, 9, 9]);
    expect(dg2Photo(dg2(jp2)).format).toBe('jpeg2000');
  });

  it('refuses malformed input with a DerError, never another exception', () => {
    const good = sod({ dataGroups: groups(), ds });
    for (const bad of [Buffer.alloc(0), Buffer.from([0x77, 0x85, 1]), good.subarray(0, good.length - 7), Buffer.from('not a SOD')]) {
      expect(() => parseSod(bad)).toThrow(DerError);
    }
    expect(() => dg1Mrz(Buffer.from([0x61, 0x03, 0x5f, 0x1f, 0x00]))).toThrow(DerError);
  });
});

describe('passive authentication', () => {
  it('a genuine SOD: every check passes, the data is intact and trusted', () => {
    const r = passiveAuth(sod({ dataGroups: groups(), ds }), groups(), trust(), NOW);
    expect(failed(r)).toEqual([]);
    expect(r.checks.map((c) => c.name)).toEqual(['sod.format', 'sod.messageDigest', 'sod.signature', 'ds.chainToCsca', 'ds.validity', 'csca.validity', 'dg1.hash', 'dg2.hash', 'dg13.hash']);
    expect(r).toMatchObject({ intact: true, trusted: true });
  });

  it('a tampered data group fails its hash only', () => {
    const tampered = groups();
    tampered.set(1, dg1([MRZ[0], MRZ[1], 'TRAN<<VAN<DUC<<<<<<<<<<<<<<<<<']));
    const r = passiveAuth(sod({ dataGroups: groups(), ds }), tampered, trust(), NOW);
    expect(failed(r)).toEqual(['dg1.hash']);
    expect(r.intact).toBe(false);
    expect(r.trusted).toBe(true);
  });

  it('a data group the SOD does not list, or DG1 missing, fails', () => {
    const extra = groups();
    extra.set(15, Buffer.from([0x6f, 0x00]));
    expect(failed(passiveAuth(sod({ dataGroups: groups(), ds }), extra, trust(), NOW))).toEqual(['dg15.hash']);
    const noDg1 = groups();
    noDg1.delete(1);
    expect(failed(passiveAuth(sod({ dataGroups: groups(), ds }), noDg1, trust(), NOW))).toEqual(['dg1.hash']);
  });

  it('a SOD signed by another key than its DS certificate (a forgery) fails the signature', () => {
    const r = passiveAuth(sod({ dataGroups: groups(), ds, signingKey: keyPair().key }), groups(), trust(), NOW);
    expect(failed(r)).toEqual(['sod.signature']);
    expect(r.intact).toBe(false);
  });

  it('a DS from an unknown CSCA (not in the master list) is intact but not trusted', () => {
    const otherCsca = certificate({ cn: 'Test CSCA Vietnam', notBefore: '2020-01-01', notAfter: '2035-01-01', ca: true });
    const rogue = certificate({ cn: 'Rogue DS', issuer: otherCsca, notBefore: '2025-01-01', notAfter: '2030-01-01', ca: false });
    const r = passiveAuth(sod({ dataGroups: groups(), ds: rogue }), groups(), trust(), NOW);
    expect(failed(r)).toEqual(['ds.chainToCsca']);
    expect(r).toMatchObject({ intact: true, trusted: false });
    expect(failed(passiveAuth(sod({ dataGroups: groups(), ds }), groups(), { cscas: [], crls: [] }, NOW))).toEqual(['ds.chainToCsca']);
  });

  it('an expired DS certificate is not trusted', () => {
    const old = certificate({ cn: 'Old DS', issuer: csca, notBefore: '2020-01-01', notAfter: '2025-12-31', ca: false });
    const r = passiveAuth(sod({ dataGroups: groups(), ds: old }), groups(), trust(), NOW);
    expect(failed(r)).toEqual(['ds.validity']);
    expect(r).toMatchObject({ intact: true, trusted: false });
  });

  it("a DS on its CSCA's CRL is revoked; a CRL signed by someone else is ignored; a stale CRL is flagged", () => {
    const revoking = parseCrl(crl(csca, [ds.serial], '2026-02-01', '2026-06-01'));
    expect(failed(passiveAuth(sod({ dataGroups: groups(), ds }), groups(), trust({ crls: [revoking] }), NOW))).toEqual(['ds.notRevoked']);
    const clean = parseCrl(crl(csca, [], '2026-02-01', '2026-06-01'));
    const ok = passiveAuth(sod({ dataGroups: groups(), ds }), groups(), trust({ crls: [clean] }), NOW);
    expect(failed(ok)).toEqual([]);
    expect(ok.checks.map((c) => c.name)).toContain('ds.notRevoked');
    const other = certificate({ cn: 'Other CA', notBefore: '2020-01-01', notAfter: '2035-01-01', ca: true });
    expect(failed(passiveAuth(sod({ dataGroups: groups(), ds }), groups(), trust({ crls: [parseCrl(crl(other, [ds.serial], '2026-02-01', '2026-06-01'))] }), NOW))).toEqual([]);
    const stale = parseCrl(crl(csca, [], '2025-01-01', '2025-02-01'));
    expect(failed(passiveAuth(sod({ dataGroups: groups(), ds }), groups(), trust({ crls: [stale] }), NOW))).toEqual(['crl.current']);
  });

  it('RSA Document Signers with PKCS#1 v1.5 or RSASSA-PSS, and SHA-1 data group hashes', () => {
    const rsaDs = certificate({ cn: 'RSA DS', issuer: csca, notBefore: '2025-01-01', notAfter: '2030-01-01', ca: false, keys: keyPair('rsa') });
    expect(failed(passiveAuth(sod({ dataGroups: groups(), ds: rsaDs }), groups(), trust(), NOW))).toEqual([]);
    expect(failed(passiveAuth(sod({ dataGroups: groups(), ds: rsaDs, pss: true }), groups(), trust(), NOW))).toEqual([]);
    expect(failed(passiveAuth(sod({ dataGroups: groups(), ds, hash: 'sha1' }), groups(), trust(), NOW))).toEqual([]);
  });

  it('garbage instead of a SOD fails the format and every data group', () => {
    const r = passiveAuth(Buffer.from('garbage'), groups(), trust(), NOW);
    expect(failed(r)).toEqual(['sod.format', 'dg1.hash', 'dg2.hash', 'dg13.hash']);
  });
});
