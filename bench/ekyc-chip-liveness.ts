/**
 * The chip path and active liveness, measured on synthetic data (part of bench/ekyc-accuracy.ts):
 * - passive authentication: time per check (EC P-256 and RSA-2048 Document Signers) and how each
 *   kind of bad chip data is classified (genuine, tampered DG1, forged signature, unknown CSCA,
 *   expired DS);
 * - the face match with the chip's photo (DG2) as the reference instead of the printed one;
 * - active liveness: the model's readings (eye openness, yaw of a face and of its mirror image),
 *   seconds per frame, and how many still-photo sequences (one selfie re-shot with light, angle and
 *   compression changes) pass a random challenge — the replay attack the challenge is for.
 * What synthetic frames cannot give: real head turns and blinks. The true-accept rate of live people
 * needs a labelled set of real sequences (README, "Calibration").
 */
import sharp from 'sharp';
import { certificate, dg1, dg2, keyPair, sod } from '../test/ekyc/synthetic-chip.ts';
import { prng, selfieOf } from '../test/ekyc/synthetic-card.ts';
import { passiveAuth } from '../src/modules/ekyc/domain/passive-auth.ts';
import { parseCert } from '../src/modules/ekyc/domain/x509.ts';
import { judgeSequence, pickActions } from '../src/modules/ekyc/domain/liveness.ts';
import type { EkycProviders } from '../src/modules/ekyc/providers/ports.ts';

const MRZ = ['IDVNM0960123456001096012345<<7', '9605143M3605141VNM<<<<<<<<<<<4', 'NGUYEN<<VAN<DUC<<<<<<<<<<<<<<<'];
const NOW = new Date('2026-03-02T02:00:00Z');
const pct = (n: number, of: number) => `${((100 * n) / Math.max(of, 1)).toFixed(1)} %`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export async function chipAndLiveness(providers: EkycProviders, faces: Buffer[], threshold: number, n: number) {
  // Passive authentication: speed and classification.
  const csca = certificate({ cn: 'Bench CSCA', notBefore: '2020-01-01', notAfter: '2035-01-01', ca: true });
  const trust = { cscas: [parseCert(csca.cert)], crls: [] };
  const ec = certificate({ cn: 'Bench DS EC', issuer: csca, notBefore: '2025-01-01', notAfter: '2030-01-01', ca: false });
  const rsa = certificate({ cn: 'Bench DS RSA', issuer: csca, notBefore: '2025-01-01', notAfter: '2030-01-01', ca: false, keys: keyPair('rsa') });
  const expired = certificate({ cn: 'Bench DS old', issuer: csca, notBefore: '2020-01-01', notAfter: '2025-12-31', ca: false });
  const rogueCsca = certificate({ cn: 'Rogue CSCA', notBefore: '2020-01-01', notAfter: '2035-01-01', ca: true });
  const rogue = certificate({ cn: 'Rogue DS', issuer: rogueCsca, notBefore: '2025-01-01', notAfter: '2030-01-01', ca: false });
  const photo = await sharp(faces[3]).resize(240, 300, { fit: 'cover' }).jpeg({ quality: 80 }).toBuffer();
  const groups = new Map([
    [1, dg1(MRZ)],
    [2, dg2(photo)],
  ]);
  for (const [label, ds] of [
    ['EC P-256', ec],
    ['RSA-2048', rsa],
  ] as const) {
    const file = sod({ dataGroups: groups, ds });
    const t = performance.now();
    for (let i = 0; i < 200; i++) passiveAuth(file, groups, trust, NOW);
    console.log(`Passive authentication (${label} DS, SHA-256, DG1+DG2 ${groups.get(2)!.length} B): ${((performance.now() - t) / 200).toFixed(2)} ms per chip`);
  }
  const tampered = new Map(groups).set(1, dg1([MRZ[0], MRZ[1], 'TRAN<<VAN<DUC<<<<<<<<<<<<<<<<<']));
  const cases: [string, ReturnType<typeof passiveAuth>, 'intact+trusted' | 'not intact' | 'not trusted'][] = [
    ['genuine', passiveAuth(sod({ dataGroups: groups, ds: ec }), groups, trust, NOW), 'intact+trusted'],
    ['DG1 changed after signing', passiveAuth(sod({ dataGroups: groups, ds: ec }), tampered, trust, NOW), 'not intact'],
    ['signed with another key', passiveAuth(sod({ dataGroups: groups, ds: ec, signingKey: keyPair().key }), groups, trust, NOW), 'not intact'],
    ['DS of an unknown CSCA', passiveAuth(sod({ dataGroups: groups, ds: rogue }), groups, trust, NOW), 'not trusted'],
    ['expired DS', passiveAuth(sod({ dataGroups: groups, ds: expired }), groups, trust, NOW), 'not trusted'],
  ];
  const got = (r: ReturnType<typeof passiveAuth>) => (!r.intact ? 'not intact' : r.trusted ? 'intact+trusted' : 'not trusted');
  console.log(`  classification: ${cases.map(([name, r, want]) => `${name} → ${got(r)}${got(r) === want ? '' : ` (WRONG, want ${want})`}`).join('; ')}`);

  // Face match against the chip photo (a 240×300 portrait, as DG2 holds) instead of the printed one.
  const r = prng(99);
  const genuine: number[] = [];
  const impostor: number[] = [];
  for (let i = 0; i < n; i++) {
    const face = faces[(i * 7) % faces.length];
    const other = faces[(i * 7 + 31) % faces.length];
    const chipPhoto = await sharp(face).resize(240, 300, { fit: 'cover' }).jpeg({ quality: 80 }).toBuffer();
    const g = await providers.face.compare(chipPhoto, await selfieOf(face, r));
    const x = await providers.face.compare(chipPhoto, await selfieOf(other, r));
    if (g.score !== null) genuine.push(g.score);
    if (x.score !== null) impostor.push(x.score);
  }
  const far = impostor.filter((s) => s >= threshold).length;
  const frr = genuine.filter((s) => s < threshold).length;
  console.log(`Face match with the chip photo as reference (${n} faces): FAR ${pct(far, impostor.length)}, FRR ${pct(frr, genuine.length)} at ${threshold}; genuine median ${median(genuine).toFixed(2)}, impostor median ${median(impostor).toFixed(2)}`);

  // Active liveness readings and the still-photo replay.
  const eye: number[] = [];
  const yawFlip: number[] = [];
  let frameSeconds = 0;
  let frames = 0;
  let replayPassed = 0;
  const lr = prng(4242);
  for (let i = 0; i < n; i++) {
    const face = faces[(i * 7) % faces.length];
    const shots = [await selfieOf(face, lr), await selfieOf(face, lr), await selfieOf(face, lr)];
    const mirror = await sharp(shots[0]).flop().jpeg().toBuffer();
    const t = performance.now();
    const readings = await providers.face.frames([...shots, mirror]);
    frameSeconds += (performance.now() - t) / 1000;
    frames += 4;
    const [a, , , m] = readings;
    if (a.eyeOpen !== null) eye.push(a.eyeOpen);
    if (a.yaw !== null && m.yaw !== null) yawFlip.push(Math.abs(a.yaw + m.yaw) / Math.max(1, Math.abs(a.yaw) + Math.abs(m.yaw)));
    if (judgeSequence(pickActions(lr.next, 2), readings.slice(0, 3)).checks.every((c) => c.ok)) replayPassed++;
  }
  console.log(`Active liveness: ${(frameSeconds / Math.max(frames, 1)).toFixed(2)} s per frame; eye openness of open-eyed selfies median ${median(eye).toFixed(3)} (min ${Math.min(...eye).toFixed(3)})`);
  console.log(`  yaw of a face and of its mirror image cancel (|a+b|/(|a|+|b|), 0 = exact sign flip): median ${median(yawFlip).toFixed(2)} over ${yawFlip.length} faces`);
  console.log(`  still-photo sequences (3 re-shots of one selfie) passing a random 2-action challenge: ${replayPassed}/${n} (want 0)`);
}
