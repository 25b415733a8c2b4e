import path from 'node:path';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import { digitsHold, mrzLinesOf, parseBack, parseFront } from '../domain/printed-text.ts';
import { cropForOcr } from './images.ts';
import { packageDir } from './package-dir.ts';
import type { OcrProvider, PrintedBack, PrintedFront } from './ports.ts';

/** The traineddata inside the npm data packages: read from disk, never downloaded (langPath + cacheMethod 'none'). */
const dataDir = (pkg: string, variant: string) => path.join(packageDir(pkg), variant);

/**
 * OCR with tesseract.js: Vietnamese (LSTM) for the printed sides; the legacy English engine on an
 * upscaled, thresholded crop of the bottom of the back for the MRZ (the LSTM model turns `<` fillers
 * into letters). Workers start on first use and are reused.
 */
export class TesseractOcr implements OcrProvider {
  private vie?: Promise<Worker>;
  private mrz?: Promise<Worker>;

  private vieWorker() {
    this.vie ??= createWorker('vie', OEM.LSTM_ONLY, { langPath: dataDir('@tesseract.js-data/vie', '4.0.0_best_int'), cacheMethod: 'none', gzip: true });
    return this.vie;
  }

  private mrzWorker() {
    this.mrz ??= (async () => {
      const w = await createWorker('eng', OEM.TESSERACT_ONLY, { langPath: dataDir('@tesseract.js-data/eng', '4.0.0'), cacheMethod: 'none', gzip: true });
      await w.setParameters({ tessedit_char_whitelist: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<', tessedit_pageseg_mode: PSM.SINGLE_BLOCK });
      return w;
    })();
    return this.mrz;
  }

  async readFront(image: Buffer): Promise<PrintedFront> {
    const w = await this.vieWorker();
    // The text column right of the photo; the QR code (top right) is left out, it adds junk lines.
    const crop = await cropForOcr(image, { left: 0.3, top: 0.22, width: 0.7, height: 0.78 }, 1.5);
    const { data } = await w.recognize(crop);
    return parseFront(data.text);
  }

  async readBack(image: Buffer): Promise<PrintedBack> {
    const w = await this.vieWorker();
    // The issue date's line (below the identification marks), as the 2021 card lays it out.
    const crop = await cropForOcr(image, { left: 0, top: 0.14, width: 1, height: 0.2 }, 1.5);
    const { data } = await w.recognize(crop);
    return parseBack(data.text);
  }

  /**
   * The MRZ lines; when their check digits fail (a slightly rotated or blurred photo reads badly), the
   * crop is tried again turned by ±1.5° and with a lighter and a darker threshold; the first reading
   * whose check digits hold is kept.
   */
  async readMrz(back: Buffer): Promise<string[] | null> {
    const w = await this.mrzWorker();
    let first: string[] | null = null;
    const tries: [number, number][] = [[0, 150], [-1.5, 150], [1.5, 150], [0, 120], [0, 180]];
    for (const [angle, threshold] of tries) {
      const crop = await cropForOcr(back, { left: 0, top: 0.62, width: 1, height: 0.38 }, 2, threshold, angle);
      const { data } = await w.recognize(crop);
      const lines = mrzLinesOf(data.text);
      if (lines && digitsHold(lines)) return lines;
      first ??= lines;
    }
    return first;
  }

  async close() {
    await Promise.all([this.vie, this.mrz].map(async (w) => (await w)?.terminate()));
  }
}
