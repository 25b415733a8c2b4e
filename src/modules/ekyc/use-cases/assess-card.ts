import type { VerificationResult } from '../contract.ts';
import type { EkycSettings } from '../deps.ts';
import { checkCardDates } from '../domain/card-dates.ts';
import { crossCheck } from '../domain/cross-check.ts';
import { decide } from '../domain/decision.ts';
import { checkIdNumber, type Check } from '../domain/id-number.ts';
import { checkMrz } from '../domain/mrz.ts';
import { parseCccdQr } from '../domain/qr.ts';
import type { ChipFiles, ChipReading, EkycProviders } from '../providers/ports.ts';
import { chipAgainstCard } from '../domain/chip-check.ts';
import { judgeSequence, type Action } from '../domain/liveness.ts';
import { decodes } from '../providers/images.ts';

export interface CardImages {
  front: { mime: string; content: Buffer };
  back: { mime: string; content: Buffer };
  selfie: { mime: string; content: Buffer };
  /** EF.SOD and data groups a mobile app read from the chip (optional). */
  chip?: ChipFiles;
  /** Active liveness: every selfie frame (the first is `selfie`), the challenge's id and, once opened, its actions. */
  frames?: { mime: string; content: Buffer }[];
  challengeId?: string;
  actions?: Action[];
}

/** What the response says of the chip's photo: used for the face match, or why the printed photo was. */
type ChipPhoto = NonNullable<VerificationResult['chip']>['photo'];

/** DG2's photo for the face match when the chip data is intact and the image decodes here (JPEG 2000 usually does not). */
export async function chipPhoto(r: ChipReading | null): Promise<{ use: Buffer | null; status: ChipPhoto }> {
  if (!r?.photo) return { use: null, status: 'absent' };
  if (!r.intact) return { use: null, status: 'not_intact' };
  if (!(await decodes(r.photo.image))) return { use: null, status: r.photo.format === 'jpeg2000' ? 'jpeg2000_not_decodable' : 'not_decodable' };
  return { use: r.photo.image, status: 'used' };
}

export type Assessment = Omit<VerificationResult, 'id' | 'requestId'>;
type Group = VerificationResult['checks'][number]['group'];
const tag = (group: Group, checks: Check[] | null | undefined) => (checks ?? []).map((c) => ({ ...c, group }));
const round = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);

/**
 * Front, back and selfie → fields, each check with its result, the face-match and liveness scores and
 * the decision with its reasons. Every reader is a provider port; the rules are the pure domain
 * functions. (The benchmark measures exactly this.)
 */
export async function assessCard(
  p: EkycProviders,
  s: Omit<EkycSettings, 'publicBaseUrl' | 'retentionDays'>,
  today: string,
  img: CardImages,
  now: Date = new Date(`${today}T05:00:00Z`),
): Promise<Assessment> {
  const started = performance.now();
  // The two OCR engines run in their own worker threads, side by side; the face model then takes the CPU.
  const [front, mrzLines] = await Promise.all([p.ocr.readFront(img.front.content), p.ocr.readMrz(img.back.content)]);
  const back = await p.ocr.readBack(img.back.content);
  const qrText = await p.qr.read([img.front.content, img.back.content]);
  const chip = img.chip ? await p.chip.verify(img.chip, now) : null;
  const photo = await chipPhoto(chip);
  // The chip's photo (signed by the state) is the reference when it can be used; else the printed one.
  const face = await p.face.compare(photo.use ?? img.front.content, img.selfie.content);
  const active = img.actions && img.frames ? judgeSequence(img.actions, await p.face.frames(img.frames.map((f) => f.content))) : null;
  const liveness = active ? active.score : face.liveness;

  const mrz = mrzLines ? checkMrz(mrzLines, today) : null;
  const qr = qrText ? parseCccdQr(qrText) : null;
  // Fields of an MRZ whose check digits fail are a misreading: not used, not compared.
  const m = mrz && mrz.checks.every((c) => c.ok || !c.name.endsWith('CheckDigit')) ? mrz.fields : undefined;
  const q = qr?.fields;
  const mrzName = m?.surname ? `${m.surname} ${m.givenNames ?? ''}`.trim() : null;
  // The QR code is digital data (exact, with diacritics): it wins over OCR, which wins over the ASCII MRZ.
  const fields = {
    idNumber: q?.idNumber ?? front.idNumber ?? m?.idNumber ?? null,
    fullName: q?.fullName ?? front.fullName ?? mrzName,
    birthDate: q?.birthDate ?? front.birthDate ?? m?.birthDate ?? null,
    sex: q?.sex ?? front.sex ?? m?.sex ?? null,
    nationality: front.nationality ?? (m?.nationality === 'VNM' ? 'Việt Nam' : null),
    homeTown: front.homeTown,
    address: q?.address ?? front.address ?? null,
    issueDate: q?.issueDate ?? back.issueDate ?? null,
    expiryDate: m ? m.expiryDate : front.expiryDate,
  };
  const idCheck = fields.idNumber ? checkIdNumber(fields.idNumber, today, { birthDate: fields.birthDate ?? undefined, sex: fields.sex ?? undefined }) : null;
  const dates = checkCardDates({ birthDate: fields.birthDate, issueDate: fields.issueDate, expiryDate: fields.expiryDate }, today);
  const cross = crossCheck({
    front: { idNumber: front.idNumber, fullName: front.fullName, birthDate: front.birthDate, sex: front.sex, expiryDate: front.expiryDate, address: front.address },
    back: { issueDate: back.issueDate },
    ...(m ? { mrz: { idNumber: m.idNumber, fullName: mrzName, birthDate: m.birthDate, sex: m.sex, expiryDate: m.expiryDate } } : {}),
    ...(q ? { qr: q } : {}),
  });
  const chipChecks = chip ? [...chip.checks, ...chipAgainstCard(chip.mrzLines, m ? mrzLines : null, fields, today)] : null;
  const { decision, reasons } = decide({
    mrz: mrz?.checks ?? null,
    qr: qr?.checks ?? null,
    idNumber: idCheck?.checks ?? null,
    dates,
    cross,
    face: { score: face.score, threshold: s.faceMatchThreshold, minSidePx: face.faceSizePx, minFacePx: s.minFaceSizePx },
    liveness: { score: liveness, threshold: s.livenessThreshold, ...(active ? { checks: active.checks } : {}) },
    chip: chipChecks,
  });
  return {
    decision,
    reasons,
    fields,
    checks: [...tag('mrz', mrz?.checks), ...tag('qr', qr?.checks), ...tag('idNumber', idCheck?.checks), ...tag('dates', dates), ...tag('cross', cross), ...tag('chip', chipChecks), ...tag('liveness', active?.checks)],
    scores: {
      faceMatch: round(face.score),
      faceMatchThreshold: s.faceMatchThreshold,
      faceSizePx: face.faceSizePx,
      minFaceSizePx: s.minFaceSizePx,
      liveness: round(liveness),
      livenessThreshold: s.livenessThreshold,
      faceSource: photo.use ? 'chip' : 'card',
      livenessMode: active ? 'active' : 'passive',
    },
    ...(chip ? { chip: { intact: chip.intact, trusted: chip.trusted, dataGroups: chip.dataGroups, mrzLines: chip.mrzLines, photo: photo.status } } : {}),
    mrzLines,
    durationMs: Math.round(performance.now() - started),
  };
}
