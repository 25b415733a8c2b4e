import { fromSlashed } from './dates.ts';
import type { Sex } from './id-number.ts';
import { checkMrz } from './mrz.ts';

/**
 * What OCR text of a card says: the printed fields by their bilingual labels (the 2021 chip card:
 * "Họ và tên / Full name" …), the issue date on the back, the MRZ lines. Pure: the OCR engine is a
 * provider, these only read its text.
 */
export interface PrintedFront {
  idNumber: string | null;
  fullName: string | null;
  birthDate: string | null;
  sex: Sex | null;
  nationality: string | null;
  homeTown: string | null;
  address: string | null;
  expiryDate: string | null;
}

export interface PrintedBack {
  issueDate: string | null;
}

/** Every check digit of the lines holds (dates, expiry and country aside: those are the rules' to judge). */
export function digitsHold(lines: string[]): boolean {
  return checkMrz(lines, '2000-01-01').checks.every((c) => !c.name.endsWith('CheckDigit') || c.ok);
}

/** The three 30-character lines in OCR text (spaces dropped), or null. */
export function mrzLinesOf(text: string): string[] | null {
  const lines = text
    .split('\n')
    .map((l) => l.replace(/\s+/g, '').toUpperCase())
    .filter((l) => l.length >= 5);
  // Line 1 is long and starts with the document code; the name line may lose its trailing fillers.
  const start = lines.findIndex((l) => l.length >= 25 && /^I[A-Z<]/.test(l));
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
