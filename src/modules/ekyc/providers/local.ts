import { HumanFace } from './human-face.ts';
import { JsqrReader } from './jsqr-reader.ts';
import type { EkycProviders } from './ports.ts';
import { TesseractOcr } from './tesseract-ocr.ts';

/** The providers that run on this server, offline: tesseract.js, jsQR, @vladmandic/human (WASM). */
export function localProviders(): EkycProviders & { close(): Promise<void> } {
  const ocr = new TesseractOcr();
  return { ocr, qr: new JsqrReader(), face: new HumanFace(), close: () => ocr.close() };
}
