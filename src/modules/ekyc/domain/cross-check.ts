import type { Check, Sex } from './id-number.ts';
import { asciiFold } from './names.ts';

/**
 * The same field read from different places on the card (printed text by OCR, MRZ, QR) must agree.
 * Names compare without diacritics (Đ → D), as the MRZ writes them; addresses allow the few errors OCR
 * makes in long Vietnamese text. Pure.
 */
export interface SourceFields {
  idNumber?: string | null;
  fullName?: string | null;
  birthDate?: string | null;
  sex?: Sex | null;
  expiryDate?: string | null;
  issueDate?: string | null;
  address?: string | null;
}

export type Source = 'front' | 'back' | 'mrz' | 'qr';

const FIELDS: (keyof SourceFields)[] = ['idNumber', 'fullName', 'birthDate', 'sex', 'expiryDate', 'issueDate', 'address'];

/** Levenshtein similarity in 0…1 of two strings. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (!a.length || !b.length) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return 1 - prev[b.length] / Math.max(a.length, b.length);
}

export const ADDRESS_SIMILARITY = 0.85;

function agree(field: keyof SourceFields, a: string, b: string): boolean {
  if (field === 'fullName') return asciiFold(a) === asciiFold(b);
  if (field === 'address') return similarity(asciiFold(a), asciiFold(b)) >= ADDRESS_SIMILARITY;
  return a === b;
}

/** One check per field and pair of sources that both read it: `fullName.front=mrz` … */
export function crossCheck(sources: Partial<Record<Source, SourceFields>>): Check[] {
  const checks: Check[] = [];
  const names = Object.keys(sources) as Source[];
  for (const field of FIELDS) {
    for (let i = 0; i < names.length; i++) {
      for (let j = i + 1; j < names.length; j++) {
        const a = sources[names[i]]?.[field];
        const b = sources[names[j]]?.[field];
        if (a == null || b == null) continue;
        checks.push({ name: `${field}.${names[i]}=${names[j]}`, ok: agree(field, a, b) });
      }
    }
  }
  return checks;
}
