export { PaymentService } from './service.ts';
export { RECONCILE_QUEUE } from './use-cases/reconcile-day.ts';
export type { VnpaySettings } from './deps.ts';
export { VnpayClient } from './vnpay/client.ts';
