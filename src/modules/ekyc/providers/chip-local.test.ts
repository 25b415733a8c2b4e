import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { certificate, crl, dg1, dg2, int, octets, oid, pem, seq, set, sod, tlv } from '../../../../test/ekyc/synthetic-chip.ts';
import { LocalChipVerifier, loadTrustStore } from './chip-local.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'qldv-ml-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MRZ = ['IDVNM0960123456001096012345<<7', '9605143M3605141VNM<<<<<<<<<<<4', 'NGUYEN<<VAN<DUC<<<<<<<<<<<<<<<'];

describe('the master list on disk', () => {
  const a = certificate({ cn: 'CSCA A', notBefore: '2020-01-01', notAfter: '2035-01-01', ca: true });
  const b = certificate({ cn: 'CSCA B', notBefore: '2020-01-01', notAfter: '2035-01-01', ca: true });
  const c = certificate({ cn: 'CSCA C', notBefore: '2020-01-01', notAfter: '2035-01-01', ca: true });
  const d = certificate({ cn: 'CSCA D', notBefore: '2020-01-01', notAfter: '2035-01-01', ca: true });
  // An ICAO master list: SignedData whose content (id-icao-cscaMasterList) is { version, SET OF Certificate }.
  const ml = seq(oid('1.2.840.113549.1.7.2'), tlv(0xa0, seq(int(3), set(), seq(oid('2.23.136.1.1.2'), tlv(0xa0, octets(seq(int(0), set(c.cert, d.cert))))), set())));

  it('reads PEM (several per file), DER, CRLs and ICAO master lists from a directory; skips what it cannot read', async () => {
    writeFileSync(path.join(dir, 'two.pem'), pem(a.cert) + pem(crl(a, [7], '2026-01-01', '2026-07-01'), 'X509 CRL'));
    writeFileSync(path.join(dir, 'b.der'), b.cert);
    writeFileSync(path.join(dir, 'icao.ml'), ml);
    writeFileSync(path.join(dir, 'broken.crt'), 'garbage');
    writeFileSync(path.join(dir, 'notes.txt'), 'ignored');
    const store = await loadTrustStore(dir);
    expect(store.cscas).toHaveLength(4);
    expect(store.crls).toHaveLength(1);
    expect([...store.crls[0].revoked]).toEqual(['07']);
    expect(store.skipped).toEqual(['broken.crt']);
    expect((await loadTrustStore(path.join(dir, 'b.der'))).cscas).toHaveLength(1);
    expect((await loadTrustStore(undefined)).cscas).toEqual([]);
    expect(await loadTrustStore(path.join(dir, 'missing'))).toMatchObject({ cscas: [], skipped: [path.join(dir, 'missing')] });
  });

  it('verifies chip files against it and hands back DG1 and the DG2 photo', async () => {
    const ds = certificate({ cn: 'DS', issuer: b, notBefore: '2025-01-01', notAfter: '2030-01-01', ca: false });
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 1, 0xff, 0xd9]);
    const groups = new Map([
      [1, dg1(MRZ)],
      [2, dg2(jpeg)],
    ]);
    const r = await new LocalChipVerifier(dir).verify({ sod: sod({ dataGroups: groups, ds }), dataGroups: groups }, new Date('2026-03-02T00:00:00Z'));
    expect(r).toMatchObject({ intact: true, trusted: true, dataGroups: [1, 2], mrzLines: MRZ, photo: { format: 'jpeg', image: jpeg } });
    const none = await new LocalChipVerifier(undefined).verify({ sod: sod({ dataGroups: groups, ds }), dataGroups: groups }, new Date('2026-03-02T00:00:00Z'));
    expect(none).toMatchObject({ intact: true, trusted: false });
  });
});
