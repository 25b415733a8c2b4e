import type { Ctx } from '../../../platform/context.ts';
import { invoicingError } from '../errors.ts';
import { transition } from '../../../platform/state-machine.ts';
import type { Deps } from '../deps.ts';
import { INVOICE_MACHINE } from '../domain/invoice-lifecycle.ts';
import type { Buyer, LineInput } from '../domain/invoice.ts';
import { corrected, lock, requirePermission, save, type InvoiceRow } from '../queries.ts';
import { getInvoice } from './get-invoice.ts';
import { schedulePush } from './push-invoice.ts';

export interface InvoiceCorrections {
  buyer?: Buyer;
  lines?: LineInput[];
  /** Take the buyer from the customer's record as it is now (after someone corrected it there). */
  buyerFromCustomer?: boolean;
}

/**
 * Pushes again now (a failed invoice, a pending one waiting for its next attempt, or one that needed
 * data), optionally with corrected data or the buyer as the customer's record now says. The data
 * is checked again: still invalid → `VALIDATION_FAILED` with the reasons, nothing changed.
 */
export async function retryInvoice(d: Deps, ctx: Ctx, id: string, corrections: InvoiceCorrections = {}) {
  requirePermission(ctx, 'invoice.manage');
  await d.database.db.transaction(async (tx) => {
    const inv = await lock(tx, id);
    const status = transition(INVOICE_MACHINE, inv.status, 'retry');
    let buyer = corrections.buyer;
    if (!buyer && corrections.buyerFromCustomer) {
      if (!inv.customerId || !d.customerBuyer) {
        throw invoicingError('INVOICE_WITHOUT_CUSTOMER', { customerId: inv.customerId });
      }
      buyer = await d.customerBuyer(inv.customerId, tx);
    }
    const patch: Partial<InvoiceRow> = { status, ...corrected(d, inv, { buyer, lines: corrections.lines }), dataProblems: null };
    const after = await save(d, tx, ctx, inv, patch, 'invoice.retry_requested');
    await schedulePush(d, tx, after);
  });
  return getInvoice(d, ctx, id);
}
