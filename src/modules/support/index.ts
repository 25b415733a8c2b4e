export { SupportService, SLA_CHECK_QUEUE } from './service.ts';
export { supportRoutes } from './routes.ts';
