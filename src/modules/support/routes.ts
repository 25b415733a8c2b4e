import { z } from 'zod';
import { ctxOf, guard, pageQuery } from '../../http/auth.ts';
import type { Server } from '../../http/server.ts';
import { instant, localDate } from '../../shared/fields.ts';
import { toCsv, toXlsx } from '../../platform/export.ts';
import { CHANNELS, REQUEST_TYPES, STAGES, type Level } from './domain/levels.ts';
import type { TicketCommand } from './domain/ticket.ts';
import type { SupportService } from './index.ts';

const id = z.object({ id: z.string().max(40) });
const level = z.number().int().min(1, 'level 1–4').max(4, 'level 1–4');
const text = (max: number) => z.string().trim().min(1).max(max);
const statuses = z.enum(['new', 'in_progress', 'waiting_customer', 'resolved', 'closed', 'reopened']);
const filters = {
  scope: z.enum(['mine', 'all']).optional(),
  status: statuses.optional(),
  level: z.coerce.number().int().min(1).max(4).optional(),
  requestType: z.enum(REQUEST_TYPES).optional(),
  stage: z.enum(STAGES).optional(),
  breached: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(100).optional(),
};
const toFilter = <T extends { breached?: 'true' | 'false' }>(q: T) => ({ ...q, breached: q.breached === 'true' });

/** One body for every ticket event; the domain checks which fields each event needs. */
const eventBody = z.discriminatedUnion('event', [
  z.object({ event: z.literal('answer_at_intake'), answer: text(5000) }).strict(),
  z.object({ event: z.literal('forward'), reason: text(2000) }).strict(),
  z.object({ event: z.literal('reclassify'), level, requestType: z.enum(REQUEST_TYPES).optional(), reason: text(2000) }).strict(),
  z.object({ event: z.literal('update_progress'), note: text(5000), expectedCompletionAt: instant.optional() }).strict(),
  z.object({ event: z.literal('request_info'), question: text(5000) }).strict(),
  z.object({ event: z.literal('customer_replied'), message: z.string().trim().max(5000).optional() }).strict(),
  z.object({ event: z.literal('resolve'), answer: text(5000) }).strict(),
  z.object({ event: z.literal('review_satisfied'), comment: z.string().trim().max(2000).optional() }).strict(),
  z.object({ event: z.literal('review_not_satisfied'), comment: z.string().trim().max(2000).optional() }).strict(),
]);

export function supportRoutes(app: Server, support: SupportService) {
  app.post('/api/v1/tickets', {
    schema: {
      tags: ['support'],
      summary: 'Receive a customer request (phiếu ghi): call center, AM/KAM, or the customer on the portal',
      body: z
        .object({
          channel: z.enum(CHANNELS),
          requestType: z.enum(REQUEST_TYPES),
          level: level.optional(),
          subject: text(300),
          description: text(10_000),
          customerPhone: z.string().trim().regex(/^(\+?84|0)\d{9,10}$/, 'Vietnamese phone number').optional(),
          customerId: z.string().max(40).optional(),
          contractId: z.string().max(40).optional(),
        })
        .strict(),
    },
    preValidation: guard('ticket.receive'),
    handler: async (req, reply) => reply.status(201).send(await support.create(ctxOf(req), { ...req.body, level: req.body.level as Level | undefined })),
  });

  app.get('/api/v1/tickets', {
    schema: { tags: ['support'], summary: 'Tickets the caller may see (a customer: their own), soonest due first', querystring: z.object({ ...filters, ...pageQuery }).strict() },
    preValidation: guard(),
    handler: async (req) => support.list(ctxOf(req), toFilter(req.query)),
  });

  app.get('/api/v1/tickets/export', {
    schema: { tags: ['support'], summary: 'The queue as CSV or Excel', querystring: z.object({ format: z.enum(['csv', 'xlsx']).default('csv'), ...filters }).strict() },
    preValidation: guard('ticket.read'),
    handler: async (req, reply) => {
      const { format, ...f } = req.query;
      const rows = await support.exportRows(ctxOf(req), toFilter(f));
      const name = `phieu-yeu-cau.${format}`;
      reply.header('content-disposition', `attachment; filename="${name}"`);
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(toCsv(rows));
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(await toXlsx(rows, 'Phiếu yêu cầu'));
    },
  });

  app.get('/api/v1/tickets/lookup', {
    schema: { tags: ['support'], summary: 'Find the customer by the caller\'s phone number (receivers, within their scope)', querystring: z.object({ phone: z.string().trim().min(3).max(20) }).strict() },
    preValidation: guard('ticket.lookup_customer'),
    handler: async (req) => support.lookup(ctxOf(req), req.query.phone),
  });

  app.get('/api/v1/tickets/review/:token', {
    schema: { tags: ['support'], summary: 'The answer behind an e-mailed review link (no sign-in)', params: z.object({ token: z.string().max(80) }) },
    handler: async (req) => support.reviewInfo(req.params.token),
  });

  app.post('/api/v1/tickets/review/:token', {
    config: { csrf: false },
    schema: { tags: ['support'], summary: 'The customer reviews the answer from the e-mail link', params: z.object({ token: z.string().max(80) }), body: z.object({ satisfied: z.boolean(), comment: z.string().trim().max(2000).optional() }).strict() },
    handler: async (req) => support.reviewByToken(req.params.token, req.body.satisfied, req.body.comment),
  });

  app.get('/api/v1/tickets/:id', {
    schema: { tags: ['support'], summary: 'A ticket with its clocks, allowed events, timeline and attachments', params: id },
    preValidation: guard(),
    handler: async (req) => support.detail(ctxOf(req), req.params.id),
  });

  app.post('/api/v1/tickets/:id/events', {
    schema: { tags: ['support'], summary: 'Move the ticket on: answer, forward, reclassify, progress, ask, reply, resolve, review', params: id, body: eventBody },
    preValidation: guard(),
    handler: async (req) => support.act(ctxOf(req), req.params.id, req.body as TicketCommand),
  });

  app.post('/api/v1/tickets/:id/comments', {
    schema: { tags: ['support'], params: id, body: z.object({ body: text(5000), visibility: z.enum(['internal', 'customer']).default('internal') }).strict() },
    preValidation: guard(),
    handler: async (req) => support.comment(ctxOf(req), req.params.id, req.body.body, req.body.visibility),
  });

  app.post('/api/v1/tickets/:id/attachments', {
    bodyLimit: 8 * 1024 * 1024,
    schema: { tags: ['support'], summary: 'Attach a file (PDF, PNG or JPEG, at most 5 MB, base64 in JSON)', params: id, body: z.object({ name: text(200), contentBase64: z.string().min(1) }).strict() },
    preValidation: guard(),
    handler: async (req, reply) => reply.status(201).send(await support.addAttachment(ctxOf(req), req.params.id, req.body)),
  });

  app.get('/api/v1/tickets/:id/attachments/:fileId', {
    schema: { tags: ['support'], params: z.object({ id: z.string().max(40), fileId: z.string().max(40) }) },
    preValidation: guard(),
    handler: async (req, reply) => {
      const f = await support.attachment(ctxOf(req), req.params.id, req.params.fileId);
      return reply.type(f.mime).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`).header('x-content-type-options', 'nosniff').send(f.content);
    },
  });

  app.get('/api/v1/support/dashboard', {
    schema: { tags: ['support'], summary: 'Open tickets by level and unit, SLA compliance, breaches, handling time', querystring: z.object({ from: localDate, to: localDate }).strict() },
    preValidation: guard('support.dashboard'),
    handler: async (req) => support.dashboard(ctxOf(req), req.query.from, req.query.to),
  });

  app.get('/api/v1/support/sla-policies', {
    schema: { tags: ['support'] },
    preValidation: guard('ticket.read'),
    handler: async () => ({ items: Object.values(await support.policies()) }),
  });

  app.put('/api/v1/support/sla-policies/:requestType', {
    schema: {
      tags: ['support'],
      summary: 'Edit an SLA policy (applies to new resolution cycles)',
      params: z.object({ requestType: z.enum(REQUEST_TYPES) }),
      body: z
        .object({
          mode: z.enum(['elapsed', 'working']),
          stageMin: z.object({ ctkv: z.number().int().min(1), ttcntt: z.number().int().min(1).nullable() }).strict(),
          totalMin: z.number().int().min(1),
          warning: z.object({ percent: z.number().int().min(1).max(99).nullable(), minutesBefore: z.number().int().min(1).nullable() }).strict(),
          progressEveryMin: z.number().int().min(1).nullable(),
        })
        .strict(),
    },
    preValidation: guard('support.manage'),
    handler: async (req) => support.setPolicy(ctxOf(req), req.params.requestType, req.body),
  });
}
