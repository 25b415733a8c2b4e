import type { Check } from './id-number.ts';

/**
 * The overall decision of a verification from its checks and scores, with the reasons. Pure.
 * - rejected: the card contradicts itself or the rules (a check digit, the number's structure, dates,
 *   an expired card, two sources disagreeing) or the selfie is not the card's holder;
 * - review: something could not be read or judged (no MRZ, or an MRZ whose check digits fail — a
 *   photo misread looks the same as a tampered line, and its fields are then not trusted — no QR, no
 *   face, a face too small, a low liveness score): a person looks at it;
 * - approved: everything was read and passed.
 * With chip data: a failed integrity check (hash, signature, DG1 against the card, revoked signer)
 * rejects (CHIP_INVALID); a signer not trusted here (unknown CSCA, expired) sends to review
 * (CHIP_UNTRUSTED).
 */
export type Decision = 'approved' | 'review' | 'rejected';

export interface Reason {
  code: string;
  /** The failed check's name, when a check failed. */
  check?: string;
}

export interface FaceOutcome {
  /** Similarity of the card photo and the selfie, 0…1 (null: a face was not found on one of them). */
  score: number | null;
  threshold: number;
  /** The smaller of the two faces' widths, in pixels. */
  minSidePx: number | null;
  minFacePx: number;
}

export interface LivenessOutcome {
  score: number | null;
  threshold: number;
  /** Active liveness: the challenge's checks (each failure is a reason); absent for the passive score. */
  checks?: Check[];
}

export interface DecisionInput {
  /** Null: the MRZ could not be read. */
  mrz: Check[] | null;
  /** Null: no QR code was found. */
  qr: Check[] | null;
  idNumber: Check[] | null;
  dates: Check[];
  cross: Check[];
  face: FaceOutcome;
  liveness: LivenessOutcome;
  /** Passive authentication and DG1 against the card, when the app sent chip data; else absent. */
  chip?: Check[] | null;
}

/**
 * Chip checks that only say the chip's issuer is not (yet) trusted here: an unknown CSCA, a
 * certificate outside its validity, an outdated CRL. Everything else (a hash, the signature, a
 * revoked signer, DG1 against the card) means the data is not what the state signed: rejected.
 */
export const CHIP_TRUST_CHECKS = new Set(['ds.chainToCsca', 'ds.validity', 'csca.validity', 'crl.current']);

const failures = (checks: Check[] | null, code: string): Reason[] => (checks ?? []).filter((c) => !c.ok).map((c) => ({ code, check: c.name }));

export function decide(i: DecisionInput): { decision: Decision; reasons: Reason[] } {
  const digitFailures = (i.mrz ?? []).filter((c) => !c.ok && c.name.endsWith('CheckDigit'));
  const reject: Reason[] = [
    ...failures(i.mrz?.filter((c) => !c.name.endsWith('CheckDigit')) ?? null, 'MRZ_INVALID'),
    ...failures(i.qr, 'QR_INVALID'),
    ...failures(i.idNumber, 'ID_NUMBER_INVALID'),
    ...failures(i.dates.filter((c) => c.name === 'notExpired'), 'CARD_EXPIRED'),
    ...failures(i.dates.filter((c) => c.name !== 'notExpired'), 'DATES_INCONSISTENT'),
    ...failures(i.cross, 'SOURCES_DISAGREE'),
    ...failures(i.chip?.filter((c) => !CHIP_TRUST_CHECKS.has(c.name)) ?? null, 'CHIP_INVALID'),
  ];
  const review: Reason[] = [];
  if (!i.mrz) review.push({ code: 'MRZ_UNREADABLE' });
  for (const c of digitFailures) review.push({ code: 'MRZ_UNREADABLE', check: c.name });
  if (!i.qr) review.push({ code: 'QR_UNREADABLE' });
  if (!i.idNumber) review.push({ code: 'ID_NUMBER_UNREADABLE' });
  review.push(...failures(i.chip?.filter((c) => CHIP_TRUST_CHECKS.has(c.name)) ?? null, 'CHIP_UNTRUSTED'));
  const { face, liveness } = i;
  if (face.score === null) review.push({ code: 'FACE_NOT_FOUND' });
  else if (face.minSidePx !== null && face.minSidePx < face.minFacePx) review.push({ code: 'FACE_TOO_SMALL' });
  else if (face.score < face.threshold) reject.push({ code: 'FACE_MISMATCH' });
  if (liveness.checks) review.push(...failures(liveness.checks, 'LIVENESS_LOW'));
  else if (liveness.score === null || liveness.score < liveness.threshold) review.push({ code: 'LIVENESS_LOW' });
  if (reject.length) return { decision: 'rejected', reasons: [...reject, ...review] };
  if (review.length) return { decision: 'review', reasons: review };
  return { decision: 'approved', reasons: [] };
}
