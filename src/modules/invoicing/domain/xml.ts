import { FORM_NAMES, type CanonicalInvoice, type InvoiceLine } from './invoice.ts';

/**
 * The invoice as XML per Decision 1450/QĐ-TCT (format `PBan` 2.0.0), written by a tiny escaping
 * writer: elements only appear when they have a value, element order follows the XSD, amounts are
 * integers. The signature block (DSCKS) is left for the provider's signing service.
 */

/** Already-escaped markup (so text and markup can never be confused). */
export class Markup {
  constructor(readonly xml: string) {}
  toString(): string {
    return this.xml;
  }
}

// XML 1.0 allows tab, LF, CR and U+0020…; everything else (other control characters, lone surrogates) is dropped.
const INVALID_XML_CHARS = /[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export function escapeText(s: string): string {
  return s.replace(INVALID_XML_CHARS, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

type Scalar = string | number | bigint;
type Content = Scalar | null | undefined | readonly (Markup | null | undefined)[];

/**
 * `el('Ten', 'A & B')` → `<Ten>A &amp; B</Ten>`; `el('NBan', [el(…), …])` nests; a null/undefined/empty
 * value gives null, which parents skip. Numbers must be integers (no float ever reaches the XML).
 */
export function el(name: string, content: Content, attrs?: Record<string, string>): Markup | null {
  if (!NAME_RE.test(name)) throw new Error(`bad XML element name ${name}`);
  let inner: string;
  if (content === null || content === undefined) return null;
  if (Array.isArray(content)) {
    inner = content.filter((c): c is Markup => c instanceof Markup).map((c) => c.xml).join('');
    if (!inner) return null;
  } else if (typeof content === 'number') {
    if (!Number.isSafeInteger(content)) throw new Error(`${name}: ${content} is not an integer`);
    inner = String(content);
  } else if (typeof content === 'bigint') {
    inner = content.toString();
  } else {
    const text = (content as string).trim();
    if (!text) return null;
    inner = escapeText(text);
  }
  const attributes = Object.entries(attrs ?? {})
    .map(([k, v]) => {
      if (!NAME_RE.test(k)) throw new Error(`bad XML attribute name ${k}`);
      return ` ${k}="${escapeAttr(v)}"`;
    })
    .join('');
  return new Markup(`<${name}${attributes}>${inner}</${name}>`);
}

/** An element that is written even when empty (`<DSCKS><NBan/></DSCKS>` placeholders). */
export const emptyEl = (name: string): Markup => new Markup(`<${name}/>`);

export function document(root: Markup): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${root.xml}`;
}

const TCHDON = { replace: 1, adjust: 2 } as const;
/** LHDCLQuan 1: the related invoice is an e-invoice under Decree 123/2020. */
const LHDCLQUAN_DECREE_123 = 1;

function lineXml(l: InvoiceLine): Markup | null {
  return el('HHDVu', [
    el('TChat', l.kind),
    el('STT', l.no),
    el('MHHDVu', l.code),
    el('THHDVu', l.name),
    el('DVTinh', l.unit),
    el('SLuong', l.quantity),
    el('DGia', l.unitPrice),
    el('ThTien', l.amount),
    el('TSuat', l.rate),
  ]);
}

/** `HDon` for a canonical invoice; SHDon is omitted while the invoice has no number (a preview). */
export function buildInvoiceXml(inv: CanonicalInvoice): string {
  const { seller: s, buyer: b, totals: t, relation: r } = inv;
  const ttchung = el('TTChung', [
    el('PBan', '2.0.0'),
    el('THDon', FORM_NAMES[inv.form] ?? 'Hóa đơn'),
    el('KHMSHDon', inv.form),
    el('KHHDon', inv.series),
    el('SHDon', inv.number),
    el('NLap', inv.issueDate),
    el('DVTTe', inv.currency),
    // TGia (exchange rate) is required unless the currency is VND.
    el('HTTToan', inv.paymentMethod),
    el('MSTTCGP', inv.providerTaxCode),
    r
      ? el('TTHDLQuan', [
          el('TCHDon', TCHDON[r.kind]),
          el('LHDCLQuan', LHDCLQUAN_DECREE_123),
          el('KHMSHDCLQuan', r.form),
          el('KHHDCLQuan', r.series),
          el('SHDCLQuan', String(r.number)),
          el('NLHDCLQuan', r.issueDate),
          el('GChu', r.note?.slice(0, 255)),
        ])
      : null,
  ]);
  const nban = el('NBan', [
    el('Ten', s.name),
    el('MST', s.taxCode),
    el('DChi', s.address),
    el('SDThoai', s.phone),
    el('DCTDTu', s.email),
    el('STKNHang', s.bankAccount),
    el('TNHang', s.bankName),
    el('Website', s.website),
  ]);
  const organisation = !!b.taxCode;
  const nmua = el('NMua', [
    el('Ten', organisation ? b.name : null),
    el('MST', b.taxCode),
    el('DChi', b.address),
    el('MKHang', b.customerCode),
    el('SDThoai', b.phone),
    el('DCTDTu', b.email),
    // Without a tax code the buyer is a person: the full name goes to HVTNMHang.
    el('HVTNMHang', organisation ? b.contactName : b.name),
  ]);
  const ttoan = el('TToan', [
    el(
      'THTTLTSuat',
      t.byRate.map((x) => el('LTSuat', [el('TSuat', x.rate), el('ThTien', x.amount), el('TThue', x.vat)])),
    ),
    el('TgTCThue', t.subtotal),
    el('TgTThue', t.vat),
    t.discount > 0n ? el('TTCKTMai', t.discount) : null,
    el('TgTTTBSo', t.total),
    el('TgTTTBChu', t.words),
  ]);
  const ndhdon = el('NDHDon', [nban, nmua, el('DSHHDVu', inv.lines.map(lineXml)), ttoan]);
  const hdon = el('HDon', [
    el('DLHDon', [ttchung, ndhdon], { Id: inv.id }),
    inv.mccqt ? el('MCCQT', inv.mccqt) : null,
    new Markup(`<DSCKS>${emptyEl('NBan').xml}</DSCKS>`),
  ])!;
  return document(hdon);
}
