import { AppError } from '../../../platform/errors.ts';
import { fail } from '../../../platform/errors.ts';
import { RATE_CODES, TAX_CODE_RE, type InvoiceLine as WireLine, type RateCode } from '../contract.ts';
import { invalidInvoiceData } from '../errors.ts';
import { percentOf } from '../../../platform/money.ts';
import { readVietnameseAmount } from './words.ts';

/**
 * The canonical e-invoice (Decree 123/2020, Circular 78/2021, Decision 1450/QĐ-TCT): what QLDV
 * means by an invoice, independent of any provider. Pure: amounts are bigint đồng, dates local
 * `YYYY-MM-DD` (Asia/Ho_Chi_Minh), problems are thrown as `VALIDATION_FAILED` with every finding.
 */

// ---- VAT rates (TSuat) ----------------------------------------------------------------------------

export { RATE_CODES, type RateCode } from '../contract.ts';

const RATE_BASIS_POINTS: Record<RateCode, number> = { KCT: 0, '0%': 0, '5%': 500, '8%': 800, '10%': 1_000, KKKNT: 0 };

export const isRateCode = (v: unknown): v is RateCode => typeof v === 'string' && (RATE_CODES as readonly string[]).includes(v);

/** The catalog's VAT treatment (`KCT`, `0`, `5`, `8`, `10`) as an invoice rate code. */
export function rateFromCatalog(v: string): RateCode {
  const code = v === 'KCT' || v === 'KKKNT' ? v : `${v}%`;
  if (!isRateCode(code)) throw fail('VALIDATION_FAILED', { vatRate: v }, { vi: `không có thuế suất ${v}`, en: `unknown VAT rate ${v}` });
  return code;
}

/** VAT of one rate bucket, rounded half up to whole đồng; KCT, KKKNT and 0 % add nothing. */
export const vatOf = (amount: bigint, rate: RateCode): bigint => percentOf(amount, RATE_BASIS_POINTS[rate]);

// ---- form and symbol (KHMSHDon, KHHDon) -----------------------------------------------------------

/** `KHMSHDon` 1: VAT invoice (hoá đơn giá trị gia tăng). */
export const FORM_VAT = '1';
export const FORM_NAMES: Record<string, string> = { '1': 'Hóa đơn giá trị gia tăng' };
/** C/K (with / without the tax authority's code), 2-digit year, type letter, 2 chars of the seller. */
export const SYMBOL_RE = /^[CK]\d{2}[TDLMNBGH][A-Z0-9]{2}$/;
const LOCAL_DATE_RE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export interface SeriesRule {
  /** "C" invoices go to the tax authority first and come back with its code (MCCQT); "K" do not. */
  withTaxAuthorityCode: boolean;
  /** T: registered business (our case). */
  typeLetter: 'T' | 'D' | 'L' | 'M' | 'N' | 'B' | 'G' | 'H';
  /** The two characters the seller chose when registering the series, e.g. "MB". */
  suffix: string;
}

/** The symbol for an invoice dated `issueDate`: the year digits roll over on 1 January. */
export function seriesFor(rule: SeriesRule, issueDate: string): string {
  const series = `${rule.withTaxAuthorityCode ? 'C' : 'K'}${issueDate.slice(2, 4)}${rule.typeLetter}${rule.suffix}`;
  const problems = symbolProblems(FORM_VAT, series, issueDate);
  if (problems.length) throw invalidInvoiceData(problems);
  return series;
}

export const withTaxAuthorityCode = (series: string): boolean => series.startsWith('C');

/** What is wrong with a form + symbol for an invoice of `issueDate` (empty when valid). */
export function symbolProblems(form: string, series: string, issueDate: string): string[] {
  const out: string[] = [];
  if (form !== FORM_VAT) out.push(`KHMSHDon must be ${FORM_VAT} (VAT invoice), got "${form}"`);
  if (!SYMBOL_RE.test(series)) out.push(`KHHDon "${series}" does not match ${SYMBOL_RE.source}`);
  else if (LOCAL_DATE_RE.test(issueDate) && series.slice(1, 3) !== issueDate.slice(2, 4)) {
    out.push(`KHHDon "${series}" is for 20${series.slice(1, 3)}, the invoice is dated ${issueDate}`);
  }
  if (!LOCAL_DATE_RE.test(issueDate)) out.push(`NLap "${issueDate}" is not a YYYY-MM-DD date`);
  return out;
}

export function checkSymbol(form: string, series: string, issueDate: string): void {
  const problems = symbolProblems(form, series, issueDate);
  if (problems.length) throw invalidInvoiceData(problems);
}

// ---- parties --------------------------------------------------------------------------------------

export interface Seller {
  name: string;
  taxCode: string;
  address: string;
  phone?: string | null;
  email?: string | null;
  bankAccount?: string | null;
  bankName?: string | null;
  website?: string | null;
}

export interface Buyer {
  /** Organisation name, or the individual's full name (then printed as HVTNMHang). */
  name: string;
  /** Optional for individuals (KHCN); an organisation has one. */
  taxCode?: string | null;
  address?: string | null;
  email?: string | null;
  phone?: string | null;
  /** MKHang: our customer code. */
  customerCode?: string | null;
  /** The person buying for an organisation (HVTNMHang next to the organisation's Ten/MST). */
  contactName?: string | null;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What is wrong with a buyer, in words the invoice officer reads (Vietnamese, the field in brackets). */
function buyerProblems(b: Buyer): string[] {
  const out: string[] = [];
  const name = b.name?.trim() ?? '';
  if (!name) out.push('Thiếu tên người mua (buyer.name)');
  if (b.taxCode) {
    if (!TAX_CODE_RE.test(b.taxCode)) out.push(`Mã số thuế người mua "${b.taxCode}" không hợp lệ (buyer.taxCode)`);
    if (name.length > 400) out.push('Tên đơn vị mua dài quá 400 ký tự (buyer.name)');
    if (!b.address?.trim()) out.push('Người mua có mã số thuế nhưng thiếu địa chỉ (buyer.address)');
  } else if (name.length > 100) {
    out.push('Họ tên người mua không có mã số thuế (HVTNMHang) dài quá 100 ký tự (buyer.name)');
  }
  if (b.address && b.address.length > 400) out.push('Địa chỉ người mua dài quá 400 ký tự (buyer.address)');
  if (b.email && (b.email.length > 50 || !EMAIL_RE.test(b.email))) out.push(`E-mail người mua "${b.email}" không hợp lệ hoặc dài quá 50 ký tự (buyer.email)`);
  if (b.phone && !/^[0-9+ ().-]{3,20}$/.test(b.phone)) out.push('Số điện thoại người mua không hợp lệ (buyer.phone)');
  if (b.customerCode && b.customerCode.length > 50) out.push('Mã khách hàng dài quá 50 ký tự (buyer.customerCode)');
  if (b.contactName && b.contactName.length > 100) out.push('Tên người liên hệ dài quá 100 ký tự (buyer.contactName)');
  return out;
}

/** Trimmed, single-spaced, empty fields as null (not checked). */
export function cleanBuyer(b: Buyer): Buyer {
  const clean = (s: string | null | undefined) => (typeof s === 'string' && s.trim() ? s.trim().replace(/\s+/g, ' ') : null);
  return {
    name: clean(b.name) ?? '',
    taxCode: clean(b.taxCode),
    address: clean(b.address),
    email: clean(b.email),
    phone: clean(b.phone),
    customerCode: clean(b.customerCode),
    contactName: clean(b.contactName),
  };
}

export function normalizeBuyer(b: Buyer): Buyer {
  const out = cleanBuyer(b);
  const problems = buyerProblems(out);
  if (problems.length) throw invalidInvoiceData(problems);
  return out;
}

// ---- lines (HHDVu) --------------------------------------------------------------------------------

/** TChat: 1 goods/service, 2 promotion (not counted), 3 trade discount (subtracted), 4 note. */
export type LineKind = 1 | 2 | 3 | 4;

export interface LineInput {
  kind?: LineKind;
  /** MHHDVu: product or plan code. */
  code?: string | null;
  name: string;
  /** DVTinh, e.g. "Phòng/tháng", "Lượt", "Gói". */
  unit?: string | null;
  /** Whole units (rooms × months are given as a unit such as "Phòng/tháng"). */
  quantity?: number | null;
  unitPrice?: bigint | null;
  /** ThTien before VAT; computed as quantity × unit price when omitted. */
  amount?: bigint | null;
  rate?: RateCode | null;
}

export interface InvoiceLine {
  /** STT, from 1. */
  no: number;
  kind: LineKind;
  code: string | null;
  name: string;
  unit: string | null;
  quantity: number | null;
  unitPrice: bigint | null;
  amount: bigint | null;
  rate: RateCode | null;
}

const MAX_AMOUNT = 10n ** 15n;

/** Checks and numbers the lines; every amount is exact (quantity × unit price, no rounding). */
export function prepareLines(inputs: readonly LineInput[]): InvoiceLine[] {
  const problems: string[] = [];
  if (!Array.isArray(inputs) || inputs.length === 0) problems.push('an invoice needs at least one line');
  if (inputs.length > 500) problems.push('at most 500 lines');
  const lines = (inputs ?? []).map((l, i): InvoiceLine => {
    const at = `lines[${i}]`;
    const kind = l.kind ?? 1;
    const name = l.name?.trim().replace(/\s+/g, ' ') ?? '';
    if (![1, 2, 3, 4].includes(kind)) problems.push(`${at}.kind must be 1, 2, 3 or 4`);
    if (!name) problems.push(`${at}.name is required`);
    if (name.length > 500) problems.push(`${at}.name is longer than 500`);
    if (l.code && l.code.length > 50) problems.push(`${at}.code is longer than 50`);
    if (l.unit && l.unit.length > 50) problems.push(`${at}.unit is longer than 50`);
    if (kind === 4) {
      if (l.quantity != null || l.unitPrice != null || l.amount != null) problems.push(`${at}: a note line carries no quantity or amount`);
      return { no: i + 1, kind, code: null, name, unit: null, quantity: null, unitPrice: null, amount: null, rate: null };
    }
    const quantity = l.quantity ?? null;
    const unitPrice = l.unitPrice ?? null;
    if (quantity !== null && (!Number.isSafeInteger(quantity) || quantity <= 0)) problems.push(`${at}.quantity must be a positive whole number`);
    if (unitPrice !== null && (typeof unitPrice !== 'bigint' || unitPrice < 0n)) problems.push(`${at}.unitPrice must be whole đồng, not negative`);
    if ((quantity === null) !== (unitPrice === null)) problems.push(`${at}: quantity and unitPrice go together`);
    let amount = l.amount ?? null;
    const product = quantity !== null && unitPrice !== null && Number.isSafeInteger(quantity) && typeof unitPrice === 'bigint' ? BigInt(quantity) * unitPrice : null;
    if (amount === null) amount = product;
    else if (product !== null && amount !== product) problems.push(`${at}.amount ${amount} ≠ quantity × unitPrice = ${product}`);
    if (amount !== null && (typeof amount !== 'bigint' || amount < 0n || amount > MAX_AMOUNT)) problems.push(`${at}.amount must be whole đồng between 0 and 10^15`);
    const rate = l.rate ?? null;
    if (kind === 1) {
      if (quantity === null) problems.push(`${at}: a goods/service line needs quantity and unitPrice`);
      if (!l.unit?.trim()) problems.push(`${at}.unit (DVTinh) is required on a goods/service line`);
    }
    if (kind === 3 && amount === null) problems.push(`${at}: a discount line needs its amount`);
    if ((kind === 1 || kind === 3) && !isRateCode(rate)) problems.push(`${at}.rate must be one of ${RATE_CODES.join(', ')}`);
    if (kind === 2 && rate !== null && !isRateCode(rate)) problems.push(`${at}.rate must be one of ${RATE_CODES.join(', ')}`);
    return { no: i + 1, kind, code: l.code?.trim() || null, name, unit: l.unit?.trim() || null, quantity, unitPrice, amount, rate };
  });
  if (problems.length) throw invalidInvoiceData(problems);
  return lines;
}

// ---- totals (TToan) -------------------------------------------------------------------------------

export interface RateTotal {
  rate: RateCode;
  /** ThTien of the bucket: goods minus trade discounts at this rate. */
  amount: bigint;
  /** TThue, rounded once per bucket. */
  vat: bigint;
}

export interface Totals {
  byRate: RateTotal[];
  /** TgTCThue */
  subtotal: bigint;
  /** TgTThue */
  vat: bigint;
  /** TTCKTMai: trade discounts (already inside the buckets). */
  discount: bigint;
  /** TgTTTBSo */
  total: bigint;
  /** TgTTTBChu */
  words: string;
}

/** Per-rate buckets and the overall totals; VAT is computed once per bucket, half up. */
export function computeTotals(lines: readonly InvoiceLine[]): Totals {
  const buckets = new Map<RateCode, bigint>();
  let discount = 0n;
  for (const l of lines) {
    if ((l.kind !== 1 && l.kind !== 3) || l.rate === null || l.amount === null) continue;
    const signed = l.kind === 3 ? -l.amount : l.amount;
    if (l.kind === 3) discount += l.amount;
    buckets.set(l.rate, (buckets.get(l.rate) ?? 0n) + signed);
  }
  const byRate = RATE_CODES.filter((r) => buckets.has(r)).map((rate) => {
    const amount = buckets.get(rate)!;
    return { rate, amount, vat: vatOf(amount, rate) };
  });
  const negative = byRate.filter((b) => b.amount < 0n);
  const rates = negative.map((b) => b.rate).join(', ');
  if (negative.length) {
    throw fail('VALIDATION_FAILED', { rates: negative.map((b) => b.rate) }, {
      vi: `chiết khấu vượt quá tiền hàng ở thuế suất ${rates}`,
      en: `discounts exceed the goods at ${rates}`,
    });
  }
  const subtotal = byRate.reduce((s, b) => s + b.amount, 0n);
  const vat = byRate.reduce((s, b) => s + b.vat, 0n);
  const total = subtotal + vat;
  return { byRate, subtotal, vat, discount, total, words: readVietnameseAmount(total) };
}

// ---- the invoice ----------------------------------------------------------------------------------

/** TTHDLQuan: the invoice this one replaces (TCHDon 1) or adjusts (TCHDon 2). */
export interface InvoiceRelation {
  kind: 'replace' | 'adjust';
  form: string;
  series: string;
  number: number;
  issueDate: string;
  note?: string | null;
}

export interface CanonicalInvoice {
  /** Our id; also `DLHDon/@Id` and the provider idempotency key. */
  id: string;
  form: string;
  series: string;
  /** SHDon: given by the provider when it accepts; null before. */
  number: number | null;
  /** NLap */
  issueDate: string;
  currency: 'VND';
  /** HTTToan */
  paymentMethod: string;
  seller: Seller;
  /** MSTTCGP: tax code of the e-invoice solution provider. */
  providerTaxCode: string | null;
  buyer: Buyer;
  lines: InvoiceLine[];
  totals: Totals;
  relation: InvoiceRelation | null;
  /** MCCQT: the tax authority's code, "C" series only. */
  mccqt: string | null;
}

/** Assembles and checks an invoice; totals are always recomputed from the lines. */
export function buildInvoice(i: Omit<CanonicalInvoice, 'totals' | 'currency'> & { currency?: 'VND' }): CanonicalInvoice {
  const problems = symbolProblems(i.form, i.series, i.issueDate);
  if (i.number !== null && (!Number.isSafeInteger(i.number) || i.number < 1 || i.number > 99_999_999)) problems.push('SHDon must be 1…99999999');
  if (!i.paymentMethod || i.paymentMethod.length > 50) problems.push('HTTToan is required, at most 50 characters');
  if (!i.seller.name || !TAX_CODE_RE.test(i.seller.taxCode) || !i.seller.address) problems.push('the seller needs a name, a tax code and an address');
  if (i.relation) {
    if (i.relation.kind === 'replace' && i.relation.series === i.series && i.relation.number === i.number) problems.push('an invoice cannot replace itself');
    problems.push(...symbolProblems(i.relation.form, i.relation.series, i.relation.issueDate).map((p) => `related invoice: ${p}`));
    if (i.relation.issueDate > i.issueDate) problems.push('the related invoice is dated after this one');
  }
  if (problems.length) throw invalidInvoiceData(problems);
  const buyer = normalizeBuyer(i.buyer);
  const lines = i.lines.map((l, n) => ({ ...l, no: n + 1 }));
  return { ...i, currency: 'VND', buyer, lines, totals: computeTotals(lines) };
}

// ---- JSON (jsonb columns, API) --------------------------------------------------------------------

/** A line as stored and sent (amounts as decimal strings): the contract's line. */
export type LineJson = WireLine;

export const lineToJson = (l: InvoiceLine): LineJson => ({ ...l, unitPrice: l.unitPrice?.toString() ?? null, amount: l.amount?.toString() ?? null });

export const lineFromJson = (j: LineJson): InvoiceLine => ({
  ...j,
  unitPrice: j.unitPrice === null ? null : BigInt(j.unitPrice),
  amount: j.amount === null ? null : BigInt(j.amount),
});

// ---- can the data make an invoice? ----------------------------------------------------------------

/** Every reason the lines cannot be numbered and totalled on an invoice; empty when they can. */
export function lineProblems(lines: readonly LineInput[]): string[] {
  try {
    computeTotals(prepareLines(lines));
    return [];
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'VALIDATION_FAILED') throw err;
    return (err.details as { problems?: string[] } | undefined)?.problems ?? [err.message];
  }
}

/** Every reason the buyer and lines cannot make a valid invoice; empty when they can. */
export const invoiceDataProblems = (buyer: Buyer, lines: readonly LineInput[]): string[] => [...buyerProblems(cleanBuyer(buyer)), ...lineProblems(lines)];

/** The lines as given, for storing a request whose data is not valid yet (`needs_data`). */
export const rawLineJson = (l: LineInput, i: number): LineJson => ({
  no: i + 1,
  kind: l.kind ?? 1,
  code: l.code ?? null,
  name: l.name ?? '',
  unit: l.unit ?? null,
  quantity: l.quantity ?? null,
  unitPrice: l.unitPrice == null ? null : String(l.unitPrice),
  amount: l.amount == null ? null : String(l.amount),
  rate: l.rate ?? null,
});
