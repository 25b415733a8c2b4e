import { eq } from 'drizzle-orm';
import { canTransition, transition } from '../../../platform/state-machine.ts';
import { invoices } from '../db/schema.ts';
import { SYSTEM, type Deps } from '../deps.ts';
import { INVOICE_MACHINE, type InvoiceEvent } from '../domain/invoice-lifecycle.ts';
import { describeFailure, isProviderError } from '../provider.ts';
import { lock, save, type InvoiceRow } from '../queries.ts';

export const CANCEL_QUEUE = 'invoicing.cancel';

/**
 * The cancel job: after an earlier attempt, look the invoice up first (the provider may have
 * cancelled it already); ask the provider outside any transaction; record the answer in a short one.
 * After the last attempt or a refusal the invoice is `issued` again, with the error for the officer.
 */
export async function cancelAtProvider(d: Deps, invoiceId: string, attempt = 1): Promise<void> {
  const [inv] = await d.database.db.select().from(invoices).where(eq(invoices.id, invoiceId));
  if (!inv || !canTransition(INVOICE_MACHINE, inv.status, 'cancel_done')) return;
  try {
    const found = attempt > 1 ? await d.provider.get(inv.id) : null;
    if (found?.status !== 'cancelled') {
      await d.provider.cancel({ idempotencyKey: inv.id, providerRef: inv.providerRef ?? '' }, inv.cancelReason ?? '');
    }
    await record(d, invoiceId, 'cancel_done', { cancelledAt: d.clock.now() }, 'invoice.cancelled', { via: found ? 'lookup' : 'cancel' });
  } catch (err) {
    const last = (isProviderError(err) && !err.retryable) || attempt >= d.config.maxAttempts;
    if (!last) throw err;
    await record(d, invoiceId, 'cancel_failed', { lastError: `cancel: ${describeFailure(err)}` }, 'invoice.cancel_failed');
  }
}

/** The provider's answer, if the invoice is still being cancelled. */
type Extra = Record<string, unknown>;

function record(d: Deps, invoiceId: string, event: InvoiceEvent, patch: Partial<InvoiceRow>, action: string, extra?: Extra) {
  return d.database.db.transaction(async (tx) => {
    const current = await lock(tx, invoiceId);
    if (!canTransition(INVOICE_MACHINE, current.status, event)) return;
    await save(d, tx, SYSTEM, current, { status: transition(INVOICE_MACHINE, current.status, event), ...patch }, action, extra);
  });
}
