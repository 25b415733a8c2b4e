// Routes are in routes.ts, mounted by app.ts: identity depends on this API, and routes import http/, which imports identity.
export { AuditLog, type AuditEvent, type AuditFilter, type VerifyResult } from './service.ts';
export { fileCheckpoints, memoryCheckpoints, type CheckpointStore } from './checkpoints.ts';
export type { SealResult } from './use-cases/seal-entries.ts';
