import path from 'node:path';
import { createWorker, OEM, PSM, type Worker } from 'tesseract.js';
import { fromSlashed } from '../domain/dates.ts';
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
    const crop = await cropForOcr(image, { left: 0, top: 0, width: 1, height: 0.62 }, 1.5);
    const { data } = await w.recognize(crop);
    return parseBack(data.text);
  }

  async readMrz(back: Buffer): Promise<string[] | null> {
    const w = await this.mrzWorker();
    const crop = await cropForOcr(back, { left: 0, top: 0.62, width: 1, height: 0.38 }, 2, 150);
    const { data } = await w.recognize(crop);
    return mrzLinesOf(data.text);
  }

  async close() {
    await Promise.all([this.vie, this.mrz].map(async (w) => (await w)?.terminate()));
  }
}

/** The three 30-character lines in OCR text (spaces dropped), or null. */
export function mrzLinesOf(text: string): string[] | null {
  const lines = text
    .split('\n')
    .map((l) => l.replace(/\s+/g, '').toUpperCase())
    .filter((l) => l.length >= 25);
  const start = lines.findIndex((l) => l.startsWith('I'));
  if (start < 0 || lines.length < start + 3) return null;
  return lines.slice(start, start + 3).map((l) => (l + '<'.repeat(30)).slice(0, 30));
}

const DATE = /(\d{2}\/\d{2}\/\d{4})/;

/** The value after a bilingual label, on the same line or the next one. */
function after(lines: string[], label: RegExp): string | null {
  const i = lines.findIndex((l) => label.test(l));
  if (i < 0) return null;
  const rest = lines[i].replace(label, '').replace(/^[\s:./-]+/, '').trim();
  if (rest) return rest;
  return lines[i + 1]?.trim() || null;
}

/** The printed front's fields from its OCR text (labels as on the 2021 chip card: "Họ và tên / Full name" …). */
export function parseFront(text: string): PrintedFront {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const idNumber = /\b(\d{12})\b/.exec(text.replace(/(\d)\s(?=\d)/g, '$1'))?.[1] ?? null;
  const fullName = after(lines, /^.*(Full name|Họ và tên)[^:]*:?/i);
  const birth = DATE.exec(after(lines, /^.*(Date of birth|Ngày sinh)[^:]*:?/i) ?? '')?.[1];
  // "Giới tính / Sex: Nữ   Quốc tịch / Nationality: Việt Nam" is one line: the sex is the first word.
  const sexWord = (after(lines, /^.*?(Sex|Giới tính)[^:]*:/i) ?? '').split(/\s+/)[0]?.toLowerCase();
  const sex = sexWord === 'nam' ? 'M' : sexWord === 'nữ' ? 'F' : null;
  const nationality = after(lines, /^.*(Nationality|Quốc tịch)[^:]*:/i);
  const expiry = DATE.exec(after(lines, /^.*(Date of expiry|Có giá trị đến)[^:]*:?/i) ?? '')?.[1];
  return {
    idNumber,
    fullName: fullName ? fullName.replace(/[^\p{L} ]/gu, '').trim() || null : null,
    birthDate: birth ? fromSlashed(birth) : null,
    sex,
    nationality,
    homeTown: after(lines, /^.*(Place of origin|Quê quán)[^:]*:?/i),
    address: after(lines, /^.*(Place of residence|Nơi thường trú)[^:]*:?/i),
    expiryDate: expiry ? fromSlashed(expiry) : null,
  };
}

export function parseBack(text: string): PrintedBack {
  const m = /(\d{2}\/\d{2}\/\d{4})/.exec(text);
  return { issueDate: m ? fromSlashed(m[1]) : null };
}
