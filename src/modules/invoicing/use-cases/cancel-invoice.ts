import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { transition } from '../../../platform/state-machine.ts';
import type { Deps } from '../deps.ts';
import { INVOICE_MACHINE } from '../domain/invoice-lifecycle.ts';
import { lock, openReplacement, requirePermission, save } from '../queries.ts';
import { CANCEL_QUEUE } from './cancel-at-provider.ts';
import { getInvoice } from './get-invoice.ts';

/**
 * Cancels an invoice. Not yet issued: withdrawn here. Issued: `cancelling` until the provider has
 * cancelled it (a job; the tax notice 04/SS-HĐĐT is the provider's / accountant's step).
 */
export async function cancelInvoice(d: Deps, ctx: Ctx, id: string, reason: string) {
  requirePermission(ctx, 'invoice.manage');
  await d.database.db.transaction(async (tx) => {
    const inv = await lock(tx, id);
    if (inv.status === 'cancelled' || inv.status === 'cancelling') return; // asked twice
    const status = transition(INVOICE_MACHINE, inv.status, 'cancel');
    if (status === 'cancelled') {
      await save(d, tx, ctx, inv, { status, cancelReason: reason, cancelledAt: d.clock.now() }, 'invoice.cancelled');
      return;
    }
    const open = await openReplacement(tx, inv.id);
    const replacing = { vi: 'hoá đơn thay thế của hoá đơn này đang được xử lý', en: 'a replacement of this invoice is already in progress' };
    if (open) throw fail('CONFLICT', { replacement: open.id }, replacing);
    const after = await save(d, tx, ctx, inv, { status, cancelReason: reason, lastError: null }, 'invoice.cancel_requested');
    const key = `${CANCEL_QUEUE}:${inv.id}:v${after.version}`;
    await d.jobs.enqueue(tx, { queue: CANCEL_QUEUE, key, payload: { invoiceId: inv.id }, maxAttempts: d.config.maxAttempts });
  });
  return getInvoice(d, ctx, id);
}
