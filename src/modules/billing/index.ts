/** The billing module's public API: bills of postpaid contracts, bill runs, the paid hook. */
export { createBilling, type BillingService } from './module.ts';
export { billingRoutes } from './routes.ts';
export type { BillPaidListener, BillingModuleDeps } from './deps.ts';
export type { BillRow, BillLineRow } from './queries.ts';
export { BILL_MACHINE, BILL_STATUSES, OPEN_BILL_STATUSES, type BillStatus } from './domain/bill-lifecycle.ts';
