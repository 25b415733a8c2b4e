import { guard } from '../../http/auth.ts';
import type { Server } from '../../http/server.ts';
import * as c from './contract.ts';
import type { AuditLog } from './service.ts';

export function auditRoutes(app: Server, audit: AuditLog) {
  app.get('/api/v1/audit', {
    schema: { tags: ['audit'], summary: 'The audit trail, newest first, filterable', querystring: c.auditQuery, response: { 200: c.auditPage } },
    preValidation: guard('audit.read'),
    handler: async (req) => audit.list(req.query),
  });

  app.get('/api/v1/audit/facets', {
    schema: { tags: ['audit'], summary: 'The actions and entity types in the trail (for the filter)', response: { 200: c.auditFacets } },
    preValidation: guard('audit.read'),
    handler: async () => audit.facets(),
  });

  app.get('/api/v1/audit/verify', {
    schema: { tags: ['audit'], summary: 'Re-computes the hash chain: any edited or deleted entry is reported', response: { 200: c.auditVerify } },
    preValidation: guard('audit.read'),
    handler: async () => audit.verify(),
  });
}
