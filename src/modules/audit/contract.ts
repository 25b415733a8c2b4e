import { z } from 'zod';
import { instant, instantOut, pageQuery, paged } from '../../shared/fields.ts';

/** The audit trail's HTTP contract: the entries (newest first, filterable) and the chain check. */

export const auditEntry = z.object({
  id: z.number().int(),
  at: instantOut,
  actorId: z.string().nullable(),
  actorName: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});
export const auditQuery = z
  .object({
    actor: z.string().trim().max(100).optional(),
    action: z.string().trim().max(100).optional(),
    entityType: z.string().trim().max(50).optional(),
    entityId: z.string().trim().max(60).optional(),
    from: instant.optional(),
    to: instant.optional(),
    ...pageQuery,
  })
  .strict();
export const auditPage = paged(auditEntry);
/** Whether the hash chain is intact; `firstBrokenId` is the first entry found edited, or where a cut tail begins. */
export const auditVerify = z.object({ ok: z.boolean(), checked: z.number().int(), firstBrokenId: z.number().int().optional() });

export type AuditEntry = z.infer<typeof auditEntry>;
export type AuditQuery = z.input<typeof auditQuery>;
export type AuditVerify = z.infer<typeof auditVerify>;
