/**
 * The ports each verification check goes through, so a commercial or government (C06) service can
 * replace the local implementation (tesseract.js, jsQR, @vladmandic/human) without touching the rules.
 * Images are the uploaded bytes (JPEG or PNG).
 */

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

export interface FaceProvider {
  compare(cardFront: Buffer, selfie: Buffer): Promise<FaceResult>;
}

export interface EkycProviders {
  ocr: OcrProvider;
  qr: QrProvider;
  face: FaceProvider;
}
