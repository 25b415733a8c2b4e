import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certificate, dg1, dg2, pem, sod } from '../../../test/ekyc/synthetic-chip.ts';
import { faceTiles, prng, renderBack, renderFront, selfieOf, type Person } from '../../../test/ekyc/synthetic-card.ts';
import { createTestSystem, noDatabase, type TestSystem } from '../../../test/system.ts';

const PERSON: Person = {
  idNumber: '001096012345',
  fullName: 'Nguyễn Văn Đức',
  birthDate: '1996-05-14',
  sex: 'M',
  homeTown: 'Xã Đông Hội, Hà Nội',
  address: 'Số 12 Phố Huế, Phường Bến Nghé, Hà Nội',
  issueDate: '2021-08-15',
  expiryDate: '2036-05-14',
};
const MRZ = ['IDVNM0960123456001096012345<<7', '9605143M3605141VNM<<<<<<<<<<<4', 'NGUYEN<<VAN<DUC<<<<<<<<<<<<<<<'];

type Part = { name: string; type: string; content: Buffer } | string;

/** A multipart/form-data body: files (repeatable: an array) and text fields. */
function multipart(parts: [string, Part][]) {
  const boundary = '----qldv-ekyc-chip';
  const chunks: Buffer[] = [];
  for (const [field, p] of parts) {
    if (typeof p === 'string') chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"\r\n\r\n${p}\r\n`));
    else chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${p.name}"\r\nContent-Type: ${p.type}\r\n\r\n`), p.content, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}
const bin = (name: string, content: Buffer) => ({ name, type: 'application/octet-stream', content });

/**
 * Issue #14, chip (NFC) passive authentication and active liveness through the API, with the real
 * local providers and a test CSCA written to a master-list directory (EKYC_CSCA_PATH). Kept to three
 * full verifications: npm test runs on 2 cores.
 */
describe.skipIf(noDatabase)('eKYC chip data and active liveness through the verification API', () => {
  let s: TestSystem;
  let key: string;
  let card: [string, Part][];
  let selfie: Buffer;
  let groups: Map<number, Buffer>;
  let goodSod: Buffer;
  const dir = mkdtempSync(path.join(tmpdir(), 'qldv-csca-'));
  const csca = certificate({ cn: 'Test CSCA Vietnam', notBefore: '2020-01-01', notAfter: '2035-01-01', ca: true });
  const ds = certificate({ cn: 'Test Document Signer', issuer: csca, notBefore: '2025-01-01', notAfter: '2030-01-01', ca: false });

  const post = (parts: [string, Part][], headers: Record<string, string>) => {
    const body = multipart(parts);
    return s.server!.inject({ method: 'POST', url: '/api/v1/ekyc/verifications', payload: body.payload, headers: { 'content-type': body.contentType, 'x-api-key': key, ...headers } });
  };
  const challenge = async () => {
    const r = await s.server!.inject({ method: 'POST', url: '/api/v1/ekyc/liveness-challenges', headers: { 'x-api-key': key } });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { id: string; actions: string[]; expiresAt: string };
  };

  beforeAll(async () => {
    writeFileSync(path.join(dir, 'csca-test.pem'), pem(csca.cert));
    writeFileSync(path.join(dir, 'README.txt'), 'not a certificate: skipped');
    s = await createTestSystem({ env: { EKYC_CSCA_PATH: dir } });
    const t: Record<string, string> = {};
    for (const u of ['am1', 'approver.ctkv1', 'approver.ttcntt', 'enterprise1']) t[u] = await s.login(u);
    const me = await s.http('GET', '/api/v1/me', { token: t.enterprise1 });
    const d = await s.http('POST', '/api/v1/contracts', { token: t.am1, body: { customerId: me.body.user.customer.id, product: 'EKYC', billing: 'postpaid', quantity: 1, signedDate: '2026-03-02' } });
    await s.http('POST', `/api/v1/contracts/${d.body.id}/submit`, { token: t.am1, body: {} });
    await s.http('POST', `/api/v1/contracts/${d.body.id}/approve`, { token: t['approver.ctkv1'], body: {} });
    await s.http('POST', `/api/v1/contracts/${d.body.id}/approve`, { token: t['approver.ttcntt'], body: {} });
    await s.jobs.drain();
    key = (await s.http('POST', `/api/v1/contracts/${d.body.id}/api-keys`, { token: t.enterprise1, body: { name: 'eKYC' } })).body.key;
    const faces = await faceTiles();
    selfie = await selfieOf(faces[12], prng(7));
    card = [
      ['front', { name: 'front.png', type: 'image/png', content: await renderFront(PERSON, faces[12]) }],
      ['back', { name: 'back.png', type: 'image/png', content: await renderBack(PERSON) }],
    ];
    const chipPhoto = await sharp(faces[12]).resize(240, 300, { fit: 'cover' }).jpeg({ quality: 80 }).toBuffer();
    groups = new Map([
      [1, dg1(MRZ)],
      [2, dg2(chipPhoto)],
      [13, Buffer.from([0x6d, 0x04, 0x30, 0x02, 0x02, 0x00])],
    ]);
    goodSod = sod({ dataGroups: groups, ds });
  }, 120_000);
  afterAll(async () => {
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('genuine chip data (files and base64 fields): passive authentication passes, the chip photo is the face reference', async () => {
    const r = await post(
      [...card, ['selfie', { name: 's.jpg', type: 'image/jpeg', content: selfie }], ['sod', goodSod.toString('base64')], ['dg1', bin('dg1', groups.get(1)!)], ['dg2', bin('dg2', groups.get(2)!)], ['dg13', groups.get(13)!.toString('base64')]],
      { 'idempotency-key': 'chip-1' },
    );
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    const chip = body.checks.filter((c: { group: string }) => c.group === 'chip');
    expect(chip.filter((c: { ok: boolean }) => !c.ok)).toEqual([]);
    expect(chip.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(['sod.signature', 'ds.chainToCsca', 'dg1.hash', 'dg2.hash', 'dg13.hash', 'dg1=printedMrz', 'idNumber.chip=card', 'fullName.chip=card']),
    );
    expect(body.chip).toEqual({ intact: true, trusted: true, dataGroups: [1, 2, 13], mrzLines: MRZ, photo: 'used' });
    expect(body.scores).toMatchObject({ faceSource: 'chip', livenessMode: 'passive' });
    expect(body.reasons.filter((x: { code: string }) => x.code.startsWith('CHIP'))).toEqual([]);
    // The chip files are personal data: stored encrypted with the images.
    const rows = await s.database.rows<{ part: string }>(sql`select part from ekyc.images where request_row_id = ${body.id} order by part`);
    expect(rows.map((x) => x.part)).toEqual(['back', 'chip.dg1', 'chip.dg13', 'chip.dg2', 'chip.sod', 'front', 'selfie']);
  }, 120_000);

  it('a DG1 changed after signing is rejected with its hash, and the printed card no longer matches the chip', async () => {
    const forged = dg1([MRZ[0], MRZ[1], 'TRAN<<VAN<DUC<<<<<<<<<<<<<<<<<']);
    const r = await post([...card, ['selfie', { name: 's.jpg', type: 'image/jpeg', content: selfie }], ['sod', bin('sod', goodSod)], ['dg1', bin('dg1', forged)]], { 'idempotency-key': 'chip-2' });
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.decision).toBe('rejected');
    expect(body.reasons).toEqual(expect.arrayContaining([{ code: 'CHIP_INVALID', check: 'dg1.hash' }, { code: 'CHIP_INVALID', check: 'fullName.chip=card' }]));
    expect(body.chip).toMatchObject({ intact: false, trusted: true, photo: 'absent' });
    expect(body.scores.faceSource).toBe('card');
  }, 120_000);

  it('chip parts without a SOD, repeated, or not base64 are refused before any work', async () => {
    const sel: [string, Part] = ['selfie', { name: 's.jpg', type: 'image/jpeg', content: selfie }];
    const noSod = await post([...card, sel, ['dg1', bin('dg1', groups.get(1)!)]], {});
    expect(noSod.json().error).toMatchObject({ code: 'EKYC_CHIP_INVALID', details: { part: 'sod' } });
    const twice = await post([...card, sel, ['sod', bin('sod', goodSod)], ['sod', bin('sod', goodSod)]], {});
    expect(twice.json().error).toMatchObject({ code: 'EKYC_CHIP_INVALID', details: { part: 'sod' } });
    const notB64 = await post([...card, sel, ['sod', 'not base64 !!']], {});
    expect(notB64.statusCode).toBe(400);
    expect(notB64.json().error.code).toBe('EKYC_CHIP_INVALID');
  });

  it('active liveness: a challenge, frames judged against its actions; a held-still face fails every action', async () => {
    const c = await challenge();
    expect(c.actions).toHaveLength(2);
    expect(Date.parse(c.expiresAt) - s.clock.now().getTime()).toBe(120_000);
    const frame = { name: 'f.jpg', type: 'image/jpeg', content: selfie };
    const parts: [string, Part][] = [...card, ['selfie', frame], ['selfie', frame], ['selfie', frame], ['challengeId', c.id]];
    // Two requests racing with one challenge: exactly one is judged, the other is refused (single use).
    const [a, b] = await Promise.all([post(parts, { 'idempotency-key': 'live-1' }), post(parts, { 'idempotency-key': 'live-2' })]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const [r, lost] = a.statusCode === 200 ? [a, b] : [b, a];
    expect(lost.json().error.code).toBe('EKYC_CHALLENGE_USED');
    const body = r.json();
    expect(body.scores.livenessMode).toBe('active');
    const live = body.checks.filter((x: { group: string }) => x.group === 'liveness');
    expect(live.filter((x: { ok: boolean }) => x.ok).map((x: { name: string }) => x.name)).toEqual(['frames.count', 'frames.faceInEach', 'frames.samePerson', 'frames.startFrontal']);
    expect(live.filter((x: { ok: boolean }) => !x.ok).map((x: { name: string }) => x.name)).toEqual(c.actions.map((x) => `action.${x}`));
    expect(body.reasons).toEqual(expect.arrayContaining(c.actions.map((x) => ({ code: 'LIVENESS_LOW', check: `action.${x}` }))));
    expect(body.decision).toBe('review');
    // A resend with the winner's request id replays; a later request with the challenge is refused.
    expect((await post(parts, { 'idempotency-key': body.requestId })).json().id).toBe(body.id);
    const again = await post(parts, { 'idempotency-key': 'live-3' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('EKYC_CHALLENGE_USED');
    const [{ n }] = await s.database.rows<{ n: number }>(sql`select count(*)::int as n from ekyc.requests where request_id like 'live-%'`);
    expect(n).toBe(1);
  }, 120_000);

  it('a forged, expired or missing challenge, or too few frames, is refused', async () => {
    const frame = { name: 'f.jpg', type: 'image/jpeg', content: selfie };
    const three: [string, Part][] = [['selfie', frame], ['selfie', frame], ['selfie', frame]];
    const c = await challenge();
    const [v, body, mac] = c.id.split('.');
    const forged = `${v}.${Buffer.from(Buffer.from(body, 'base64url').toString().replace(/"a":\[[^\]]*\]/, '"a":[]')).toString('base64url')}.${mac}`;
    expect((await post([...card, ...three, ['challengeId', forged]], {})).json().error.code).toBe('EKYC_CHALLENGE_INVALID');
    expect((await post([...card, ...three], {})).json().error.code).toBe('EKYC_FRAMES_INVALID');
    expect((await post([...card, ['selfie', frame], ['challengeId', c.id]], {})).json().error.code).toBe('EKYC_FRAMES_INVALID');
    const nine = Array.from({ length: 9 }, (): [string, Part] => ['selfie', frame]);
    expect((await post([...card, ...nine, ['challengeId', c.id]], {})).json().error.code).toBe('EKYC_FRAMES_INVALID');
    s.clock.set(new Date(s.clock.now().getTime() + 121_000));
    const late = await post([...card, ...three, ['challengeId', c.id]], {});
    expect(late.statusCode).toBe(400);
    expect(late.json().error.code).toBe('EKYC_CHALLENGE_INVALID');
  });
});
