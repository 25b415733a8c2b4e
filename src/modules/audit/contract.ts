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
/** Why the chain is broken (ADR 0004): an entry edited, deleted or inserted behind the sealer, a link that does not meet, a cut tail, a head or checkpoint that does not match. */
export const auditBreak = z.enum(['edited', 'deleted', 'unlinked', 'inserted', 'tail_cut', 'head_mismatch', 'checkpoint_mismatch', 'checkpoint_forged']);
/**
 * Whether the hash chain is intact. When broken: `reason`, `brokenAt` (the chain position) and, when
 * an entry can be named, `firstBrokenId`. `pending`: entries not sealed yet; `checkpoint`: the signed
 * head outside the database that the chain was checked against.
 */
export const auditVerify = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenId: z.number().int().optional(),
  reason: auditBreak.optional(),
  brokenAt: z.number().int().optional(),
  pending: z.number().int().optional(),
  checkpoint: z.object({ seq: z.number().int(), at: z.string() }).optional(),
});

export type AuditEntry = z.infer<typeof auditEntry>;
export const auditFacets = z.object({ actions: z.array(z.string()), entityTypes: z.array(z.string()) });
export type AuditFacets = z.infer<typeof auditFacets>;
export type AuditQuery = z.input<typeof auditQuery>;
export type AuditVerify = z.infer<typeof auditVerify>;
