import { eq } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { invoices } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { renderInvoiceHtml } from '../domain/html.ts';
import type { Seller } from '../domain/invoice.ts';
import { preview, readable } from '../queries.ts';

/** The printable view (Vietnamese); before issue it is stamped as a preview. */
export async function renderInvoice(d: Deps, ctx: Ctx, id: string): Promise<string> {
  const inv = await readable(d, ctx, id);
  if (inv.status === 'needs_data') {
    const why = { vi: 'hoá đơn đang chờ bổ sung thông tin người mua hoặc dòng hàng hoá', en: 'the invoice waits for corrected buyer or line data' };
    throw fail('CONFLICT', { status: inv.status }, why);
  }
  const canonical = preview(d, inv);
  let replacedBy = null;
  if (inv.replacedById) {
    const [r] = await d.database.db.select().from(invoices).where(eq(invoices.id, inv.replacedById));
    if (r) replacedBy = { series: r.series, number: r.number, issueDate: r.issuedDate };
  }
  const seller = inv.seller as Seller;
  return renderInvoiceHtml(canonical, {
    status: inv.status,
    placeholderTaxCode: seller.taxCode === d.config.seller.taxCode && d.config.sellerTaxCodeIsPlaceholder,
    replacedBy,
    cancelReason: inv.cancelReason,
  });
}
