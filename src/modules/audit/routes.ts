import { z } from 'zod';
import { guard, pageQuery } from '../../http/auth.ts';
import type { Server } from '../../http/server.ts';
import { instant } from '../../shared/fields.ts';
import type { AuditLog } from './service.ts';

export function auditRoutes(app: Server, audit: AuditLog) {
  app.get('/api/v1/audit', {
    schema: {
      tags: ['audit'],
      summary: 'The audit trail, newest first, filterable',
      querystring: z
        .object({
          actor: z.string().trim().max(100).optional(),
          action: z.string().trim().max(100).optional(),
          entityType: z.string().trim().max(50).optional(),
          entityId: z.string().trim().max(60).optional(),
          from: instant.optional(),
          to: instant.optional(),
          ...pageQuery,
        })
        .strict(),
    },
    preValidation: guard('audit.read'),
    handler: async (req) => audit.list(req.query),
  });

  app.get('/api/v1/audit/verify', {
    schema: {
      tags: ['audit'],
      summary: 'Re-computes the hash chain: any edited or deleted entry is reported',
      response: { 200: z.object({ ok: z.boolean(), checked: z.number(), firstBrokenId: z.number().optional() }) },
    },
    preValidation: guard('audit.read'),
    handler: async () => audit.verify(),
  });
}
