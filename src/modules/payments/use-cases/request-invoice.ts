import { sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { buyerOfCustomer, rateFromCatalog } from '../../invoicing/index.ts';
import { billsOf, SYSTEM, type Deps } from '../deps.ts';
import { paymentById } from '../queries.ts';

export const INVOICE_QUEUE = 'payments.invoice';
/** A thousand payments a reconciliation confirmed: the job gives each its own e-invoice job. */
export const INVOICE_BATCH_QUEUE = 'payments.invoice-batch';
export const INVOICE_BATCH_SIZE = 1000;

/** Schedules the e-invoice of a paid payment (one job per payment, whoever asks). */
export function enqueueInvoice(d: Deps, ex: Executor, paymentId: string) {
  return d.jobs.enqueue(ex, { queue: INVOICE_QUEUE, key: `${INVOICE_QUEUE}:${paymentId}`, payload: { paymentId } });
}

/** `enqueueInvoice` for many payments in one statement (the invoice batch job); returns how many were new. */
export function enqueueInvoices(d: Deps, ex: Executor, paymentIds: string[]) {
  return d.jobs.enqueueQuery(
    ex,
    INVOICE_QUEUE,
    sql`select ${`${INVOICE_QUEUE}:`}::text || id as key, jsonb_build_object('paymentId', id) as payload from unnest(${sql.param(paymentIds)}::text[]) as u(id)`,
  );
}

/**
 * The e-invoice of a paid payment, VNPay or bank transfer (the invoice job; idempotent: one invoice
 * per payment). Unusable buyer data is recorded by invoicing with its reason; anything unexpected
 * fails the job, which logs it and retries.
 */
export async function requestInvoice(d: Deps, paymentId: string): Promise<void> {
  const p = await paymentById(d, paymentId);
  if (p.status === 'pending' || p.status === 'cancelled') return;
  // Another module's purpose (a subscriber's bill or top-up) is invoiced by that module's own flow.
  if (p.purpose) return;
  const lines = p.billId ? await billsOf(d).invoiceLines(p.billId) : [await d.contracts.invoiceLine(p.contractId, p.amendmentId, p.amountVnd)];
  const customer = await d.customers.row(p.customerId);
  await d.database.db.transaction((tx) =>
    d.invoicing.requestInvoice(tx, SYSTEM, {
      paymentId: p.id,
      paidAt: p.paidAt ?? d.clock.now(),
      customerId: customer.id,
      contractId: p.contractId,
      buyer: buyerOfCustomer(customer),
      lines: lines.map(({ code, name, unit, quantity, unitPriceVnd, amountVnd, vatRate }) => ({
        code,
        name,
        unit,
        quantity,
        unitPrice: unitPriceVnd,
        amount: amountVnd,
        rate: rateFromCatalog(vatRate),
      })),
    }),
  );
}
