import { createHash } from 'node:crypto';
import { toLocalDate } from '../../../platform/calendar.ts';
import type { VerificationResult } from '../contract.ts';
import type { Deps } from '../deps.ts';
import { MIN_FRAMES } from '../domain/liveness.ts';
import { assessCard, type CardImages } from './assess-card.ts';
import type { Caller } from './authorize-caller.ts';
import { storeImages } from './images.ts';
import { claimChallenge, openChallenge } from './liveness-challenge.ts';
import { metered } from './metered.ts';
import { decodes } from '../providers/images.ts';
import { ekycError } from '../errors.ts';

export type { CardImages } from './assess-card.ts';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
export const MAX_FRAMES = 8;

/**
 * POST /verifications: the card assessed, metered per request id, its images (and chip files) stored
 * encrypted with the request. With several selfie frames and a challenge id: active liveness, the
 * challenge used once (its reserved row id).
 */
export async function verifyCard(d: Deps, caller: Caller, requestId: string | undefined, img: CardImages) {
  const frames = img.frames ?? [img.selfie];
  if ((frames.length > 1 || img.challengeId) && (!img.challengeId || frames.length < MIN_FRAMES || frames.length > MAX_FRAMES)) {
    throw ekycError('EKYC_FRAMES_INVALID', { min: MIN_FRAMES, max: MAX_FRAMES });
  }
  const challenge = img.challengeId ? openChallenge(d, caller, img.challengeId) : null;
  for (const part of ['front', 'back'] as const) if (!(await decodes(img[part].content))) throw ekycError('EKYC_IMAGE_INVALID', { part });
  for (const f of frames) if (!(await decodes(f.content))) throw ekycError('EKYC_IMAGE_INVALID', { part: 'selfie' });
  const chipFiles = img.chip ? [['sod', img.chip.sod] as const, ...[...img.chip.dataGroups].map(([n, b]) => [`dg${n}`, b] as const)] : [];
  const fingerprint = {
    front: sha(img.front.content),
    back: sha(img.back.content),
    selfie: sha(img.selfie.content),
    ...(img.frames ? { frames: img.frames.map((f) => sha(f.content)), challenge: img.challengeId } : {}),
    ...(chipFiles.length ? { chip: chipFiles.map(([k, b]) => `${k}:${sha(b)}`).sort() } : {}),
  };
  return metered<VerificationResult>(d, caller, { requestId, kind: 'verification', fingerprint, ...(challenge ? { rowId: challenge.r } : {}) }, async (rowId, rid) => {
    if (challenge) await claimChallenge(d, challenge);
    const now = d.clock.now();
    const assessment = await assessCard(d.providers(), d.settings, toLocalDate(now), { ...img, ...(challenge ? { frames, actions: challenge.a } : {}) }, now);
    const parts = [
      { part: 'front', ...img.front },
      { part: 'back', ...img.back },
      ...frames.map((f, i) => ({ part: i === 0 ? 'selfie' : `selfie.${i + 1}`, ...f })),
      ...chipFiles.map(([k, content]) => ({ part: `chip.${k}`, mime: 'application/octet-stream', content })),
    ];
    return {
      response: { id: rowId, requestId: rid, ...assessment },
      outcome: assessment.decision,
      reasons: assessment.reasons.map((r) => (r.check ? `${r.code}:${r.check}` : r.code)),
      persist: (tx, id) => storeImages(d, tx, id, caller.contractId, parts),
    };
  });
}
