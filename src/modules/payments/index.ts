export { PaymentService, RECONCILE_QUEUE, type VnpaySettings } from './service.ts';
export { paymentRoutes } from './routes.ts';
export { VnpayClient } from './vnpay/client.ts';
export { contractMoneyRoutes } from './contract-money.ts';
