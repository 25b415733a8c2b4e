import { formatVnd } from '../../../platform/money.ts';
import type { DayReport } from '../contract.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const money = (v: string) => esc(formatVnd(BigInt(v)));
const viDate = (date: string) => date.split('-').reverse().join('/');
const KIND = { bill: 'Thanh toán cước', topup: 'Nạp tiền' } as const;
const REASON = { not_cleared: 'Đã thu tiền, chưa gạch nợ', cleared_after_refund: 'Đã hoàn tiền nhưng còn gạch nợ', amount_differs: 'Số gạch nợ khác số thu' } as const;

/** One row per order difference, then the two reports' lines: what the CSV and Excel exports hold. */
export function dayReportRows(r: DayReport): Record<string, string | number>[] {
  return [
    ...r.collection.map((c) => ({ 'Báo cáo': 'Thu theo mã thu ngân', 'Mã': c.cashierCode, 'Số giao dịch': c.count, 'Số tiền': Number(c.amountVnd), 'Ghi chú': '' })),
    ...r.clearing.map((c) => ({ 'Báo cáo': 'Gạch nợ', 'Mã': `TT${c.center} ${KIND[c.kind]}`, 'Số giao dịch': c.count, 'Số tiền': Number(c.amountVnd), 'Ghi chú': '' })),
    ...r.differences.map((x) => ({ 'Báo cáo': 'Chênh lệch', 'Mã': `${x.orderId} ${x.msisdn}`, 'Số giao dịch': 1, 'Số tiền': Number(x.collectedVnd) - Number(x.clearedVnd), 'Ghi chú': REASON[x.reason] })),
  ];
}

/** The printable end-of-day report (print or save as PDF from the browser). */
export function printDayReport(r: DayReport): string {
  const rows = (cells: string[][]) => cells.map((c) => `<tr>${c.map((v) => `<td>${v}</td>`).join('')}</tr>`).join('');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Báo cáo cuối ngày ${viDate(r.date)}</title>
<style>body{font-family:system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;width:100%;margin:8px 0 20px}td,th{border:1px solid #999;padding:4px 8px;text-align:left}td:nth-child(n+2){text-align:right}.ok{color:#237804}.bad{color:#a8071a}</style></head><body>
<h2>BÁO CÁO THU VÀ GẠCH NỢ THANH TOÁN TRỰC TUYẾN NGÀY ${viDate(r.date)}${r.center ? ` — TRUNG TÂM ${r.center}` : ''}</h2>
<p class="${r.balanced ? 'ok' : 'bad'}"><strong>${r.balanced ? 'Cân đối' : `Không cân đối: ${r.differences.length} chênh lệch`}</strong> · Thu ${money(r.totals.collectedVnd)} · Hoàn ${money(r.totals.refundedVnd)} · Gạch nợ ${money(r.totals.clearedVnd)}</p>
<h3>Báo cáo thu theo mã thu ngân</h3><table><tr><th>Mã thu ngân</th><th>Số giao dịch</th><th>Số tiền</th></tr>${rows(r.collection.map((c) => [esc(c.cashierCode), String(c.count), money(c.amountVnd)]))}</table>
<h3>Báo cáo gạch nợ</h3><table><tr><th>Trung tâm / loại</th><th>Số giao dịch</th><th>Số tiền</th></tr>${rows(r.clearing.map((c) => [`TT${c.center} — ${KIND[c.kind]}`, String(c.count), money(c.amountVnd)]))}</table>
<h3>Chênh lệch</h3><table><tr><th>Giao dịch</th><th>Thu</th><th>Phải gạch</th><th>Đã gạch</th><th>Lý do</th></tr>${rows(r.differences.map((x) => [`${esc(x.orderId)} ${esc(x.msisdn)}`, money(x.collectedVnd), money(x.dueVnd), money(x.clearedVnd), REASON[x.reason]]))}</table>
</body></html>`;
}
