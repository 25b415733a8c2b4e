/**
 * SMS text helpers for GSM 03.38 (7-bit) delivery: Vietnamese without diacritics fits 160 characters
 * per SMS (153 per part when concatenated) instead of 70/67 with UCS2.
 */

/** GSM 03.38 default alphabet (one septet each); ESC (0x1B) is left out on purpose. */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);

/** Extension table: sent as ESC + char, so each costs two septets. */
const GSM_EXTENSION = new Set('\f^{}\\[~]|€');

/** Readable ASCII stand-ins for common non-GSM characters (typography pasted from Word, etc.). */
const ASCII_EQUIVALENTS: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'", '`': "'", '\u00B4': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u201F': '"', '\u2033': '"', '\u00AB': '"', '\u00BB': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u2026': '...', '\u2022': '-', '\u00B7': '.', '\u00D7': 'x',
  '\t': ' ', '\u00A0': ' ', '\u2007': ' ', '\u2009': ' ', '\u202F': ' ', '\u3000': ' ',
  // Zero-width characters carry no text.
  '\u200B': '', '\u200C': '', '\u200D': '', '\u2060': '', '\uFEFF': '',
  // Eth looks like Đ and is sometimes typed for it.
  '\u00D0': 'D',
};

/** True when every character can be sent with data_coding 0 (basic or extension table). */
export function isGsmText(s: string): boolean {
  for (const ch of s) if (!GSM_BASIC.has(ch) && !GSM_EXTENSION.has(ch)) return false;
  return true;
}

/**
 * Vietnamese (or any) text → GSM 7-bit text: diacritics stripped, đ/Đ → d/D, typographic
 * characters replaced by ASCII, anything else unrepresentable → '?'.
 */
export function toGsmText(s: string): string {
  // đ/Đ are base letters, not a letter + combining mark, so NFD alone leaves them alone.
  const stripped = s
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  let out = '';
  for (const ch of stripped) {
    if (GSM_BASIC.has(ch) || GSM_EXTENSION.has(ch)) out += ch;
    else out += ASCII_EQUIVALENTS[ch] ?? '?';
  }
  return out;
}

/** Septets a character costs in GSM 7-bit. */
const septets = (ch: string): number => (GSM_EXTENSION.has(ch) ? 2 : 1);

export const SINGLE_SMS_SEPTETS = 160;
/** 160 minus the 7 septets taken by the 6-byte concatenation UDH. */
export const CONCAT_PART_SEPTETS = 153;

/**
 * Split GSM text (output of `toGsmText`) into SMS parts: one part if it fits 160 septets, otherwise
 * parts of at most 153 septets. Characters are kept whole, so an escape pair is never split.
 */
export function splitSms(text: string): string[] {
  const chars = [...text];
  const total = chars.reduce((n, ch) => n + septets(ch), 0);
  if (total <= SINGLE_SMS_SEPTETS) return [text];

  const parts: string[] = [];
  let part = '';
  let used = 0;
  for (const ch of chars) {
    const cost = septets(ch);
    if (used + cost > CONCAT_PART_SEPTETS) {
      parts.push(part);
      part = '';
      used = 0;
    }
    part += ch;
    used += cost;
  }
  parts.push(part);
  return parts;
}

/** The 6-byte concatenation UDH: IEI 00 (8-bit reference), length 3, ref, total, seq (1-based). */
export function concatUdh(ref: number, total: number, seq: number): Buffer {
  const isByte = (n: number) => Number.isInteger(n) && n >= 0 && n <= 255;
  if (!isByte(ref) || !isByte(total) || total < 1 || !Number.isInteger(seq) || seq < 1 || seq > total) {
    throw new RangeError(`invalid concatenation UDH (ref ${ref}, total ${total}, seq ${seq})`);
  }
  return Buffer.from([0x05, 0x00, 0x03, ref, total, seq]);
}
