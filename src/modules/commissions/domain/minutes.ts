/** The revenue-confirmation minutes (biên bản xác nhận doanh thu thực thu) of one beneficiary and month, as printable HTML. Pure. */
import { formatVnd } from '../../../platform/money.ts';

export interface MinutesLine {
  contractNumber: string;
  collectedVnd: bigint;
  netVnd: bigint;
  rateBp: number;
  amountVnd: bigint;
}

export interface Minutes {
  period: string;
  beneficiary: { fullName: string; username: string; unitName: string | null; kind: 'am' | 'agent' };
  lines: MinutesLine[];
  /** The total commission read out in words (the caller's number reader). */
  amountInWords: string;
  approved: { by: string; at: string } | null;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const percent = (bp: number) => `${(bp / 100).toLocaleString('vi-VN')} %`;

export function renderMinutes(m: Minutes): string {
  const [year, month] = m.period.split('-');
  const total = (f: (l: MinutesLine) => bigint) => m.lines.reduce((s, l) => s + f(l), 0n);
  const partyB = m.beneficiary.kind === 'agent' ? (m.beneficiary.unitName ?? m.beneficiary.fullName) : `${m.beneficiary.fullName} (AM/KAM)`;
  const rows = m.lines
    .map(
      (l, i) =>
        `<tr><td>${i + 1}</td><td>${esc(l.contractNumber)}</td><td class="n">${formatVnd(l.collectedVnd)}</td><td class="n">${formatVnd(l.netVnd)}</td>` +
        `<td class="n">${percent(l.rateBp)}</td><td class="n">${formatVnd(l.amountVnd)}</td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Biên bản xác nhận doanh thu thực thu ${month}/${year}</title>
<style>body{font-family:"Times New Roman",serif;margin:2cm}h1{text-align:center;font-size:16pt}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #000;padding:4px}.n{text-align:right}.sign{display:flex;justify-content:space-around;margin-top:2cm;text-align:center}
.draft{color:#b00;text-align:center}@media print{.draft{display:block}}</style></head><body>
<p style="text-align:center"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br>Độc lập – Tự do – Hạnh phúc</p>
<h1>BIÊN BẢN XÁC NHẬN DOANH THU THỰC THU<br>Tháng ${month}/${year}</h1>
${m.approved ? '' : '<p class="draft">DỰ THẢO — bảng kê chưa được kế toán duyệt</p>'}
<p><b>Bên A:</b> Trung tâm Công nghệ thông tin MobiFone<br><b>Bên B:</b> ${esc(partyB)} (tài khoản ${esc(m.beneficiary.username)})</p>
<p>Hai bên xác nhận doanh thu thực thu của khách hàng trong tháng ${month}/${year}
và chi phí phát triển, duy trì Bên B được hưởng như sau:</p>
<table><thead><tr><th>STT</th><th>Số hợp đồng</th><th>Doanh thu thực thu (gồm VAT)</th><th>Doanh thu trước VAT</th>
<th>Tỷ lệ</th><th>Chi phí phát triển, duy trì</th></tr></thead>
<tbody>${rows}<tr><th colspan="2">Tổng cộng</th><th class="n">${
  formatVnd(total((l) => l.collectedVnd))
}</th><th class="n">${formatVnd(total((l) => l.netVnd))}</th><th></th>` +
    `<th class="n">${formatVnd(total((l) => l.amountVnd))}</th></tr></tbody></table>
<p>Bằng chữ: ${esc(m.amountInWords)}</p>
${m.approved ? `<p>Kế toán đã duyệt bảng kê: ${esc(m.approved.by)}, ${esc(m.approved.at)}</p>` : ''}
<div class="sign"><div><b>ĐẠI DIỆN BÊN A</b><br>(Ký, ghi rõ họ tên)</div><div><b>ĐẠI DIỆN BÊN B</b><br>(Ký, ghi rõ họ tên)</div></div>
</body></html>`;
}
