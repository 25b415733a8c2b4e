/** The billing module as one object (see index.ts): bill runs, bills, the paid hook. */
import type { Executor } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import type { BillingModuleDeps, BillPaidListener, Deps } from './deps.ts';
import type { BillStatus } from './domain/bill-lifecycle.ts';
import { billRow, billsByStatus, linesOf, openBillsOf } from './queries.ts';
import { applyBillPayment } from './use-cases/apply-bill-payment.ts';
import { markOverdue, markWrittenOff } from './use-cases/change-bill-status.ts';
import { billInvoiceLines } from './use-cases/bill-invoice-lines.ts';

export function createBilling(deps: BillingModuleDeps) {
  const d: Deps = { ...deps, paidListeners: [] };
  deps.payments.useBills({
    paidIn: (tx, ctx, billId, p) => applyBillPayment(d, tx, ctx, billId, p).then(() => undefined),
    invoiceLines: (billId) => billInvoiceLines(d, billId),
  });
  return {
    // Reads and steps collection (debt, commissions) builds on.
    bill: (id: string, ex?: Executor) => billRow(d, id, ex),
    lines: (billId: string, ex?: Executor) => linesOf(d, billId, ex),
    openBillsOf: (contractId: string, ex?: Executor) => openBillsOf(d, contractId, ex),
    billsByStatus: (f: { statuses: BillStatus[]; dueOnOrBefore?: string; limit?: number }, ex?: Executor) => billsByStatus(d, f, ex),
    markOverdue: (tx: Executor, ctx: Ctx, billId: string) => markOverdue(d, tx, ctx, billId),
    markWrittenOff: (tx: Executor, ctx: Ctx, billId: string) => markWrittenOff(d, tx, ctx, billId),
    /** Runs `listener` inside every transaction that records money on a bill. */
    onPaid: (listener: BillPaidListener) => {
      d.paidListeners.push(listener);
    },
  };
}

export type BillingService = ReturnType<typeof createBilling>;
