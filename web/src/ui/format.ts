/**
 * Display formatting. Money is integer đồng (VND) given as a decimal string or number and is
 * formatted from its digits, never through floating point. Dates and times are always shown in
 * Vietnam time (Asia/Ho_Chi_Minh = UTC+7, no DST) by offset arithmetic, whatever the browser zone.
 */

const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const EMPTY = '—';

/** Adds one to a string of decimal digits ("999" → "1000"). */
function incrementDigits(digits: string): string {
  const out = digits.split('');
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] !== '9') {
      out[i] = String(Number(out[i]) + 1);
      return out.join('');
    }
    out[i] = '0';
  }
  return `1${out.join('')}`;
}

/** `1000000` / `"1000000"` → `"1.000.000 ₫"`; a fraction (e.g. "12.50" from a numeric column) rounds half away from zero. */
export function formatMoney(value: string | number | bigint | null | undefined): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  const text =
    typeof value === 'number'
      ? Number.isFinite(value)
        ? BigInt(Math.sign(value) * Math.round(Math.abs(value))).toString()
        : ''
      : String(value).trim();
  const m = /^([+-]?)(\d+)(?:\.(\d*))?$/.exec(text);
  if (!m) return String(value);
  const [, sign, intPart, frac = ''] = m;
  let digits = frac !== '' && frac[0] >= '5' ? incrementDigits(intPart) : intPart;
  digits = digits.replace(/^0+(?=\d)/, '');
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${sign === '-' && digits !== '0' ? '-' : ''}${grouped} ₫`;
}

export interface VnParts {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
}

/** Calendar fields in Vietnam time. A bare `YYYY-MM-DD` is a calendar date and is taken as is. */
export function vnParts(value: string | number | Date): VnParts | null {
  if (typeof value === 'string') {
    const d = DATE_ONLY.exec(value);
    if (d) return { year: Number(d[1]), month: Number(d[2]), day: Number(d[3]), hour: 0, minute: 0 };
  }
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms)) return null;
  const t = new Date(ms + VN_OFFSET_MS);
  return {
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    day: t.getUTCDate(),
    hour: t.getUTCHours(),
    minute: t.getUTCMinutes(),
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

type DateInput = string | number | Date | null | undefined;

/** → `dd/MM/yyyy` in Vietnam time. */
export function formatDate(value: DateInput): string {
  const p = value === null || value === undefined || value === '' ? null : vnParts(value);
  return p ? `${pad(p.day)}/${pad(p.month)}/${pad(p.year, 4)}` : value ? String(value) : EMPTY;
}

/** → `dd/MM/yyyy HH:mm` in Vietnam time. */
export function formatDateTime(value: DateInput): string {
  const p = value === null || value === undefined || value === '' ? null : vnParts(value);
  return p
    ? `${pad(p.day)}/${pad(p.month)}/${pad(p.year, 4)} ${pad(p.hour)}:${pad(p.minute)}`
    : value
      ? String(value)
      : EMPTY;
}

/** Today's calendar date in Vietnam. */
export const vnToday = (now = Date.now()): VnParts => vnParts(now) as VnParts;

/** The instant of a wall-clock time in Vietnam (month 1–12); the inverse of `vnParts`. */
export const vnTime = (year: number, month: number, day: number, hour = 0, minute = 0): Date =>
  new Date(Date.UTC(year, month - 1, day, hour, minute) - VN_OFFSET_MS);

/** ISO weekday (1 = Monday … 7 = Sunday) of a `YYYY-MM-DD` calendar date. */
export function isoWeekday(date: string): number {
  const d = DATE_ONLY.exec(date);
  if (!d) return 0;
  const dow = new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]))).getUTCDay();
  return dow === 0 ? 7 : dow;
}

/** An integer count with Vietnamese grouping: `50000` → `"50.000"`. */
export function formatNumber(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  const text = String(value);
  return /^-?\d+$/.test(text) ? text.replace(/\B(?=(\d{3})+(?!\d))/g, '.') : text;
}

/** Basis points as a percentage: `4000` → `"40 %"`, `3550` → `"35,5 %"`. */
export function formatBasisPoints(bp: number): string {
  const whole = Math.trunc(bp / 100);
  const frac = String(Math.abs(bp % 100)).padStart(2, '0').replace(/0+$/, '');
  return `${whole}${frac ? `,${frac}` : ''} %`;
}
