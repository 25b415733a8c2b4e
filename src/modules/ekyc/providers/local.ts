import { LocalChipVerifier } from './chip-local.ts';
import { HumanFace } from './human-face.ts';
import { JsqrReader } from './jsqr-reader.ts';
import type { EkycProviders } from './ports.ts';
import { TesseractOcr } from './tesseract-ocr.ts';

/** The providers that run on this server, offline: tesseract.js, jsQR, @vladmandic/human (WASM), passive authentication on node:crypto. */
export function localProviders(opts: { cscaMasterList?: string } = {}): EkycProviders & { close(): Promise<void> } {
  const ocr = new TesseractOcr();
  return { ocr, qr: new JsqrReader(), face: new HumanFace(), chip: new LocalChipVerifier(opts.cscaMasterList), close: () => ocr.close() };
}
