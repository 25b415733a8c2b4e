export { AuditLog, type AuditEvent, type AuditFilter, type VerifyResult } from './service.ts';
export { auditRoutes } from './routes.ts';
