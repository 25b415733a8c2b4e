/** Calendar arithmetic on `YYYY-MM-DD` strings, for the card's dates. Pure (no clock, no zone). */

/** A real calendar date in the Gregorian calendar (rejects 2025-02-29, 1996-13-01 …). */
export function isRealDate(iso: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** `ddmmyyyy` (the QR code's dates) → `YYYY-MM-DD`, or null when it is not a real date. */
export function fromDdMmYyyy(s: string): string | null {
  if (!/^\d{8}$/.test(s)) return null;
  const iso = `${s.slice(4, 8)}-${s.slice(2, 4)}-${s.slice(0, 2)}`;
  return isRealDate(iso) ? iso : null;
}

/** `dd/mm/yyyy` (the printed card's dates, as OCR reads them) → `YYYY-MM-DD`, or null. */
export function fromSlashed(s: string): string | null {
  const m = /^(\d{2})[/.-](\d{2})[/.-](\d{4})$/.exec(s.trim());
  return m ? fromDdMmYyyy(`${m[1]}${m[2]}${m[3]}`) : null;
}

/**
 * An MRZ date `YYMMDD` → `YYYY-MM-DD`. A birth date is the latest century not after `today`; an expiry
 * date is in the century of `today` (a card is valid for at most a few decades).
 */
export function fromMrzDate(yymmdd: string, kind: 'birth' | 'expiry', today: string): string | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  const century = Number(today.slice(0, 2)) * 100;
  let year = century + Number(yymmdd.slice(0, 2));
  const rest = `-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
  if (kind === 'birth' && `${year}${rest}` > today) year -= 100;
  const iso = `${year}${rest}`;
  return isRealDate(iso) ? iso : null;
}

/** Whole years from `from` to `to` (an age), both `YYYY-MM-DD`. */
export function yearsBetween(from: string, to: string): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) >= from.slice(5) ? years : years - 1;
}
