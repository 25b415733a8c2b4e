export { PaymentService } from './service.ts';
export { RECONCILE_QUEUE } from './use-cases/reconcile-day.ts';
export type { BillInvoiceLine, BillPort, PurposePort, VnpaySettings } from './deps.ts';
export type { AttemptOptions } from './use-cases/start-attempt.ts';
export type { PaymentRow } from './queries.ts';
export { VnpayClient } from './vnpay/client.ts';
export { collectionLedger, paymentsReceived, type CollectedPayment, type DoneRefund, type ReceivedPayment } from './ledger.ts';
