/** The contracts module's public API: the module object, its types and its demo seed (app.ts mounts `routes.ts`). */
export { CONTRACT_JOBS, createContracts, type ContractService } from './module.ts';
export type { PaymentLinkFn, ProvisioningPort, ResumeGuard, ServiceAccount, ServiceChange, ServiceListener } from './deps.ts';
export type { PaymentConfirmation } from './use-cases/confirm-payment.ts';
export type { ContractStatus } from './contract.ts';
export { seedDemoContracts } from './seed.ts';
/** The contracts module's error codes; payments throws PAYMENT_MISMATCH from here too. */
export { contractsError } from './errors.ts';
