import { createHash } from 'node:crypto';
import { toLocalDate } from '../../../platform/calendar.ts';
import type { VerificationResult } from '../contract.ts';
import type { Deps } from '../deps.ts';
import { assessCard, type CardImages } from './assess-card.ts';
import type { Caller } from './authorize-caller.ts';
import { storeImages } from './images.ts';
import { metered } from './metered.ts';
import { decodes } from '../providers/images.ts';
import { ekycError } from '../errors.ts';

export type { CardImages } from './assess-card.ts';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** POST /verifications: the card assessed, metered per request id, its images stored encrypted with the request. */
export async function verifyCard(d: Deps, caller: Caller, requestId: string | undefined, img: CardImages) {
  for (const part of ['front', 'back', 'selfie'] as const) if (!(await decodes(img[part].content))) throw ekycError('EKYC_IMAGE_INVALID', { part });
  const fingerprint = { front: sha(img.front.content), back: sha(img.back.content), selfie: sha(img.selfie.content) };
  return metered<VerificationResult>(d, caller, { requestId, kind: 'verification', fingerprint }, async (rowId, rid) => {
    const assessment = await assessCard(d.providers(), d.settings, toLocalDate(d.clock.now()), img);
    const parts = [
      { part: 'front', ...img.front },
      { part: 'back', ...img.back },
      { part: 'selfie', ...img.selfie },
    ];
    return {
      response: { id: rowId, requestId: rid, ...assessment },
      outcome: assessment.decision,
      reasons: assessment.reasons.map((r) => (r.check ? `${r.code}:${r.check}` : r.code)),
      persist: (tx, id) => storeImages(d, tx, id, caller.contractId, parts),
    };
  });
}
