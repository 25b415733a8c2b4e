import type { Ctx } from '../../../platform/context.ts';
import type { Paged } from '../../../shared/fields.ts';
import type { RequestLogItem, RequestQuery } from '../contract.ts';
import type { Deps } from '../deps.ts';
import { countLog, logItems, logWhere, visibleContract, type LogFilter } from '../queries.ts';

/** The customer's own request log (staff see it within their scope). */
export async function listRequests(d: Deps, ctx: Ctx, q: RequestQuery): Promise<Paged<RequestLogItem>> {
  await visibleContract(d, ctx, q.contractId);
  const where = logWhere(q);
  const [items, total] = await Promise.all([logItems(d, where, q.pageSize, (q.page - 1) * q.pageSize), countLog(d, where)]);
  return { items, total, page: q.page, pageSize: q.pageSize };
}

const EXPORT_LIMIT = 100_000;

/** The log as CSV rows (no personal data: ids, kinds, outcomes, reasons, times). */
export async function exportRequests(d: Deps, ctx: Ctx, f: LogFilter) {
  await visibleContract(d, ctx, f.contractId);
  const items = await logItems(d, logWhere(f), EXPORT_LIMIT, 0);
  return items.map((i) => ({
    'Mã yêu cầu / Request id': i.requestId,
    'Loại / Kind': i.kind,
    'Kết quả / Outcome': i.outcome,
    'Lý do / Reasons': i.reasons.join('; '),
    'Thời gian xử lý (ms) / Duration (ms)': i.durationMs,
    'Thời điểm / At': i.createdAt instanceof Date ? i.createdAt.toISOString() : String(i.createdAt),
    'Đã xoá dữ liệu / Erased': i.erasedAt ? 'x' : '',
  }));
}
