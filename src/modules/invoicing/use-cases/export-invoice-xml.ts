import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import type { Deps } from '../deps.ts';
import { readable } from '../queries.ts';

/** The issued XML (Decision 1450) and its file name; a not-yet-issued invoice has none. */
export async function exportInvoiceXml(d: Deps, ctx: Ctx, id: string): Promise<{ filename: string; xml: string }> {
  const inv = await readable(d, ctx, id);
  if (!inv.xml || inv.number === null) throw fail('CONFLICT', { status: inv.status }, {
    vi: 'hoá đơn chưa được phát hành',
    en: 'the invoice has not been issued yet',
  });
  return { filename: `${inv.form}${inv.series}-${String(inv.number).padStart(8, '0')}.xml`, xml: inv.xml };
}
