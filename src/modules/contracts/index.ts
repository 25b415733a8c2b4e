export { ContractService, CONTRACT_JOBS, type ProvisioningPort, type ServiceAccount, type PaymentConfirmation, type PaymentLinkFn } from './service.ts';
export { contractRoutes } from './routes.ts';
export type { ContractStatus } from './domain/lifecycle.ts';
export { seedDemoContracts } from './seed.ts';
