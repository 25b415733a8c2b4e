export { PaymentService } from './service.ts';
export { RECONCILE_QUEUE } from './use-cases/reconcile-day.ts';
export type { BillInvoiceLine, BillPort, VnpaySettings } from './deps.ts';
export { VnpayClient } from './vnpay/client.ts';
export { collectionLedger, type CollectedPayment, type DoneRefund } from './ledger.ts';
