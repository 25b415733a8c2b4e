import { formatVnd } from '../../../platform/money.ts';
import type { Ctx } from '../../../platform/context.ts';
import type { BillDetail } from '../contract.ts';
import type { Deps } from '../deps.ts';
import { getBill } from './read-bills.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
const vnd = (s: string) => esc(formatVnd(BigInt(s)));
const vnDate = (date: string | null) => (date ? date.split('-').reverse().join('/') : '—');

const STATUS_VI: Record<BillDetail['status'], string> = {
  draft: 'Nháp',
  issued: 'Chờ thanh toán',
  partly_paid: 'Đã thanh toán một phần',
  overdue: 'Quá hạn',
  paid: 'Đã thanh toán',
  written_off: 'Đã xoá nợ',
};

/** The printable bill (thông báo cước): a self-contained HTML page the browser prints or saves as PDF. */
export async function printBill(d: Deps, ctx: Ctx, id: string): Promise<string> {
  return billHtml(await getBill(d, ctx, id));
}

export function billHtml(b: BillDetail): string {
  const [year, month] = b.period.split('-');
  const rows = b.lines
    .map(
      (l, i) =>
        `<tr><td>${i + 1}</td><td>${esc(l.description)}</td><td class="n">${l.quantity.toLocaleString('vi-VN')} ${esc(l.unit)}</td>` +
        `<td class="n">${vnd(l.unitPriceVnd)}</td><td class="n">${vnd(l.amountVnd)}</td>` +
        `<td class="n">${esc(l.vatRate === 'KCT' ? 'KCT' : `${l.vatRate}%`)}</td><td class="n">${vnd(l.vatVnd)}</td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Thông báo cước ${esc(b.number ?? '')}</title>
<style>body{font-family:system-ui,Arial,sans-serif;margin:32px;color:#111}h1{font-size:20px;margin:0 0 4px}
table{border-collapse:collapse;width:100%;margin-top:16px}
th,td{border:1px solid #bbb;padding:6px 8px;font-size:13px}th{background:#f0f4f8;text-align:left}.n{text-align:right;white-space:nowrap}.tot td{font-weight:600}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;font-size:14px}dt{color:#555}@media print{body{margin:12mm}}</style></head><body>
<h1>THÔNG BÁO CƯỚC DỊCH VỤ THÁNG ${esc(month)}/${esc(year)}</h1><p>Tổng Công ty Viễn thông MobiFone</p>
<dl><dt>Số</dt><dd>${esc(b.number ?? '—')}</dd><dt>Khách hàng</dt><dd>${esc(b.customerName)}</dd><dt>Hợp đồng</dt><dd>${esc(b.contractNumber)}</dd>
<dt>Ngày lập</dt><dd>${vnDate(b.issueDate)}</dd><dt>Hạn thanh toán</dt><dd>${vnDate(b.dueDate)}</dd>
<dt>Trạng thái</dt><dd>${esc(STATUS_VI[b.status])}</dd></dl>
<table><thead><tr><th>#</th><th>Nội dung</th><th class="n">Số lượng</th><th class="n">Đơn giá</th><th class="n">Thành tiền</th>
<th class="n">Thuế suất</th><th class="n">Tiền thuế</th></tr></thead>
<tbody>${rows || '<tr><td colspan="7">Không phát sinh cước trong kỳ</td></tr>'}</tbody>
<tfoot><tr class="tot"><td colspan="4">Cộng tiền dịch vụ</td><td class="n">${vnd(b.subtotalVnd)}</td><td></td><td class="n">${vnd(b.vatVnd)}</td></tr>
<tr class="tot"><td colspan="4">Tổng cộng thanh toán</td><td class="n" colspan="3">${vnd(b.totalVnd)}</td></tr>
<tr><td colspan="4">Đã thanh toán</td><td class="n" colspan="3">${vnd(b.paidVnd)}</td></tr>
<tr class="tot"><td colspan="4">Còn phải thanh toán</td><td class="n" colspan="3">${vnd(b.outstandingVnd)}</td></tr></tfoot></table>
${b.payUrl ? `<p>Thanh toán qua VNPay: <a href="${esc(b.payUrl)}">${esc(b.payUrl)}</a></p>` : ''}</body></html>`;
}
