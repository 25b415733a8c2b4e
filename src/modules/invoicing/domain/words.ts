/**
 * Amounts in Vietnamese words, as printed on an invoice (`TgTTTBChu`): 1 234 000 →
 * "Một triệu hai trăm ba mươi bốn nghìn đồng". Integer arithmetic on bigint only.
 *
 * Reading rules (standard Northern reading, as invoicing software prints them):
 * - a zero tens digit between hundreds and units reads "linh" (or "lẻ"): 105 → "một trăm linh năm";
 * - 10–19 read "mười …": 10 "mười", 11 "mười một", 15 "mười lăm";
 * - after "mươi" (20–99): 1 → "mốt", 5 → "lăm", 4 → "bốn" (or "tư" with `four: 'tư'`);
 * - every group after the leading one is read in full: 1 000 005 → "một triệu không trăm linh năm";
 * - zero groups are skipped: 1 000 000 → "một triệu"; beyond 10⁹ the reading repeats before "tỷ".
 */
export interface ReadOptions {
  /** The word for a zero tens digit: "linh" (default) or "lẻ". */
  zeroTens?: 'linh' | 'lẻ';
  /** The units digit 4 after "mươi": "bốn" (default, "ba mươi bốn") or "tư" ("ba mươi tư"). */
  four?: 'bốn' | 'tư';
}

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
const BILLION = 1_000_000_000n;

function readTriple(n: bigint, full: boolean, o: Required<ReadOptions>): string[] {
  const h = Number(n / 100n);
  const t = Number((n / 10n) % 10n);
  const u = Number(n % 10n);
  const w: string[] = [];
  if (full || h > 0) w.push(DIGITS[h], 'trăm');
  if (t === 0) {
    if (u > 0) {
      if (full || h > 0) w.push(o.zeroTens);
      w.push(DIGITS[u]);
    }
  } else if (t === 1) {
    w.push('mười');
    if (u === 5) w.push('lăm');
    else if (u > 0) w.push(DIGITS[u]);
  } else {
    w.push(DIGITS[t], 'mươi');
    if (u === 1) w.push('mốt');
    else if (u === 4) w.push(o.four);
    else if (u === 5) w.push('lăm');
    else if (u > 0) w.push(DIGITS[u]);
  }
  return w;
}

function readBelowBillion(n: bigint, full: boolean, o: Required<ReadOptions>): string[] {
  const groups: [bigint, string][] = [
    [n / 1_000_000n, 'triệu'],
    [(n / 1_000n) % 1_000n, 'nghìn'],
    [n % 1_000n, ''],
  ];
  const w: string[] = [];
  let started = full;
  for (const [g, unit] of groups) {
    if (g === 0n) continue;
    w.push(...readTriple(g, started, o));
    if (unit) w.push(unit);
    started = true;
  }
  return w;
}

function readWords(n: bigint, full: boolean, o: Required<ReadOptions>): string[] {
  if (n >= BILLION) {
    const w = [...readWords(n / BILLION, full, o), 'tỷ'];
    const low = n % BILLION;
    if (low > 0n) w.push(...readBelowBillion(low, true, o));
    return w;
  }
  return readBelowBillion(n, full, o);
}

/** A whole number in lower-case Vietnamese words: `readVietnameseNumber(21n)` → "hai mươi mốt". */
export function readVietnameseNumber(n: bigint, opts: ReadOptions = {}): string {
  const o: Required<ReadOptions> = { zeroTens: opts.zeroTens ?? 'linh', four: opts.four ?? 'bốn' };
  if (n === 0n) return 'không';
  if (n < 0n) return `âm ${readWords(-n, false, o).join(' ')}`;
  return readWords(n, false, o).join(' ');
}

/** The invoice's total in words: capitalised, followed by "đồng". */
export function readVietnameseAmount(amount: bigint, opts: ReadOptions = {}): string {
  const text = `${readVietnameseNumber(amount, opts)} đồng`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
