/** The billing module as one object (see index.ts): bill runs, bills, the paid hook. */
import type { Executor } from '../../db/client.ts';
import type { CollectedPayment } from '../payments/index.ts';
import type { Ctx } from '../../platform/context.ts';
import type { BillingModuleDeps, BillPaidListener, Deps } from './deps.ts';
import type { BillStatus } from './domain/bill-lifecycle.ts';
import { billRow, billsByStatus, billsOfPeriod, linesOf, openBillsOf, recentRuns, runById } from './queries.ts';
import { applyBillPayment } from './use-cases/apply-bill-payment.ts';
import { billInvoiceLines } from './use-cases/bill-invoice-lines.ts';
import { markOverdue, markWrittenOff } from './use-cases/change-bill-status.ts';
import { contractUsage } from './use-cases/contract-usage.ts';
import { BILL_MAIL_QUEUE, notifyBills } from './use-cases/notify-bills.ts';
import { openPaymentOfContractBill } from './use-cases/open-bill-payment.ts';
import { printBill } from './use-cases/print-bill.ts';
import { getBill, listBills, type BillFilter } from './use-cases/read-bills.ts';
import { BILL_RUN_QUEUE, createRun, executeRun, runBillsJob, scheduleMonthlyRun, startRun } from './use-cases/run-bills.ts';

export function createBilling(deps: BillingModuleDeps) {
  const d: Deps = { ...deps, paidListeners: [] };
  deps.payments.useBills({
    paidIn: (tx, ctx, billId, p) => applyBillPayment(d, tx, ctx, billId, p).then(() => undefined),
    invoiceLines: (billId) => billInvoiceLines(d, billId),
    openPayment: (tx, billId, contractId) => openPaymentOfContractBill(d, tx, billId, contractId),
  });
  deps.jobs.register(BILL_RUN_QUEUE, (p: { runId?: string; period?: string }) => runBillsJob(d, p));
  deps.jobs.register(BILL_MAIL_QUEUE, (p: { billIds: string[] }) => notifyBills(d, p));
  return {
    // Bill runs: the API starts one as a job; the CLI runs one here with its progress.
    startRun: (ctx: Ctx, period: string) => startRun(d, ctx, period),
    createRun: (ctx: Ctx, period: string) => createRun(d, ctx, period),
    executeRun: (runId: string, onProgress?: (done: number, total: number) => void) => executeRun(d, runId, onProgress),
    run: (id: string) => runById(d, id),
    runs: () => recentRuns(d),
    scheduleMonthlyRun: (ex?: Executor) => scheduleMonthlyRun(d, ex),
    // Bills and usage as people see them.
    list: (ctx: Ctx, f: BillFilter) => listBills(d, ctx, f),
    detail: (ctx: Ctx, id: string) => getBill(d, ctx, id),
    print: (ctx: Ctx, id: string) => printBill(d, ctx, id),
    contractUsage: (ctx: Ctx, contractId: string, period?: string) => contractUsage(d, ctx, contractId, period),
    // Reads and steps collection (debt, commissions) builds on.
    bill: (id: string, ex?: Executor) => billRow(d, id, ex),
    lines: (billId: string, ex?: Executor) => linesOf(d, billId, ex),
    openBillsOf: (contractId: string, ex?: Executor) => openBillsOf(d, contractId, ex),
    billsByStatus: (f: { statuses: BillStatus[]; dueOnOrBefore?: string; limit?: number }, ex?: Executor) => billsByStatus(d, f, ex),
    billsOfPeriod: (period: string, ex?: Executor) => billsOfPeriod(d, period, ex),
    markOverdue: (tx: Executor, ctx: Ctx, billId: string) => markOverdue(d, tx, ctx, billId),
    markWrittenOff: (tx: Executor, ctx: Ctx, billId: string) => markWrittenOff(d, tx, ctx, billId),
    /** The payments that brought money to a bill (its parts and the rest), as the ledger shows them, for reversals. */
    paidPaymentsOf: async (billId: string, ex?: Executor): Promise<CollectedPayment[]> =>
      (await d.payments.ofBill(billId, ex))
        .filter((p) => p.status !== 'pending' && p.status !== 'cancelled')
        .map(({ id, contractId, amendmentId, billId, amountVnd, method, paidAt, updatedAt }) => ({
          id, contractId, amendmentId, billId, amountVnd, method, paidAt: paidAt ?? updatedAt,
        })),
    /** Runs `listener` inside every transaction that records money on a bill. */
    onPaid: (listener: BillPaidListener) => {
      d.paidListeners.push(listener);
    },
  };
}

export type BillingService = ReturnType<typeof createBilling>;
