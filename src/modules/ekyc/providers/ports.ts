/**
 * The ports each verification check goes through, so a commercial or government (C06) service can
 * replace the local implementation (tesseract.js, jsQR, @vladmandic/human) without touching the rules.
 * Images are the uploaded bytes (JPEG or PNG).
 */

import type { Check } from '../domain/id-number.ts';
import type { FrameReading } from '../domain/liveness.ts';
import type { PrintedBack, PrintedFront } from '../domain/printed-text.ts';

export type { PrintedBack, PrintedFront };

export interface OcrProvider {
  readFront(image: Buffer): Promise<PrintedFront>;
  readBack(image: Buffer): Promise<PrintedBack>;
  /** The three MRZ lines as read (not yet checked), or null when no MRZ was found. */
  readMrz(back: Buffer): Promise<string[] | null>;
}

export interface QrProvider {
  /** The first QR code's text found in any of the images, or null. */
  read(images: Buffer[]): Promise<string | null>;
}

export interface FaceResult {
  /** Similarity of the card's photo and the selfie, 0…1; null when either has no face. */
  score: number | null;
  /** The smaller face's width in pixels (the card photo is usually the small one). */
  faceSizePx: number | null;
  /** The selfie's liveness (presentation-attack) score 0…1, or null. */
  liveness: number | null;
}

export type { FrameReading } from '../domain/liveness.ts';

export interface FaceProvider {
  compare(cardFront: Buffer, selfie: Buffer): Promise<FaceResult>;
  /** Per frame of an active-liveness sequence: face found, head angles, eye openness, same person as frame 1. */
  frames(images: Buffer[]): Promise<FrameReading[]>;
}

/** The files a mobile app read from the card's chip (NFC, after BAC/PACE): EF.SOD and the data groups. */
export interface ChipFiles {
  sod: Buffer;
  /** Data group number (1 = MRZ, 2 = face, 13 = Vietnamese personal data, 14, 15…) → the file's bytes. */
  dataGroups: Map<number, Buffer>;
}

export interface ChipReading {
  /** Passive authentication, each step a check (sod.*, ds.*, csca.*, crl.*, dgN.hash, dgN.format). */
  checks: Check[];
  /** The data groups are what the Document Signer signed. */
  intact: boolean;
  /** The Document Signer chains to a configured CSCA, valid and not revoked. */
  trusted: boolean;
  dataGroups: number[];
  /** DG1's MRZ lines, or null. */
  mrzLines: string[] | null;
  /** DG2's face image (JPEG or JPEG 2000), or null. */
  photo: { format: 'jpeg' | 'jpeg2000' | 'unknown'; image: Buffer } | null;
}

/** Passive authentication of chip data (a C06 or vendor service could do it instead). */
export interface ChipProvider {
  verify(chip: ChipFiles, now: Date): Promise<ChipReading>;
}

export interface EkycProviders {
  ocr: OcrProvider;
  qr: QrProvider;
  face: FaceProvider;
  chip: ChipProvider;
}
