import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { dg1Mrz, dg2Photo } from '../domain/lds.ts';
import { passiveAuth, type TrustStore } from '../domain/passive-auth.ts';
import { masterListCertificates } from '../domain/sod.ts';
import { parseCert, parseCrl, type Cert, type Crl } from '../domain/x509.ts';
import type { ChipFiles, ChipProvider, ChipReading } from './ports.ts';

const PEM = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

/** The DER blocks of a file: PEM (any number of certificates and CRLs) or one DER object. */
function blocks(content: Buffer, file: string): { label: string; der: Buffer }[] {
  const text = content.toString('latin1');
  if (text.includes('-----BEGIN ')) return [...text.matchAll(PEM)].map((m) => ({ label: m[1], der: Buffer.from(m[2].replace(/\s+/g, ''), 'base64') }));
  const ext = path.extname(file).toLowerCase();
  return [{ label: ext === '.crl' ? 'X509 CRL' : ext === '.ml' ? 'MASTER LIST' : 'CERTIFICATE', der: content }];
}

/**
 * Loads the trust anchors for passive authentication from a file or a directory (not recursive):
 * CSCA certificates (.pem/.crt/.cer/.der, PEM or DER), CRLs (.crl, PEM "X509 CRL" or DER) and ICAO
 * master lists (.ml). Unreadable entries are skipped and named in `skipped`.
 */
export async function loadTrustStore(location: string | undefined): Promise<TrustStore & { skipped: string[] }> {
  const store = { cscas: [] as Cert[], crls: [] as Crl[], skipped: [] as string[] };
  if (!location) return store;
  const info = await stat(location).catch(() => null);
  if (!info) return { ...store, skipped: [location] }; // a wrong path: no anchors, so no chip is trusted (review), never a 500
  const files = info.isDirectory() ? (await readdir(location)).sort().map((f) => path.join(location, f)) : [location];
  for (const file of files) {
    if (!/\.(pem|crt|cer|der|crl|ml)$/i.test(file)) continue;
    try {
      for (const b of blocks(await readFile(file), file)) {
        if (b.label.includes('CRL')) store.crls.push(parseCrl(b.der));
        else if (b.label === 'MASTER LIST') store.cscas.push(...masterListCertificates(b.der).map(parseCert));
        else store.cscas.push(parseCert(b.der));
      }
    } catch {
      store.skipped.push(path.basename(file));
    }
  }
  return store;
}

/**
 * Passive authentication on this server (domain/passive-auth.ts) against the configured master
 * list, loaded once; then DG1's MRZ and DG2's photo, when the data groups are intact.
 */
export class LocalChipVerifier implements ChipProvider {
  private trust?: Promise<TrustStore>;
  constructor(private readonly masterList: string | undefined) {}

  async verify(chip: ChipFiles, now: Date): Promise<ChipReading> {
    this.trust ??= loadTrustStore(this.masterList);
    const r = passiveAuth(chip.sod, chip.dataGroups, await this.trust, now);
    const dg1 = chip.dataGroups.get(1);
    const dg2 = chip.dataGroups.get(2);
    let mrzLines: string[] | null = null;
    let photo: ChipReading['photo'] = null;
    try {
      if (dg1) mrzLines = dg1Mrz(dg1);
    } catch {
      r.checks.push({ name: 'dg1.format', ok: false });
    }
    try {
      if (dg2) photo = dg2Photo(dg2);
    } catch {
      r.checks.push({ name: 'dg2.format', ok: false });
    }
    return { checks: r.checks, intact: r.intact, trusted: r.trusted, dataGroups: [...chip.dataGroups.keys()].sort((a, b) => a - b), mrzLines, photo };
  }
}
