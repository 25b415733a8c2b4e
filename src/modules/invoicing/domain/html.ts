import { FORM_NAMES, type CanonicalInvoice, type RateCode } from './invoice.ts';

/**
 * The printable view of an invoice ("bản thể hiện"), in Vietnamese, laid out like the official
 * form: title, form/symbol/number/date, seller and buyer blocks, the lines table, per-rate totals,
 * the total in words, "Mã của CQT" when present, signature boxes. Self-contained (inline CSS, no
 * script, no external asset), A4-printable.
 */
export interface HtmlView {
  status: 'pending' | 'issuing' | 'issued' | 'cancelling' | 'failed' | 'cancelled' | 'replaced';
  /** The seller's tax code is the development placeholder. */
  placeholderTaxCode?: boolean;
  /** Set on an invoice that was replaced. */
  replacedBy?: { series: string; number: number | null; issueDate: string | null } | null;
  cancelReason?: string | null;
}

const esc = (s: string | number | bigint | null | undefined): string =>
  s === null || s === undefined
    ? ''
    : String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** 1234567 → "1.234.567" (Vietnamese grouping). */
export const groupDigits = (n: bigint | number): string => {
  const neg = n < 0;
  const digits = (neg ? -BigInt(n) : BigInt(n)).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return neg ? `-${digits}` : digits;
};

const RATE_LABEL: Record<RateCode, string> = { KCT: 'KCT', KKKNT: 'KKKNT', '0%': '0%', '5%': '5%', '8%': '8%', '10%': '10%' };
const RATE_TEXT: Record<RateCode, string> = {
  KCT: 'Không chịu thuế GTGT',
  KKKNT: 'Không kê khai, tính nộp thuế GTGT',
  '0%': 'Thuế suất 0%',
  '5%': 'Thuế suất 5%',
  '8%': 'Thuế suất 8%',
  '10%': 'Thuế suất 10%',
};

const dmy = (date: string) => {
  const [y, m, d] = date.split('-');
  return { d, m, y, text: `${d}/${m}/${y}` };
};

const STAMP: Partial<Record<HtmlView['status'], string>> = {
  pending: 'BẢN XEM TRƯỚC – CHƯA PHÁT HÀNH',
  issuing: 'BẢN XEM TRƯỚC – ĐANG PHÁT HÀNH',
  failed: 'CHƯA PHÁT HÀNH – LỖI GỬI HÓA ĐƠN',
  cancelling: 'ĐANG HỦY HÓA ĐƠN',
  cancelled: 'HÓA ĐƠN ĐÃ BỊ HỦY',
  replaced: 'HÓA ĐƠN ĐÃ BỊ THAY THẾ',
};

export function renderInvoiceHtml(inv: CanonicalInvoice, view: HtmlView): string {
  const { seller: s, buyer: b, totals: t } = inv;
  const date = dmy(inv.issueDate);
  const title = (FORM_NAMES[inv.form] ?? 'Hóa đơn').toUpperCase();
  const number = inv.number === null ? '—' : String(inv.number).padStart(8, '0');
  const organisation = !!b.taxCode;
  const row = (label: string, value: string | null | undefined, testId?: string) =>
    value ? `<tr><th>${esc(label)}:</th><td${testId ? ` data-testid="${testId}"` : ''}>${esc(value)}</td></tr>` : '';
  const lines = inv.lines
    .map((l) =>
      l.kind === 4
        ? `<tr class="note"><td class="c">${l.no}</td><td colspan="7">${esc(l.name)}</td></tr>`
        : `<tr><td class="c">${l.no}</td><td>${esc(l.name)}${l.kind === 2 ? ' <i>(khuyến mại)</i>' : l.kind === 3 ? ' <i>(chiết khấu thương mại)</i>' : ''}</td>` +
          `<td class="c">${esc(l.unit)}</td><td class="r">${l.quantity === null ? '' : groupDigits(l.quantity)}</td>` +
          `<td class="r">${l.unitPrice === null ? '' : groupDigits(l.unitPrice)}</td>` +
          `<td class="c">${l.rate ? RATE_LABEL[l.rate] : ''}</td>` +
          `<td class="r">${l.amount === null ? '' : (l.kind === 3 ? '-' : '') + groupDigits(l.amount)}</td></tr>`,
    )
    .join('');
  const buckets = t.byRate
    .map(
      (x) =>
        `<tr><td colspan="4">${esc(RATE_TEXT[x.rate])}</td><td class="r">Tiền hàng: ${groupDigits(x.amount)}</td>` +
        `<td class="c">${RATE_LABEL[x.rate]}</td><td class="r">Tiền thuế: ${x.rate === 'KCT' || x.rate === 'KKKNT' ? '\\' : groupDigits(x.vat)}</td></tr>`,
    )
    .join('');
  const onlyExempt = t.byRate.every((x) => x.rate === 'KCT' || x.rate === 'KKKNT');
  const stamp = STAMP[view.status];
  const relation = inv.relation
    ? `<p class="rel" data-testid="invoice-relation">Hóa đơn này ${inv.relation.kind === 'replace' ? 'thay thế' : 'điều chỉnh'} hóa đơn Mẫu số ${esc(inv.relation.form)} Ký hiệu ${esc(inv.relation.series)} Số ${esc(String(inv.relation.number).padStart(8, '0'))} ngày ${esc(dmy(inv.relation.issueDate).text)}${inv.relation.note ? ` — ${esc(inv.relation.note)}` : ''}</p>`
    : '';
  const replaced = view.replacedBy
    ? `<p class="rel">Đã được thay thế bởi hóa đơn Ký hiệu ${esc(view.replacedBy.series)} Số ${view.replacedBy.number === null ? '(đang phát hành)' : esc(String(view.replacedBy.number).padStart(8, '0'))}${view.replacedBy.issueDate ? ` ngày ${esc(dmy(view.replacedBy.issueDate).text)}` : ''}</p>`
    : '';
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)} ${esc(inv.series)} ${esc(number)}</title>
<style>
body{font-family:"Times New Roman",Times,serif;color:#111;background:#eee;margin:0}
.page{background:#fff;max-width:800px;margin:16px auto;padding:28px 32px;border:1px solid #ccc;position:relative}
h1{font-size:22px;text-align:center;color:#0b4a8b;margin:4px 0}
.sub{text-align:center;font-style:italic;margin:0 0 4px}
.head{display:flex;justify-content:space-between;gap:16px}.meta{text-align:right;white-space:nowrap}
table{border-collapse:collapse;width:100%}.party th{text-align:left;font-weight:normal;width:170px;vertical-align:top;padding:2px 0}
.party td{font-weight:bold;padding:2px 0}.party{margin:10px 0;border-bottom:1px dashed #999;padding-bottom:8px}
.lines th,.lines td{border:1px solid #333;padding:4px 6px;font-size:14px}.lines th{background:#f1f5fb}
.c{text-align:center}.r{text-align:right}.note td{font-style:italic}
.tot td{border:1px solid #333;padding:4px 6px}.words{margin:8px 0}.sign{display:flex;justify-content:space-around;text-align:center;margin-top:24px;min-height:90px}
.stamp{position:absolute;top:40%;left:0;right:0;text-align:center;font-size:30px;color:rgba(200,0,0,.35);transform:rotate(-18deg);pointer-events:none;font-weight:bold}
.warn{background:#fff3cd;border:1px solid #e0b100;padding:4px 8px;font-size:13px}.rel{font-style:italic;margin:6px 0}
.cqt{margin-top:8px}
@page{size:A4;margin:12mm}
@media print{body{background:#fff;-webkit-print-color-adjust:exact;print-color-adjust:exact}.page{border:0;margin:0;padding:0;max-width:none}.lines tr,.tot tr,.sign{break-inside:avoid}.lines thead{display:table-header-group}}
</style></head>
<body><div class="page" data-testid="invoice-page" data-status="${esc(view.status)}">
${stamp ? `<div class="stamp" data-testid="invoice-stamp">${esc(stamp)}</div>` : ''}
${view.placeholderTaxCode ? '<p class="warn">Mã số thuế người bán là giá trị tạm (môi trường thử nghiệm), chưa phải mã số thuế thật.</p>' : ''}
<div class="head"><div><b>${esc(s.name)}</b></div>
<div class="meta">Mẫu số: <b>${esc(inv.form)}</b><br>Ký hiệu: <b data-testid="invoice-series">${esc(inv.series)}</b><br>Số: <b data-testid="invoice-number" style="color:#c00">${esc(number)}</b></div></div>
<h1>${esc(title)}</h1>
<p class="sub">(Bản thể hiện của hóa đơn điện tử)</p>
<p class="sub">Ngày ${esc(date.d)} tháng ${esc(date.m)} năm ${esc(date.y)}</p>
${inv.mccqt ? `<p class="sub cqt">Mã của CQT: <b data-testid="invoice-mccqt">${esc(inv.mccqt)}</b></p>` : ''}
${relation}${replaced}
${view.cancelReason ? `<p class="rel">Lý do hủy: ${esc(view.cancelReason)}</p>` : ''}
<table class="party" data-testid="invoice-seller"><tbody>
${row('Đơn vị bán hàng', s.name)}${row('Mã số thuế', s.taxCode)}${row('Địa chỉ', s.address)}${row('Điện thoại', s.phone)}${row('Số tài khoản', s.bankAccount ? `${s.bankAccount}${s.bankName ? ` – ${s.bankName}` : ''}` : null)}
</tbody></table>
<table class="party" data-testid="invoice-buyer"><tbody>
${row('Họ tên người mua hàng', organisation ? b.contactName : b.name)}${organisation ? row('Tên đơn vị', b.name) : ''}${row('Mã số thuế', b.taxCode)}${row('Địa chỉ', b.address)}${row('Mã khách hàng', b.customerCode)}${row('Email', b.email)}${row('Hình thức thanh toán', inv.paymentMethod)}${row('Đơn vị tiền tệ', inv.currency)}
</tbody></table>
<table class="lines" data-testid="invoice-lines"><thead><tr><th>STT</th><th>Tên hàng hóa, dịch vụ</th><th>Đơn vị tính</th><th>Số lượng</th><th>Đơn giá</th><th>Thuế suất</th><th>Thành tiền</th></tr>
<tr><th>1</th><th>2</th><th>3</th><th>4</th><th>5</th><th>6</th><th>7 = 4 × 5</th></tr></thead><tbody>
${lines}
</tbody></table>
<table class="tot" data-testid="invoice-totals"><tbody>
${t.byRate.length > 1 || !onlyExempt ? buckets : ''}
<tr><td colspan="6">Cộng tiền hàng hóa, dịch vụ (chưa có thuế GTGT)</td><td class="r" data-testid="invoice-subtotal">${groupDigits(t.subtotal)}</td></tr>
${t.discount > 0n ? `<tr><td colspan="6">Trong đó: chiết khấu thương mại</td><td class="r">${groupDigits(t.discount)}</td></tr>` : ''}
<tr><td colspan="6">Thuế suất GTGT: ${t.byRate.map((x) => RATE_LABEL[x.rate]).join(', ') || '—'} &nbsp; Tiền thuế GTGT</td><td class="r" data-testid="invoice-vat">${onlyExempt ? '\\' : groupDigits(t.vat)}</td></tr>
<tr><td colspan="6"><b>Tổng cộng tiền thanh toán</b></td><td class="r"><b data-testid="invoice-total">${groupDigits(t.total)}</b></td></tr>
</tbody></table>
<p class="words">Số tiền viết bằng chữ: <b><i data-testid="invoice-words">${esc(t.words)}</i></b></p>
<div class="sign"><div><b>Người mua hàng</b><br><i>(Ký, ghi rõ họ, tên)</i></div>
<div><b>Người bán hàng</b><br><i>(Ký, đóng dấu, ghi rõ họ, tên)</i>${view.status === 'issued' || view.status === 'replaced' || view.status === 'cancelled' ? `<br><span style="color:#0a7a2f">Ký bởi: ${esc(s.name)}<br>Ký ngày: ${esc(date.text)}</span>` : ''}</div></div>
<p class="sub" style="font-size:12px">(Cần kiểm tra, đối chiếu khi lập, giao, nhận hóa đơn)</p>
</div></body></html>`;
}
